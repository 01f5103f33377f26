package org.cloudsync.ledger;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;

/**
 * The header fields the ledger keeps for a backup file. Nullable: checkpointLsn, databaseBackupLsn,
 * backupStart, backupFinish (local time of the server that took the backup).
 */
public record HeaderSummary(
    BackupType type,
    String databaseName,
    Lsn firstLsn,
    Lsn lastLsn,
    Lsn checkpointLsn,
    Lsn databaseBackupLsn,
    UUID backupSetGuid,
    int familySequence,
    int familyCount,
    int position,
    LocalDateTime backupStart,
    LocalDateTime backupFinish) {

  public HeaderSummary {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(firstLsn, "firstLsn");
    Objects.requireNonNull(lastLsn, "lastLsn");
    Objects.requireNonNull(backupSetGuid, "backupSetGuid");
  }

  /** The summary of a header read from a file. */
  public static HeaderSummary of(BackupHeader h) {
    return new HeaderSummary(
        h.backupType(),
        h.databaseName(),
        h.firstLsn(),
        h.lastLsn(),
        h.checkpointLsn(),
        h.databaseBackupLsn(),
        h.backupSetGuid(),
        h.familySequenceNumber(),
        h.familyCount(),
        h.position(),
        h.backupStartDate(),
        h.backupFinishDate());
  }
}
