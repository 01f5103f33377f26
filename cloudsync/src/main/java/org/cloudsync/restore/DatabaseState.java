package org.cloudsync.restore;

import java.util.Objects;
import java.util.UUID;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.format.plan.StartPoint;

/**
 * A database's real position: what SQL Server would report, or (for the verify engine) what it
 * would hold after the steps accepted so far.
 *
 * @param status absent, restoring, standby or online
 * @param name the database's name on the server
 * @param restorePoint the restore point {@code p}: the next log applies when {@code FirstLSN <= p <
 *     LastLSN}; null when absent, or when a restore was interrupted before the server recorded one
 *     (only a full can then be applied)
 * @param recoveryForkId the recovery fork the database is on, null when unknown
 * @param baseBackupSetGuid the BackupSetGUID of the full the database was restored from (the base a
 *     differential must name), null when unknown
 * @param backupDatabaseName the database name recorded in the backups restored (logs of another
 *     database are refused), null when unknown
 * @param backupVersion the SQL Server version that wrote the full restored, null when unknown
 * @param identity a stable identity that survives a rename and changes when the database is
 *     replaced (dropped, restored over); null when absent. The verify engine draws a random UUID at
 *     each initial restore; the SQL Server engine uses {@code database_id@create_date}.
 */
public record DatabaseState(
    DatabaseStatus status,
    String name,
    Lsn restorePoint,
    UUID recoveryForkId,
    UUID baseBackupSetGuid,
    String backupDatabaseName,
    SoftwareVersion backupVersion,
    String identity) {

  public DatabaseState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(name, "name");
    if (status == DatabaseStatus.ABSENT && restorePoint != null) {
      throw new IllegalArgumentException("an absent database has no restore point");
    }
  }

  /** No database named {@code name}. */
  public static DatabaseState absent(String name) {
    return new DatabaseState(DatabaseStatus.ABSENT, name, null, null, null, null, null, null);
  }

  /** Whether further logs can be restored: restoring or standby with a known restore point. */
  public boolean acceptsLogs() {
    return (status == DatabaseStatus.RESTORING || status == DatabaseStatus.STANDBY)
        && restorePoint != null;
  }

  /** The planner's starting point, or null when the database cannot take logs. */
  public StartPoint startPoint() {
    return acceptsLogs() ? new StartPoint(restorePoint, recoveryForkId) : null;
  }

  public DatabaseState withName(String n) {
    return new DatabaseState(
        status,
        n,
        restorePoint,
        recoveryForkId,
        baseBackupSetGuid,
        backupDatabaseName,
        backupVersion,
        identity);
  }

  /** One line for status output: {@code 'db' RESTORING at 25000000013200001}. */
  public String describe() {
    StringBuilder sb = new StringBuilder("'").append(name).append("' ").append(status);
    if (restorePoint != null) {
      sb.append(" at ").append(restorePoint.toDecimalString());
    } else if (status != DatabaseStatus.ABSENT) {
      sb.append(" (no restore point)");
    }
    return sb.toString();
  }
}
