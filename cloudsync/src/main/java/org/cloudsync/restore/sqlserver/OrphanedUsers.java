package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
