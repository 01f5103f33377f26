package org.cloudsync.restore.sqlserver;

import java.util.Objects;

/**
 * Where and how a plan is restored on a SQL Server.
 *
 * @param database the name the database gets on the server (often the name in the backups)
 * @param dataDir the server-side directory for data files, or null to keep the paths recorded in
 *     the backup (no {@code MOVE}); given together with {@code logDir}
 * @param logDir the server-side directory for log files, or null; given together with {@code
 *     dataDir}
 * @param standbyDir the server-side directory for the standby undo file, or null to leave the
 *     database restoring ({@code NORECOVERY}) after the last step
 * @param undoStem what the standby undo file is named after, null for {@code database}
 */
public record RestoreTarget(
    String database, String dataDir, String logDir, String standbyDir, String undoStem) {
  public RestoreTarget(String database, String dataDir, String logDir, String standbyDir) {
    this(database, dataDir, logDir, standbyDir, null);
  }

  public RestoreTarget {
    Objects.requireNonNull(database, "database");
    if ((dataDir == null) != (logDir == null)) {
      throw new IllegalArgumentException("data and log directories go together: give both or none");
    }
  }

  /** Restores {@code database} in place (no MOVE), leaving it restoring. */
  public static RestoreTarget of(String database) {
    return new RestoreTarget(database, null, null, null);
  }

  public RestoreTarget withDirectories(String data, String log) {
    return new RestoreTarget(database, data, log, standbyDir, undoStem);
  }

  public RestoreTarget withStandby(String dir) {
    return new RestoreTarget(database, dataDir, logDir, dir, undoStem);
  }

  /** Whether data and log files are moved ({@code WITH MOVE}). */
  public boolean relocates() {
    return dataDir != null;
  }
}
