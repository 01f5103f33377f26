package org.cloudsync.replay;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.cloudsync.format.Lsn;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.RestoreProgress;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.lock.LockHolder;
import org.cloudsync.restore.DatabaseState;

/**
 * Where one center stands, for {@code cloudsync status}.
 *
 * @param engine {@code verify} or {@code sqlserver}
 * @param restoresData false for the verify engine: nothing was restored
 * @param server the SQL Server instance, null for the verify engine
 * @param database the database's state, null when it could not be read ({@code positionError} says
 *     why)
 * @param lastFile the last file applied (or verified), null when none
 * @param filesPending files validated and not yet applied or verified
 * @param lastError the latest failure recorded for the center, null when none
 * @param progress the step being applied or applied last, with the percentage its engine reported
 *     (none for the verify engine), null when no step was ever started
 * @param users the last check for database users without a login (SQL Server only), null when none
 *     was made (always for the verify engine, which knows no users)
 * @param oldCopies the old copies side-by-side re-baselines kept and not yet dropped, oldest first
 * @param syncing the process syncing the center right now (holding its lock), null when none
 */
public record CenterStatus(
    CenterId center,
    String name,
    boolean paused,
    String engine,
    boolean restoresData,
    String server,
    DatabaseState database,
    String positionError,
    LastFile lastFile,
    int filesPending,
    Problem lastError,
    RestoreProgress progress,
    UserCheck users,
    List<OldCopy> oldCopies,
    LockHolder syncing) {

  public CenterStatus {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(engine, "engine");
    oldCopies = oldCopies == null ? List.of() : List.copyOf(oldCopies);
  }

  /**
   * An old copy a side-by-side re-baseline kept.
   *
   * @param name the database's name on the server (or in the verify engine's model)
   * @param engine the engine that kept it and will drop it
   * @param keptSince when the new copy took the live name
   * @param dropAfter when its retention ends: the first sync after it drops the copy
   * @param lastDropAttempt why the last attempt did not drop it, null when none was made
   */
  public record OldCopy(
      String name,
      String engine,
      OffsetDateTime keptSince,
      OffsetDateTime dropAfter,
      String lastDropAttempt) {}

  /**
   * The last file applied or verified.
   *
   * @param path {@code BLOB!ENTRY} for a zip entry, the blob's name for a plain backup blob
   * @param backupFinish when the backup finished (the server's local time): the data is current
   *     through this time
   */
  public record LastFile(String path, FileState state, Lsn lastLsn, LocalDateTime backupFinish) {}

  /**
   * A failure.
   *
   * @param subject the file or database concerned, null when none
   */
  public record Problem(String code, String message, String subject, java.time.OffsetDateTime at) {}

  /** SQL Server's name for the state: {@code RESTORING}, {@code ONLINE} (standby or not), ... */
  public String stateName() {
    if (database == null) {
      return "UNKNOWN";
    }
    return switch (database.status()) {
      case ABSENT -> "ABSENT";
      case RESTORING -> "RESTORING";
      case STANDBY, ONLINE -> "ONLINE";
    };
  }

  /** Whether the database is a readable standby. */
  public boolean standby() {
    return database != null && database.status() == org.cloudsync.restore.DatabaseStatus.STANDBY;
  }
}
