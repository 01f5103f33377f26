package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** The registered SQL Server instances. */
public final class ServerStore {
  private static final String COLUMNS =
      "name, jdbc_url, login, password_encrypted, data_dir, log_dir, standby_dir, path_maps,"
          + " max_concurrent_restores, created_at, updated_at";

  private final Ledger ledger;

  public ServerStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Adds an instance.
   *
   * @throws CloudsyncException {@code SERVER_EXISTS} when the name is taken
   */
  public void insert(ServerRow row) {
    try {
      ledger.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO servers ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              ps.setString(1, row.name());
              ps.setString(2, row.jdbcUrl());
              ps.setString(3, row.login());
              ps.setString(4, row.passwordEncrypted());
              ps.setString(5, row.dataDir());
              ps.setString(6, row.logDir());
              ps.setString(7, row.standbyDir());
              ps.setString(8, row.pathMaps().isEmpty() ? null : String.join("\n", row.pathMaps()));
              ps.setInt(9, row.maxConcurrentRestores());
              Rows.setTime(ps, 10, row.createdAt());
              Rows.setTime(ps, 11, row.updatedAt());
              ps.executeUpdate();
            }
            return null;
          });
    } catch (CloudsyncException e) {
      if (e.getCause() instanceof SQLException s && Rows.isUniqueViolation(s)) {
        throw new CloudsyncException(
            ErrorCode.SERVER_EXISTS,
            "SQL Server '" + row.name() + "' is registered already",
            "remove it first with 'cloudsync server remove "
                + row.name()
                + "', or choose another name");
      }
      throw e;
    }
  }

  /** The instance with this name, if any. */
  public Optional<ServerRow> find(String name) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM servers WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * The instance with this name.
   *
   * @throws CloudsyncException {@code SERVER_NOT_FOUND}
   */
  public ServerRow get(String name) {
    return find(name).orElseThrow(() -> notFound(name));
  }

  /** Every instance, by name. */
  public List<ServerRow> list() {
    return ledger.inTransaction(
        c -> Rows.list(c, "SELECT " + COLUMNS + " FROM servers ORDER BY name", ServerStore::read));
  }

  /** The ids of the centers placed on the instance, in order. */
  public List<CenterId> centersOn(String name) {
    return ledger.inTransaction(
        c ->
            Rows.list(
                c,
                "SELECT id FROM centers WHERE server_name = ? ORDER BY id",
                rs -> new CenterId(rs.getString(1)),
                name));
  }

  /**
   * Removes an instance no center is placed on.
   *
   * @throws CloudsyncException {@code SERVER_NOT_FOUND}, or {@code SERVER_IN_USE} naming the
   *     centers still on it
   */
  public void delete(String name) {
    ledger.inTransaction(
        c -> {
          get(name);
          List<CenterId> on = centersOn(name);
          if (!on.isEmpty()) {
            throw new CloudsyncException(
                ErrorCode.SERVER_IN_USE,
                "SQL Server '" + name + "' still holds health center(s) " + on,
                "move them first: 'cloudsync center edit ID --server OTHER' or '--no-server'");
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM servers WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
          }
          return null;
        });
  }

  static CloudsyncException notFound(String name) {
    return new CloudsyncException(
        ErrorCode.SERVER_NOT_FOUND,
        "SQL Server '" + name + "' is not registered",
        "'cloudsync server list' shows the registered instances;"
            + " 'cloudsync server add' registers one");
  }

  private static ServerRow read(ResultSet rs) throws SQLException {
    String maps = rs.getString("path_maps");
    return new ServerRow(
        rs.getString("name"),
        rs.getString("jdbc_url"),
        rs.getString("login"),
        rs.getString("password_encrypted"),
        rs.getString("data_dir"),
        rs.getString("log_dir"),
        rs.getString("standby_dir"),
        maps == null ? List.of() : Arrays.asList(maps.split("\n")),
        rs.getInt("max_concurrent_restores"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }
}
