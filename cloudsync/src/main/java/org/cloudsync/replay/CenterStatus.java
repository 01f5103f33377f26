package org.cloudsync.replay;

import java.time.LocalDateTime;
import java.util.Objects;
import org.cloudsync.format.Lsn;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
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
    LockHolder syncing) {

  public CenterStatus {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(engine, "engine");
  }

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
