package org.cloudsync.restore;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.RestoreStep;

/** Restore steps built in code, with chosen LSNs, GUIDs, stripes, databases and forks. */
public final class SyntheticSteps {
  public static final List<DatabaseFile> FILES =
      List.of(
          new DatabaseFile(1, 1, "Sales", "C:\\SQL\\Sales.mdf", 8L << 20),
          new DatabaseFile(2, 0, "Sales_log", "C:\\SQL\\Sales_log.ldf", 1L << 20));

  private SyntheticSteps() {}

  public static Lsn lsn(long decimal) {
    return Lsn.parse(Long.toString(decimal));
  }

  public static BackupHeader.Builder header(BackupType type, String db, long first, long last) {
    return BackupHeader.builder()
        .backupType(type)
        .databaseName(db)
        .serverName("SYNTH")
        .firstLsn(lsn(first))
        .lastLsn(lsn(last))
        .backupStartDate(LocalDateTime.of(2026, 11, 1, 3, 0))
        .backupSetGuid(UUID.randomUUID())
        .softwareVersion(new SoftwareVersion(15, 0, 2000))
        .files(type == BackupType.LOG ? List.of() : FILES);
  }

  public static RestoreStep step(String path, BackupHeader h) {
    return new RestoreStep(List.of(new BackupFile(path, h)));
  }

  public static RestoreStep full(String db, UUID set, long first, long last) {
    return step(
        db + "_full.bak", header(BackupType.FULL, db, first, last).backupSetGuid(set).build());
  }

  public static RestoreStep diff(String db, UUID base, long first, long last) {
    return step(
        db + "_diff_" + last + ".bak",
        header(BackupType.DIFFERENTIAL, db, first, last).differentialBaseGuid(base).build());
  }

  public static RestoreStep log(String db, long first, long last) {
    return step(db + "_log_" + first + ".trn", header(BackupType.LOG, db, first, last).build());
  }

  public static RestoreStep log(String db, long first, long last, UUID fork) {
    return step(
        db + "_log_" + first + ".trn",
        header(BackupType.LOG, db, first, last).recoveryForkId(fork).build());
  }

  /** A striped full: the given families of {@code count}, all of one backup set. */
  public static RestoreStep stripedFull(String db, UUID set, int count, int... families) {
    List<BackupFile> files = new ArrayList<>();
    for (int f : families) {
      files.add(
          new BackupFile(
              db + "_stripe" + f + ".bak",
              header(BackupType.FULL, db, 1000, 2000)
                  .backupSetGuid(set)
                  .familyCount(count)
                  .familySequenceNumber(f)
                  .build()));
    }
    return new RestoreStep(files);
  }
}
