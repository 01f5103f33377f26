package org.cloudsync.format.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.format.plan.Backups.FORK_A;
import static org.cloudsync.format.plan.Backups.FORK_B;
import static org.cloudsync.format.plan.Backups.diff;
import static org.cloudsync.format.plan.Backups.full;
import static org.cloudsync.format.plan.Backups.guid;
import static org.cloudsync.format.plan.Backups.log;
import static org.cloudsync.format.plan.Backups.lsn;
import static org.cloudsync.format.plan.Backups.renamed;
import static org.cloudsync.format.plan.Backups.with;
import static org.cloudsync.format.plan.PlanChecks.codes;
import static org.cloudsync.format.plan.PlanChecks.plan;
import static org.cloudsync.format.plan.PlanChecks.skipReason;
import static org.cloudsync.format.plan.PlanChecks.steps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;

/** The planner's rules on small synthetic chains built in code. */
class PlannerRulesTest {
  // A full, then logs 100..200..300..400..500 at 15-minute intervals.
  private static final BackupFile FULL = full("full.bak", 90, 150, 0);
  private static final BackupFile L1 = log("l1.trn", 100, 200, 15);
  private static final BackupFile L2 = log("l2.trn", 200, 300, 30);
  private static final BackupFile L3 = log("l3.trn", 300, 400, 45);
  private static final BackupFile L4 = log("l4.trn", 400, 500, 60);

  private static List<String> only(String... paths) {
    return List.of(paths);
  }

  @Test
  void aMissingLogIsAGapNamingTheRangeTheNeighboursAndTheirTimes() {
    RestorePlan plan = plan(List.of(FULL, L1, L3, L4), PlanRequest.all());

    assertThat(steps(plan)).containsExactly(only("full.bak"), only("l1.trn"));
    assertThat(codes(plan)).containsExactly(ErrorCode.LSN_GAP);
    ChainProblem gap = plan.problems().get(0);
    assertThat(gap.fromLsn()).isEqualTo(lsn(200));
    assertThat(gap.toLsn()).isEqualTo(lsn(300));
    assertThat(gap.files()).containsExactly("l1.trn", "l3.trn");
    assertThat(gap.message())
        .contains("lsn 200 to 300")
        .contains("'l1.trn'")
        .contains("started 2026-01-05 00:15:00, finished 2026-01-05 00:15:30")
        .contains("'l3.trn'")
        .contains("started 2026-01-05 00:45:00")
        .contains("2 log backup set(s) lie beyond the gap")
        .contains("\nhint: ");
    assertThat(skipReason(plan, "l4.trn")).contains("after the missing lsn range");
  }

  @Test
  void aGapRightAfterTheFullNamesTheFull() {
    RestorePlan plan = plan(List.of(FULL, L2), PlanRequest.all());

    assertThat(steps(plan)).containsExactly(only("full.bak"));
    assertThat(plan.problems().get(0).files()).containsExactly("full.bak", "l2.trn");
    assertThat(plan.problems().get(0).fromLsn()).isEqualTo(lsn(150));
  }

  @Test
  void logsOnAnotherRecoveryForkAreReportedAndLeftOut() {
    List<BackupFile> files =
        List.of(
            with(FULL, b -> b.recoveryForkId(FORK_A)),
            with(L1, b -> b.recoveryForkId(FORK_A)),
            with(log("other-fork.trn", 200, 350, 20), b -> b.recoveryForkId(FORK_B)),
            with(L2, b -> b.recoveryForkId(FORK_A)),
            L3);

    RestorePlan plan = plan(files, PlanRequest.all());

    assertThat(steps(plan))
        .containsExactly(only("full.bak"), only("l1.trn"), only("l2.trn"), only("l3.trn"));
    assertThat(codes(plan)).containsExactly(ErrorCode.RECOVERY_FORK_MISMATCH);
    assertThat(plan.problems().get(0).files()).containsExactly("other-fork.trn");
    assertThat(plan.problems().get(0).message())
        .contains(FORK_B.toString())
        .contains(FORK_A.toString());
    assertThat(skipReason(plan, "other-fork.trn")).contains("recovery fork " + FORK_B);
  }

