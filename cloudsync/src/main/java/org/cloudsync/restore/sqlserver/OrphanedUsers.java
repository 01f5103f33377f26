package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Database users of a restored database with no matching login on this server ("orphaned" users):
 * readers of a standby copy log in through such users, and a read-only standby cannot remap them
 * itself. Each is reported with the SID its login must be created with, so that the operator
 * creates the login once and it matches in every later restore. Readable only when the database is
 * in standby or online.
 */
public final class OrphanedUsers {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private OrphanedUsers() {}

  /**
   * A user without a login.
   *
   * @param type SQL Server's principal type: {@code S} SQL user, {@code U} Windows user, {@code G}
   *     Windows group
   */
  public record Orphan(String user, String type, byte[] sid) {
    public Orphan {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(type, "type");
      sid = sid.clone();
    }

    /**
     * An orphan as the ledger keeps it.
     *
     * @param sidHex {@code 0x...}, as {@link #sidHex()} gives it
     */
    public static Orphan of(String user, String type, String sidHex) {
      if (sidHex == null || !sidHex.regionMatches(true, 0, "0x", 0, 2)) {
        throw new IllegalArgumentException("not a SID in 0x form: " + sidHex);
      }
      return new Orphan(user, type, HEX.parseHex(sidHex.substring(2)));
    }

    @Override
    public byte[] sid() {
      return sid.clone();
    }

    /** {@code SQL user}, {@code Windows user} or {@code Windows group}. */
    public String typeName() {
      return switch (type) {
        case "S" -> "SQL user";
        case "U" -> "Windows user";
        case "G" -> "Windows group";
        default -> "principal type " + type;
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Orphan x
          && x.user.equals(user)
          && x.type.equals(type)
          && Arrays.equals(x.sid, sid);
    }

    @Override
    public int hashCode() {
      return Objects.hash(user, type, Arrays.hashCode(sid));
    }

    @Override
    public String toString() {
      return user + " (" + typeName() + ", SID " + sidHex() + ")";
    }

    /** {@code 0x...}, as {@code CREATE LOGIN ... SID =} takes it. */
    public String sidHex() {
      return "0x" + HEX.formatHex(sid);
    }

    /**
     * The statement creating the matching login: for a SQL user with its SID (the password is the
     * operator's to choose); for a Windows user or group, from Windows (the SID comes from the
     * domain).
     */
    public String createLogin() {
      String login = SqlText.identifier("login name", user);
      return "S".equals(type)
          ? "CREATE LOGIN " + login + " WITH PASSWORD = N'<choose a password>', SID = " + sidHex()
          : "CREATE LOGIN " + login + " FROM WINDOWS";
    }
  }

  static String query(String database) {
    String db = SqlText.identifier("database name", database);
    return "SELECT dp.name, dp.type, dp.sid FROM "
        + db
        + ".sys.database_principals AS dp"
        + " LEFT JOIN sys.server_principals AS sp ON sp.sid = dp.sid"
        + " WHERE dp.type IN ('S', 'U', 'G') AND dp.principal_id > 4"
        + " AND dp.authentication_type_desc <> 'NONE' AND sp.sid IS NULL"
        + " ORDER BY dp.name";
  }

  /** The orphaned users of {@code database}. */
  public static List<Orphan> find(SqlSession session, String database) throws SQLException {
    List<Orphan> out = new ArrayList<>();
    for (Row r : session.query(query(database))) {
      out.add(new Orphan(r.string("name"), r.string("type").strip(), r.bytes("sid")));
    }
    return out;
  }
}
