package org.cloudsync.restore.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.CorpusHeaders;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.SyntheticSteps;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner and the verify engine together, the way a replay cycle uses them: read the position,
 * plan from it, apply step by step with the night's options, stop at the first refusal. (The cycle
 * itself, with the ledger, lives elsewhere; this shows the contract holds.)
 */
class VerifyPlannerCycleTest {
  private final VerifyEngine engine = new VerifyEngine(new InMemoryVerifyStateStore());

  /** One cycle: returns the outcomes, stopping at the first that did not succeed. */
  private List<StepOutcome> cycle(TargetDatabase t, List<BackupFile> files, boolean standby) {
    DatabaseState position = engine.position(t);
    RestorePlan plan = Planner.plan(files, PlanRequest.all().withStart(position.startPoint()));
    List<StepOutcome> outcomes = new ArrayList<>();
    List<RestoreStep> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      StepOutcome o =
          engine.apply(
              t, steps.get(i), ApplyOptions.forNight(i, steps.size(), standby), StepProgress.NONE);
      outcomes.add(o);
      if (!o.succeeded()) {
        break;
      }
    }
    return outcomes;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RestoreTimeClean/",
        "sql2008-backups/StopAt/",
        "sql2008-backups/RestoreTimeStripe/",
        "sql2008-backups/ft1/",
        "DoubleDiffing/",
        "sql2008-backups/SimpleRecovery/",
        "restoretimeclean2016/"
      })
  void everyCorpusPlanIsVerifiedStepByStep(String dir) {
    List<BackupFile> files =
        CorpusHeaders.load().all().stream().filter(f -> f.path().startsWith(dir)).toList();
    TargetDatabase t = TargetDatabase.of(dir, files.get(0).header().databaseName());
    List<StepOutcome> outcomes = cycle(t, files, true);
    assertThat(outcomes).isNotEmpty();
    assertThat(outcomes)
        .allSatisfy(
            o -> assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.VERIFIED));
    // A second cycle finds nothing left to do.
    assertThat(cycle(t, files, true)).isEmpty();
  }

  @Test
  void restoreTimeCleanArrivingNightByNightEndsWhereTheWholeChainDoes() {
    CorpusHeaders c = CorpusHeaders.load();
    TargetDatabase t = TargetDatabase.of("rtc", "RestoreTimeClean");
    List<BackupFile> seen = new ArrayList<>();
    String d = "RestoreTimeClean/RestoreTimeClean";
    List<List<String>> nights =
        List.of(
            List.of(d + ".bak"),
            List.of(d + "_1.trn", d + "_2.trn"),
            List.of(d + "_3.trn", d + "2.bak", d + "2_1.trn"),
            List.of(d + "2_2.trn", d + "2_3.trn"));
    for (List<String> night : nights) {
      night.forEach(p -> seen.add(c.file(p)));
      assertThat(cycle(t, seen, true)).allMatch(StepOutcome::succeeded);
    }
    assertThat(engine.position(t).restorePoint().toDecimalString()).isEqualTo("25000000022000001");
  }

  /**
   * Crashes at seeded random points of a 30-night feed, 50 runs: before a step, or between a step
   * and its record. The cycle notes the step in flight before applying it; a restart reads the
   * engine's position, records the in-flight step when the position is at or past its LastLSN (it
   * was applied, the record was lost), then plans from the position. The end equals an
   * uninterrupted run, and every log is recorded exactly once.
   */
  @Test
  void crashesBetweenApplyAndRecordNeitherSkipNorRepeat() {
    List<BackupFile> feed = new ArrayList<>();
    feed.add(
        new BackupFile(
            "full.bak",
            SyntheticSteps.header(BackupType.FULL, "Sales", 100_001, 150_001)
                .backupSetGuid(UUID.randomUUID())
                .build()));
    long p = 100_001;
    List<List<BackupFile>> nights = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      List<BackupFile> night = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        night.add(
            new BackupFile(
                "n" + n + "_" + i + ".trn",
                SyntheticSteps.header(BackupType.LOG, "Sales", p, p + 100_000).build()));
        p += 100_000;
      }
      nights.add(night);
    }
    Random random = new Random(20261126L);
    int crashes = 0;
    for (int run = 0; run < 50; run++) {
      VerifyEngine e = new VerifyEngine(new InMemoryVerifyStateStore());
      TargetDatabase t = TargetDatabase.of("c", "Sales");
      List<BackupFile> seen = new ArrayList<>(feed);
      List<String> recorded = new ArrayList<>();
      RestoreStep inFlight = null;
      for (List<BackupFile> night : nights) {
        seen.addAll(night);
        boolean done = false;
        while (!done) {
          // Restart: reconcile the step in flight with the engine's position.
          DatabaseState position = e.position(t);
          if (inFlight != null) {
            if (position.restorePoint() != null
                && !position.restorePoint().isBefore(inFlight.lastLsn())
                && !recorded.contains(inFlight.paths().get(0))) {
              recorded.add(inFlight.paths().get(0));
            }
            inFlight = null;
          }
          RestorePlan plan = Planner.plan(seen, PlanRequest.all().withStart(position.startPoint()));
          List<RestoreStep> steps = plan.steps();
          done = true;
          for (int i = 0; i < steps.size(); i++) {
            int crash = random.nextInt(12); // 0: before the step, 1: before its record
            if (crash == 0) {
              done = false;
              crashes++;
              break;
            }
            inFlight = steps.get(i);
            StepOutcome o =
                e.apply(
                    t,
                    steps.get(i),
                    ApplyOptions.forNight(i, steps.size(), true),
                    StepProgress.NONE);
            assertThat(o.succeeded()).as(o.describe()).isTrue();
            if (crash == 1) {
              done = false;
              crashes++;
              break;
            }
            recorded.add(steps.get(i).paths().get(0));
            inFlight = null;
          }
        }
      }
      assertThat(recorded).doesNotHaveDuplicates().hasSize(1 + 30 * 4);
      assertThat(e.position(t).restorePoint()).isEqualTo(SyntheticSteps.lsn(p));
    }
    assertThat(crashes).isGreaterThan(500);
  }
}
