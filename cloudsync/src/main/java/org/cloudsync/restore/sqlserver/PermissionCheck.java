package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Checks, at {@code server add}, that the service login holds the least privileges cloudsync needs,
 * and says which are missing. The least-privilege setup (run by a DBA once):
 *
 * <pre>{@code
 * USE master;
 * CREATE LOGIN cloudsync WITH PASSWORD = N'...';
 * ALTER SERVER ROLE dbcreator ADD MEMBER cloudsync;  -- create and restore databases; see sys.master_files
 * GRANT VIEW SERVER STATE TO cloudsync;              -- restore progress, reader sessions, free space
 * GRANT ALTER ANY CONNECTION TO cloudsync;           -- end readers of a standby database (KILL)
 * CREATE USER cloudsync FOR LOGIN cloudsync;         -- in master
 * GRANT CREATE CERTIFICATE TO cloudsync;             -- install the centers' TDE certificates
 * -- The database master key in master: either the DBA creates it once
 * --   (CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'...'), or grant CONTROL ON DATABASE::master
 * --   to cloudsync for the first server add and revoke it afterwards.
 * USE msdb;
 * CREATE USER cloudsync FOR LOGIN cloudsync;
 * GRANT SELECT ON dbo.restorehistory TO cloudsync;    -- reconcile the restore position
 * GRANT SELECT ON dbo.backupset TO cloudsync;
 * }</pre>
 *
 * <p>A member of {@code sysadmin} holds all of these. {@code dbcreator} lets the login restore over
 * databases it created; it becomes the owner of each database it restores.
 */
public final class PermissionCheck {
  static final String SQL =
      "SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'CREATE ANY DATABASE') AS create_any_database,"
          + " IS_SRVROLEMEMBER('dbcreator') AS dbcreator,"
          + " IS_SRVROLEMEMBER('sysadmin') AS sysadmin,"
          + " HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS view_server_state,"
          + " HAS_PERMS_BY_NAME(NULL, NULL, 'ALTER ANY CONNECTION') AS alter_any_connection,"
          + " HAS_PERMS_BY_NAME('master', 'DATABASE', 'CREATE CERTIFICATE') AS create_certificate,"
          + " HAS_PERMS_BY_NAME('master', 'DATABASE', 'CONTROL') AS control_master,"
          + " (SELECT COUNT(*) FROM master.sys.symmetric_keys"
          + " WHERE name = '##MS_DatabaseMasterKey##') AS master_key_exists,"
          + " HAS_PERMS_BY_NAME('msdb.dbo.restorehistory', 'OBJECT', 'SELECT') AS read_restorehistory,"
          + " HAS_PERMS_BY_NAME('msdb.dbo.backupset', 'OBJECT', 'SELECT') AS read_backupset";

  private PermissionCheck() {}

  /** One missing permission: what it is for and how to grant it. */
  public record Missing(String permission, String neededFor, String grant) {}

  /** The permissions the login lacks; empty when it has all. */
  public static List<Missing> missing(SqlSession session) throws SQLException {
    Row r = session.query(SQL).get(0);
    List<Missing> out = new ArrayList<>();
    if (is(r, "sysadmin")) {
      return out;
    }
    if (!is(r, "create_any_database") && !is(r, "dbcreator")) {
      out.add(
          new Missing(
              "CREATE ANY DATABASE (dbcreator)",
              "restoring databases",
              "ALTER SERVER ROLE dbcreator ADD MEMBER <login>"));
    }
    if (!is(r, "view_server_state")) {
      out.add(
          new Missing(
              "VIEW SERVER STATE",
              "restore progress, reader sessions, free space",
              "GRANT VIEW SERVER STATE TO <login>"));
    }
    if (!is(r, "alter_any_connection")) {
      out.add(
          new Missing(
              "ALTER ANY CONNECTION",
              "ending readers of a standby database",
              "GRANT ALTER ANY CONNECTION TO <login>"));
    }
    if (!is(r, "create_certificate")) {
      out.add(
          new Missing(
              "CREATE CERTIFICATE in master",
              "installing TDE certificates",
              "USE master; CREATE USER <login> FOR LOGIN <login>; GRANT CREATE CERTIFICATE TO"
                  + " <login>"));
    }
    if (!is(r, "master_key_exists") && !is(r, "control_master")) {
      out.add(
          new Missing(
              "CONTROL on master (or an existing database master key)",
              "creating the database master key that protects TDE certificates",
              "have a DBA run CREATE MASTER KEY in master once, or GRANT CONTROL ON"
                  + " DATABASE::master TO <login>"));
    }
    if (!is(r, "read_restorehistory") || !is(r, "read_backupset")) {
      out.add(
          new Missing(
              "SELECT on msdb.dbo.restorehistory and msdb.dbo.backupset",
              "reconciling the restore position",
              "USE msdb; CREATE USER <login> FOR LOGIN <login>; GRANT SELECT ON"
                  + " dbo.restorehistory TO <login>; GRANT SELECT ON dbo.backupset TO <login>"));
    }
    return out;
  }

  /**
   * Throws {@code SERVER_PERMISSION_MISSING} listing every missing permission, with the statement
   * granting each as a hint.
   */
  public static void require(SqlSession session, String login) throws SQLException {
    List<Missing> missing = missing(session);
    if (missing.isEmpty()) {
      return;
    }
    List<String> hints = new ArrayList<>();
    StringBuilder what = new StringBuilder();
    for (Missing m : missing) {
      if (what.length() > 0) {
        what.append("; ");
      }
      what.append(m.permission()).append(" (for ").append(m.neededFor()).append(')');
      hints.add(m.grant().replace("<login>", SqlText.identifier("login", login)));
    }
    throw new CloudsyncException(
        ErrorCode.SERVER_PERMISSION_MISSING, "login '" + login + "' lacks: " + what, hints, null);
  }

  private static boolean is(Row r, String column) {
    Integer v = r.integer(column);
    return v != null && v > 0;
  }
}
