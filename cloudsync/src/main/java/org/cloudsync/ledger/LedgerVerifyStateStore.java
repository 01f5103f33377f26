package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.verify.VerifyStateStore;

/**
 * The verify engine's state in the ledger ({@code verify_state}, and {@code verify_old_copies} for
 * the old copies it models), keyed by center id. A save inside {@link Ledger#inTransaction} joins
 * it, so the apply phase records a verified file and the state it leads to in one transaction.
 */
public final class LedgerVerifyStateStore implements VerifyStateStore {
  private final Ledger ledger;

  public LedgerVerifyStateStore(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public Optional<DatabaseState> load(String key) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT status, database_name, restore_lsn, recovery_fork, base_guid,"
                      + " backup_db_name, backup_version, db_identity FROM verify_state"
                      + " WHERE center_id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void save(String key, DatabaseState s) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM verify_state WHERE center_id = ?")) {
            del.setString(1, key);
            del.executeUpdate();
          }
          insert(c, "verify_state", "updated_at", key, s);
          return null;
        });
  }

  @Override
  public List<DatabaseState> oldCopies(String key) {
    return ledger.inTransaction(
        c ->
            Rows.list(
                c,
                "SELECT status, database_name, restore_lsn, recovery_fork, base_guid,"
                    + " backup_db_name, backup_version, db_identity FROM verify_old_copies"
                    + " WHERE center_id = ? ORDER BY kept_at, database_name",
                LedgerVerifyStateStore::read,
                key));
  }

  @Override
  public void saveOldCopy(String key, DatabaseState s) {
    ledger.inTransaction(
        c -> {
          removeOldCopy(key, s.name());
          insert(c, "verify_old_copies", "kept_at", key, s);
          return null;
        });
  }

  /**
   * One row of {@code table} (a state or a kept copy) for {@code s}, stamped now in {@code time}.
   */
  private void insert(Connection c, String table, String time, String key, DatabaseState s)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (center_id, database_name, status, restore_lsn, recovery_fork, base_guid,"
                + " backup_db_name, backup_version, db_identity, "
                + time
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, s.name());
      ps.setString(3, s.status().name());
      Rows.setLsn(ps, 4, s.restorePoint());
      ps.setString(5, text(s.recoveryForkId()));
      ps.setString(6, text(s.baseBackupSetGuid()));
      ps.setString(7, s.backupDatabaseName());
      ps.setString(8, s.backupVersion() == null ? null : s.backupVersion().toString());
      ps.setString(9, s.identity());
      Rows.setTime(ps, 10, OffsetDateTime.now(ledger.clock()));
      ps.executeUpdate();
    }
  }

  @Override
  public void removeOldCopy(String key, String name) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM verify_old_copies WHERE center_id = ? AND database_name = ?")) {
            ps.setString(1, key);
            ps.setString(2, name);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }

  private static DatabaseState read(ResultSet rs) throws SQLException {
    DatabaseStatus status = DatabaseStatus.valueOf(rs.getString("status"));
    String version = rs.getString("backup_version");
    return new DatabaseState(
        status,
        rs.getString("database_name"),
        status == DatabaseStatus.ABSENT ? null : Rows.lsn(rs, "restore_lsn"),
        uuid(rs.getString("recovery_fork")),
        uuid(rs.getString("base_guid")),
        rs.getString("backup_db_name"),
        version == null ? null : SoftwareVersion.parse(version),
        rs.getString("db_identity"));
  }
}
