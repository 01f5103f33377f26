package org.cloudsync.format.plan;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;

/**
 * Synthetic planner input built in code: small LSNs, times in minutes after a fixed start, and
 * BackupSetGUIDs derived from the name so that a test can say which set a file belongs to.
 */
final class Backups {
  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 5, 0, 0);
  static final UUID FORK_A = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
  static final UUID FORK_B = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000002");

  private Backups() {}

  static Lsn lsn(long decimal) {
    return Lsn.fromDecimal(BigInteger.valueOf(decimal));
  }

  static UUID guid(String setName) {
    return UUID.nameUUIDFromBytes(setName.getBytes(StandardCharsets.UTF_8));
  }

  /** A header of {@code type} named {@code set}, started {@code minute} minutes after T0. */
  static BackupHeader.Builder header(
      BackupType type, String set, long first, long last, int minute) {
    return BackupHeader.builder()
        .backupType(type)
        .databaseName("clinic")
        .serverName("ecw-sql01")
        .firstLsn(lsn(first))
        .lastLsn(lsn(last))
        .checkpointLsn(lsn(first))
        .backupSetGuid(guid(set))
        .backupStartDate(T0.plusMinutes(minute))
        .backupFinishDate(T0.plusMinutes(minute).plusSeconds(30));
  }

  static BackupFile full(String name, long first, long last, int minute) {
    return new BackupFile(name, header(BackupType.FULL, name, first, last, minute).build());
  }

  static BackupFile diff(
      String name, String baseFull, long baseCheckpoint, long first, long last, int minute) {
    return new BackupFile(
        name,
        header(BackupType.DIFFERENTIAL, name, first, last, minute)
            .differentialBaseGuid(guid(baseFull))
            .differentialBaseLsn(lsn(baseCheckpoint))
            .databaseBackupLsn(lsn(baseCheckpoint))
            .build());
  }

  static BackupFile log(String name, long first, long last, int minute) {
    return new BackupFile(name, header(BackupType.LOG, name, first, last, minute).build());
  }

  static BackupFile with(BackupFile file, UnaryOperator<BackupHeader.Builder> change) {
    return new BackupFile(file.path(), change.apply(file.header().toBuilder()).build());
  }

  static BackupFile renamed(BackupFile file, String path) {
    return new BackupFile(path, file.header());
  }
}