  @Test
  void aStartPointOnAnotherForkRejectsLogsOfTheOldFork() {
    List<BackupFile> files = List.of(with(L2, b -> b.recoveryForkId(FORK_A)));

    RestorePlan plan = plan(files, PlanRequest.all().withStart(new StartPoint(lsn(250), FORK_B)));

    assertThat(plan.steps()).isEmpty();
    assertThat(codes(plan)).containsExactly(ErrorCode.RECOVERY_FORK_MISMATCH);
  }

  @Test
  void filesOfAnotherDatabaseAreNamedWhenADatabaseIsGiven() {
    BackupFile stranger = with(log("other.trn", 1, 2, 5), b -> b.databaseName("billing"));

    RestorePlan plan = plan(List.of(FULL, L1, stranger), PlanRequest.all().withDatabase("CLINIC"));

    assertThat(plan.database()).isEqualTo("clinic");
    assertThat(steps(plan)).containsExactly(only("full.bak"), only("l1.trn"));
    assertThat(codes(plan)).containsExactly(ErrorCode.OTHER_DATABASE);
    assertThat(plan.problems().get(0).files()).containsExactly("other.trn");
    assertThat(plan.problems().get(0).message()).contains("'billing'").contains("'other.trn'");
  }

  @Test
  void severalDatabasesWithoutAChoiceIsAProblemAndNoPlan() {
    BackupFile stranger = with(full("other.bak", 1, 2, 5), b -> b.databaseName("billing"));

    RestorePlan plan = plan(List.of(FULL, L1, stranger), PlanRequest.all());

    assertThat(plan.database()).isNull();
    assertThat(plan.steps()).isEmpty();
    assertThat(codes(plan)).containsExactly(ErrorCode.MULTIPLE_DATABASES);
    assertThat(plan.problems().get(0).message()).contains("'clinic'").contains("'billing'");
  }

  @Test
  void namesDifferingOnlyInCaseOrTrailingSpacesAreOneDatabase() {
    BackupFile shouting = with(L1, b -> b.databaseName("CLINIC  "));

    RestorePlan plan = plan(List.of(FULL, shouting), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps()).hasSize(2);
  }

  @Test
  void aDatabaseGivenButAbsentHasNoFull() {
    RestorePlan plan = plan(List.of(FULL, L1), PlanRequest.all().withDatabase("billing"));

    assertThat(plan.steps()).isEmpty();
    assertThat(codes(plan)).containsExactly(ErrorCode.OTHER_DATABASE, ErrorCode.NO_FULL_BACKUP);
  }

  @Test
  void aDiffOnAnAbsentBaseThatWouldGoFurtherIsReported() {
    BackupFile orphan = diff("orphan.bak", "absent-full.bak", 50, 600, 700, 90);

    RestorePlan plan = plan(List.of(FULL, L1, L2, orphan), PlanRequest.all());

    assertThat(steps(plan)).containsExactly(only("full.bak"), only("l1.trn"), only("l2.trn"));
    assertThat(codes(plan)).containsExactly(ErrorCode.DIFF_BASE_MISSING);
    ChainProblem problem = plan.problems().get(0);
    assertThat(problem.files()).containsExactly("orphan.bak");
    assertThat(problem.message())
        .contains(guid("absent-full.bak").toString())
        .contains("beyond lsn 300");
    assertThat(problem.toLsn()).isEqualTo(lsn(700));
  }

