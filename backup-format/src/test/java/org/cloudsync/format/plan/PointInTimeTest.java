package org.cloudsync.format.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.format.plan.Backups.FORK_A;
import static org.cloudsync.format.plan.Backups.FORK_B;
import static org.cloudsync.format.plan.Backups.T0;
import static org.cloudsync.format.plan.Backups.full;
import static org.cloudsync.format.plan.Backups.log;
import static org.cloudsync.format.plan.Backups.lsn;
import static org.cloudsync.format.plan.PlanChecks.codes;
import static org.cloudsync.format.plan.PlanChecks.plan;
import static org.cloudsync.format.plan.PlanChecks.skipReason;
import static org.cloudsync.format.plan.PlanChecks.steps;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Point-in-time plans ({@code stopAt}): fulls and diffs must have finished by then, and the last
 * log is the first one that finished at or after it. The dbatools cases with a restore time are its
 * tests: {@code broken_chain.json} and the inline copy-only case.
 */
class PointInTimeTest {
  private static final LocalDateTime DAY = LocalDateTime.of(2025, 1, 1, 0, 0);

  private static PlanRequest at(LocalDateTime stopAt) {
    return new PlanRequest(null, null, false, false, stopAt);
  }

  @Test
  void brokenChainAtItsRestoreTimeEndsWithTheLogThatStartsAfterIt() throws IOException {
    List<BackupFile> files = ChainCaseJson.files(Corpus.chainCases().resolve("broken_chain.json"));

    RestorePlan plan = plan(files, at(LocalDateTime.of(2017, 7, 16, 17, 51, 30)));

    // dbatools asserts 3 items: the full and 2 logs, record 2 in, the empty record 3 out.
    assertThat(plan.isComplete()).isTrue();
    assertThat(steps(plan))
        .containsExactly(List.of("record-0"), List.of("record-1"), List.of("record-2"));
    assertThat(skipReason(plan, "record-3")).contains("empty log");
  }

  /** The inline case of Select-DbaBackupInformation.Tests.ps1, sets named by BackupSetID. */
  private static List<BackupFile> copyOnlyCase() {
    return List.of(
        set("1", BackupType.FULL, "00:00", "00:10", 50, 200, 100, FORK_A, false),
        set("2", BackupType.FULL, "01:00", "01:10", 250, 400, 300, FORK_A, true),
        set("5", BackupType.LOG, "01:45", "01:50", 350, 425, 0, FORK_B, false),
        set("3", BackupType.LOG, "02:00", "02:05", 350, 450, 0, FORK_A, false),
        set("4", BackupType.LOG, "03:00", "03:05", 451, 550, 0, FORK_A, false));
  }

  private static BackupFile set(
      String id,
      BackupType type,
      String start,
      String end,
      long first,
      long last,
      long checkpoint,
      UUID fork,
      boolean copyOnly) {
    BackupHeader header =
        BackupHeader.builder()
            .backupType(type)
            .databaseName("copyonly")
            .firstLsn(lsn(first))
            .lastLsn(lsn(last))
            .checkpointLsn(lsn(checkpoint))
            .databaseBackupLsn(lsn(100))
            .backupSetGuid(Backups.guid("set-" + id))
            .backupStartDate(DAY.with(LocalTime.parse(start)))
            .backupFinishDate(DAY.with(LocalTime.parse(end)))
            .recoveryForkId(fork)
            .copyOnly(copyOnly)
            .build();
    return new BackupFile(id, header);
  }

  /**
   * dbatools selects (2, 3, 4) without a restore time. SQL Server's rules differ twice, and they
   * win: log 4 begins at 451 while log 3 ends at 450, which SQL Server would refuse (an LSN gap of
   * one; the synthetic test data is not contiguous), and log 5 on fork-b is reported, not silently
   * dropped. The copy-only full 2 is still the start, and its logs still carry the older full's
   * DatabaseBackupLSN (100), which does not matter.
   */
  @Test
  void copyOnlyCaseWithoutRestoreTimeDiffersFromDbatoolsAtTheGap() {
    RestorePlan plan = plan(copyOnlyCase(), PlanRequest.all());

    assertThat(steps(plan)).containsExactly(List.of("2"), List.of("3"));
    assertThat(codes(plan)).containsExactly(ErrorCode.RECOVERY_FORK_MISMATCH, ErrorCode.LSN_GAP);
    assertThat(plan.problems().get(1).fromLsn()).isEqualTo(lsn(450));
    assertThat(plan.problems().get(1).toLsn()).isEqualTo(lsn(451));
    assertThat(skipReason(plan, "5")).contains("recovery fork");
    assertThat(skipReason(plan, "1")).contains("older full");
  }

  /** dbatools' asserted logs per RestoreTime; at 02:30 it adds log 4, which SQL Server refuses. */
  @ParameterizedTest
  @CsvSource({"01:30, false", "02:00, false", "02:02, false", "02:05, false", "02:30, true"})
  void copyOnlyCaseAtARestoreTimeEndsWithLogThree(String time, boolean reachesTheGap) {
    RestorePlan plan = plan(copyOnlyCase(), at(DAY.with(LocalTime.parse(time))));

    assertThat(steps(plan)).containsExactly(List.of("2"), List.of("3"));
    if (reachesTheGap) {
      assertThat(codes(plan)).containsExactly(ErrorCode.RECOVERY_FORK_MISMATCH, ErrorCode.LSN_GAP);
    } else {
      assertThat(codes(plan)).containsExactly(ErrorCode.RECOVERY_FORK_MISMATCH);
      assertThat(skipReason(plan, "4")).contains("after the point in time");
    }
  }

  @Test
  void backupsFinishedAfterThePointInTimeAreNotUsed() {
    BackupFile older = full("older.bak", 10, 50, -60);
    BackupFile newer = full("newer.bak", 160, 250, 20);
    List<BackupFile> files =
        List.of(
            older,
            log("l0.trn", 40, 100, -30),
            log("l1.trn", 100, 200, 15),
            newer,
            log("l2.trn", 200, 300, 30),
            log("l3.trn", 300, 400, 45));

    RestorePlan plan = plan(files, at(T0.plusMinutes(20)));

    assertThat(plan.isComplete()).isTrue();
    assertThat(steps(plan))
        .containsExactly(
            List.of("older.bak"), List.of("l0.trn"), List.of("l1.trn"), List.of("l2.trn"));
    assertThat(skipReason(plan, "newer.bak")).contains("after the point in time");
  }

  @Test
  void aPointInTimeBeforeEveryFullHasNoFull() {
    RestorePlan plan = plan(List.of(full("f.bak", 10, 50, 10), log("l.trn", 40, 90, 20)), at(T0));

    assertThat(plan.steps()).isEmpty();
    assertThat(codes(plan)).containsExactly(ErrorCode.NO_FULL_BACKUP);
    assertThat(plan.problems().get(0).message()).contains("finished by 2026-01-05 00:00:00");
  }
}