  @Test
  void aDiffOnAnAbsentBaseThatTheLogsOvertakeIsOnlySkipped() {
    BackupFile orphan = diff("orphan.bak", "absent-full.bak", 50, 160, 250, 25);

    RestorePlan plan = plan(List.of(FULL, L1, L2, L3, orphan), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(skipReason(plan, "orphan.bak")).contains("is absent; not needed");
  }

  @Test
  void aDiffOnAnOlderFullPresentIsSkipped() {
    BackupFile older = full("older.bak", 10, 40, -60);
    BackupFile diffOnOlder = diff("d-old.bak", "older.bak", 10, 60, 80, -30);

    RestorePlan plan = plan(List.of(older, diffOnOlder, FULL, L1), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(steps(plan)).containsExactly(only("full.bak"), only("l1.trn"));
    assertThat(skipReason(plan, "d-old.bak"))
        .contains("'older.bak', which is not the one restored");
  }

  @Test
  void noFullAtAllIsReportedAndEveryFileSkipped() {
    RestorePlan plan = plan(List.of(L1, L2), PlanRequest.all());

    assertThat(plan.steps()).isEmpty();
    assertThat(codes(plan)).containsExactly(ErrorCode.NO_FULL_BACKUP);
    assertThat(skipReason(plan, "l1.trn")).contains("no complete full backup");
  }

  @Test
  void onlyADiffIsNoFullAndAMissingBase() {
    RestorePlan plan =
        plan(List.of(diff("d.bak", "full.bak", 90, 200, 210, 20)), PlanRequest.all());

    assertThat(codes(plan)).containsExactly(ErrorCode.NO_FULL_BACKUP, ErrorCode.DIFF_BASE_MISSING);
  }

  @Test
  void aFullLackingAStripeWithNoOtherFullIsMissingStripeAndNoFull() {
    BackupFile half =
        with(FULL, b -> b.familyCount(3).familySequenceNumber(2).backupSetGuid(guid("striped")));

    RestorePlan plan = plan(List.of(half, L1), PlanRequest.all());

    assertThat(codes(plan)).containsExactly(ErrorCode.MISSING_STRIPE, ErrorCode.NO_FULL_BACKUP);
    assertThat(plan.problems().get(0).message()).contains("families 1, 3 of 3");
  }

  @Test
  void stripesInAnyOrderBecomeOneStepInFamilyOrder() {
    BackupFile s2 =
        with(renamed(FULL, "a-second.bak"), b -> b.familyCount(2).familySequenceNumber(2));
    BackupFile s1 =
        with(renamed(FULL, "z-first.bak"), b -> b.familyCount(2).familySequenceNumber(1));

    RestorePlan plan = plan(List.of(s2, L1, s1), PlanRequest.all());

    assertThat(steps(plan)).containsExactly(only("z-first.bak", "a-second.bak"), only("l1.trn"));
  }

  @Test
  void duplicateDeliveriesCollapseToOneStep() {
    RestorePlan plan =
        plan(
            List.of(FULL, L1, renamed(L1, "again/l1.trn"), L2, renamed(FULL, "again/full.bak")),
            PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(steps(plan))
        .containsExactly(only("again/full.bak"), only("again/l1.trn"), only("l2.trn"));
    assertThat(skipReason(plan, "l1.trn"))
        .contains("duplicate delivery")
        .contains("'again/l1.trn'");
    assertThat(skipReason(plan, "full.bak")).contains("duplicate delivery");
  }

  @Test
  void emptyLogsAndLogsBeforeTheFullAreSkipped() {
    BackupFile before = log("l0.trn", 20, 90, -10);
    BackupFile empty = log("empty.trn", 300, 300, 40);

    RestorePlan plan = plan(List.of(before, FULL, L1, L2, empty, L3), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps()).hasSize(4);
    assertThat(skipReason(plan, "l0.trn")).contains("ends at lsn 90, at or before lsn 150");
    assertThat(skipReason(plan, "empty.trn")).contains("empty log");
  }

  @Test
  void overlappingLogsUseTheOneReachingFurthest() {
    BackupFile wide = log("wide.trn", 150, 400, 50);

    RestorePlan plan = plan(List.of(FULL, L1, L2, wide, L3, L4), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(steps(plan)).containsExactly(only("full.bak"), only("wide.trn"), only("l4.trn"));
    assertThat(skipReason(plan, "l1.trn")).contains("covered");
    assertThat(skipReason(plan, "l3.trn")).contains("covered");
  }

  @Test
  void inputOrderDoesNotChangeThePlan() {
    List<BackupFile> files = new ArrayList<>(List.of(FULL, L1, L2, L3, L4));
    RestorePlan ordered = plan(files, PlanRequest.all());
    Collections.shuffle(files, new Random(42));
    Collections.reverse(files);

    RestorePlan shuffled = plan(files, PlanRequest.all());

    assertThat(shuffled).isEqualTo(ordered);
    assertThat(steps(shuffled))
        .containsExactly(
            only("full.bak"), only("l1.trn"), only("l2.trn"), only("l3.trn"), only("l4.trn"));
  }

  @Test
  void aStartPointPlansOnlyTheLogsFromTheOneHoldingIt() {
    RestorePlan plan =
        plan(List.of(FULL, L1, L2, L3, L4), PlanRequest.all().withStart(StartPoint.at(lsn(250))));

    assertThat(plan.isComplete()).isTrue();
    assertThat(steps(plan)).containsExactly(only("l2.trn"), only("l3.trn"), only("l4.trn"));
    assertThat(skipReason(plan, "full.bak")).contains("already stands at lsn 250");
    assertThat(skipReason(plan, "l1.trn")).contains("error 4326");
  }

  @Test
  void aStartPointAtALogsLastLsnStartsWithTheNextLog() {
    RestorePlan plan =
        plan(List.of(L1, L2, L3), PlanRequest.all().withStart(StartPoint.at(lsn(200))));

    assertThat(steps(plan)).containsExactly(only("l2.trn"), only("l3.trn"));
  }

  @Test
  void aStartPointBeforeTheFirstLogIsTooRecent4305() {
    RestorePlan plan = plan(List.of(L3, L4), PlanRequest.all().withStart(StartPoint.at(lsn(250))));

    assertThat(plan.steps()).isEmpty();
    assertThat(codes(plan)).containsExactly(ErrorCode.LOG_TOO_RECENT);
    ChainProblem problem = plan.problems().get(0);
    assertThat(problem.message())
        .contains("begins at lsn 300")
        .contains("too recent to apply to the database")
        .contains("an earlier log backup that includes lsn 250 can be restored")
        .contains("4305");
    assertThat(problem.fromLsn()).isEqualTo(lsn(250));
    assertThat(problem.toLsn()).isEqualTo(lsn(300));
    assertThat(problem.files()).containsExactly("l3.trn");
    assertThat(skipReason(plan, "l3.trn")).startsWith("too recent").contains("error 4305");
    assertThat(skipReason(plan, "l4.trn")).startsWith("too recent");
  }

  @Test
  void aStartPointAfterEveryLogIsNothingToDoWith4326Reasons() {
    RestorePlan plan = plan(List.of(L1, L2), PlanRequest.all().withStart(StartPoint.at(lsn(300))));

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps()).isEmpty();
    assertThat(skipReason(plan, "l1.trn")).contains("too early, error 4326");
    assertThat(skipReason(plan, "l2.trn")).contains("at or before the restore point 300");
  }

  @Test
  void aGapAfterTheStartPointIsAGapNotTooRecent() {
    RestorePlan plan =
        plan(List.of(L1, L2, L4), PlanRequest.all().withStart(StartPoint.at(lsn(150))));

    assertThat(steps(plan)).containsExactly(only("l1.trn"), only("l2.trn"));
    assertThat(codes(plan)).containsExactly(ErrorCode.LSN_GAP);
  }

  @Test
  void ignoreLogsWithAStartPointPlansNothing() {
    RestorePlan plan =
        plan(List.of(L1, L2), new PlanRequest(null, StartPoint.at(lsn(150)), false, true, null));

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps()).isEmpty();
    assertThat(skipReason(plan, "l1.trn")).contains("ignored by request");
  }

  @Test
  void aDiffWithoutGuidMatchesItsBaseByLsn() {
    BackupFile d =
        with(diff("d.bak", "full.bak", 90, 210, 260, 35), b -> b.differentialBaseGuid(null));

    RestorePlan plan = plan(List.of(FULL, L1, L2, d, L3), PlanRequest.all());

    assertThat(steps(plan))
        .containsExactly(only("full.bak"), only("d.bak"), only("l2.trn"), only("l3.trn"));
  }

  @Test
  void logsOfAnotherForkThatEndBeforeTheFullAreOnlySkipped() {
    List<BackupFile> files =
        List.of(
            with(log("old-fork.trn", 20, 90, -10), b -> b.recoveryForkId(FORK_B)),
            with(FULL, b -> b.recoveryForkId(FORK_A)),
            L1);

    RestorePlan plan = plan(files, PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(skipReason(plan, "old-fork.trn")).contains("at or before lsn 150");
  }

  /** The benchmark's generated year (one full, 35,040 shuffled logs) plans completely. */
  @Test
  void aYearOfFifteenMinuteLogsPlansCompletely() {
    List<BackupFile> year = PlannerBenchmark.year(PlannerBenchmark.LOGS);

    RestorePlan plan = Planner.plan(year, PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps()).hasSize(PlannerBenchmark.LOGS + 1);
    assertThat(plan.skipped()).isEmpty();
    for (int i = 2; i < plan.steps().size(); i++) {
      assertThat(plan.steps().get(i).firstLsn()).isEqualTo(plan.steps().get(i - 1).lastLsn());
    }
  }

  @Test
  void aNewerDiffLackingAStripeIsReportedAndTheOlderDiffUsed() {
    BackupFile d1 = diff("d1.bak", "full.bak", 90, 160, 210, 20);
    BackupFile d2 = with(diff("d2.bak", "full.bak", 90, 210, 310, 35), b -> b.familyCount(2));

    RestorePlan plan = plan(List.of(FULL, d1, d2, L2, L3), PlanRequest.all());

    assertThat(steps(plan))
        .containsExactly(only("full.bak"), only("d1.bak"), only("l2.trn"), only("l3.trn"));
    assertThat(codes(plan)).containsExactly(ErrorCode.MISSING_STRIPE);
    assertThat(plan.problems().get(0).message())
        .contains("family 2 of 2")
        .contains("falls back to the older differential 'd1.bak'");
  }

  /** Problems, skip reasons and choices all come out the same whatever the order of the input. */
  @Test
  void inputOrderDoesNotChangeProblemsOrSkipReasons() {
    BackupFile full = with(FULL, b -> b.recoveryForkId(FORK_A));
    List<BackupFile> files =
        new ArrayList<>(
            List.of(
                full,
                renamed(full, "b/full.bak"),
                renamed(full, "a/full.bak"),
                L1,
                with(log("fork-1.trn", 150, 260, 20), b -> b.recoveryForkId(FORK_B)),
                with(log("fork-2.trn", 260, 280, 25), b -> b.recoveryForkId(FORK_B)),
                L3,
                L4,
                diff("orphan-1.bak", "gone.bak", 5, 600, 700, 90),
                diff("orphan-2.bak", "gone.bak", 5, 700, 800, 95),
                with(log("other-db.trn", 1, 2, 1), b -> b.databaseName("billing")),
                with(log("other-db2.trn", 2, 3, 2), b -> b.databaseName("billing"))));
    RestorePlan first = plan(files, PlanRequest.all().withDatabase("clinic"));
    assertThat(codes(first))
        .containsExactly(
            ErrorCode.OTHER_DATABASE,
            ErrorCode.RECOVERY_FORK_MISMATCH,
            ErrorCode.LSN_GAP,
            ErrorCode.DIFF_BASE_MISSING);

    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(files, random);
      assertThat(plan(files, PlanRequest.all().withDatabase("clinic"))).isEqualTo(first);
    }
  }
}
