package org.cloudsync.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.RestoreProgress;
import org.cloudsync.ledger.RestoreProgressStore;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;
import org.cloudsync.restore.verify.InMemoryVerifyStateStore;
import org.cloudsync.restore.verify.VerifyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore progress from an engine to the ledger, the CLI's listener and {@code status}, with a fake
 * progress source in place of SQL Server's {@code STATS} messages (none can run here): an engine
 * that follows SQL Server's rules (the verify engine's) and reports every percent of each step,
 * reading what the ledger holds as it goes.
 */
class RestoreProgressFlowTest {
  @TempDir Path tmp;

  /** Reports 0 to 100 in steps of 1; fails at {@code failAt} when set. */
  static final class ReportingEngine implements RestoreEngine {
    final VerifyEngine rules = new VerifyEngine(new InMemoryVerifyStateStore());
    final RestoreProgressStore ledger;
    final FeedLedger f;
    int failAt = -1;

    /** Per step: the percentage sent, then what the ledger held right after. */
    final List<Map<Integer, Integer>> seen = new ArrayList<>();

    ReportingEngine(FeedLedger f) {
      this.f = f;
      this.ledger = new RestoreProgressStore(f.ledger);
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public boolean restoresData() {
      return true;
    }

    @Override
    public DatabaseState position(TargetDatabase target) {
      return rules.position(target);
    }

    @Override
    public StepOutcome apply(
        TargetDatabase target, RestoreStep step, ApplyOptions options, StepProgress progress) {
      Map<Integer, Integer> step1 = new LinkedHashMap<>();
      seen.add(step1);
      for (int p = 0; p < 100; p++) {
        if (p == failAt) {
          return StepOutcome.failed(
              name(),
              step,
              rules.position(target),
              Refusal.of(ErrorCode.SERVER_DISK_FULL, 3257, "disk full at " + p + "%", "free"));
        }
        progress.percent(p);
        step1.put(p, ledger.find(FeedLedger.CENTER).orElseThrow().percent());
      }
      StepOutcome o = rules.apply(target, step, options, StepProgress.NONE);
      if (!o.succeeded()) {
        return o;
      }
      progress.percent(100);
      step1.put(100, ledger.find(FeedLedger.CENTER).orElseThrow().percent());
      return StepOutcome.success(name(), StepOutcome.Kind.APPLIED, step, o.after());
    }

    @Override
    public org.cloudsync.restore.SpaceCheck checkSpace(
        TargetDatabase target, RestoreStep full, org.cloudsync.restore.SpaceCheck.Mode mode) {
      return rules.checkSpace(target, full, mode);
    }

    @Override
    public org.cloudsync.restore.OldCopyDrop dropOldCopy(
        TargetDatabase target, String name, String identity) {
      return rules.dropOldCopy(target, name, identity);
    }
  }

  /** What the CLI's progress listener hears. */
  static final class Display implements ApplyProgress {
    final List<String> events = new ArrayList<>();

    @Override
    public StepProgress started(RunningStep step) {
      events.add("start " + step.label());
      return p -> events.add(String.valueOf(p));
    }

    @Override
    public void finished(RunningStep step, StepOutcome outcome) {
      events.add("end " + outcome.kind().word());
    }
  }

  @Test
  void theEnginesPercentagesReachTheDisplayInFullAndTheLedgerEachTenPercent() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1).fullStripes(2))) {
      Display display = new Display();
      f.apply.withProgress(display);
      ReportingEngine engine = new ReportingEngine(f);
      f.deliver(f.fulls().get(0));
      ApplyReport r = f.applyWith(engine, f.centers.placement(FeedLedger.CENTER), false);
      assertThat(r.stop()).isNull();
      assertThat(f.inState(FileState.APPLIED)).hasSize(2);

      // The display hears every percentage, between the step's start and end.
      assertThat(display.events).hasSize(1 + 101 + 1);
      assertThat(display.events.get(0)).startsWith("start riverside: full ").endsWith("(1/1)");
      assertThat(display.events.get(51)).isEqualTo("50");
      assertThat(display.events.get(102)).isEqualTo("end applied");

      // The ledger holds the last tenth passed on while the step runs: 11 writes, not 101.
      Map<Integer, Integer> seen = engine.seen.get(0);
      assertThat(seen.get(0)).isZero();
      assertThat(seen.get(9)).isZero();
      assertThat(seen.get(15)).isEqualTo(10);
      assertThat(seen.get(99)).isEqualTo(90);
      assertThat(seen.get(100)).isEqualTo(100);
      assertThat(seen.values().stream().distinct())
          .containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);

      RestoreProgress done = new RestoreProgressStore(f.ledger).find(FeedLedger.CENTER).get();
      assertThat(done.state()).isEqualTo("done");
      assertThat(done.percent()).isEqualTo(100);
      assertThat(done.engine()).isEqualTo("scripted");
      assertThat(done.stepType()).isEqualTo("full");
      assertThat(done.files()).hasSize(2);
      assertThat(done.stepNumber()).isEqualTo(1);
      assertThat(done.stepCount()).isEqualTo(1);

      // status reads it from the ledger.
      CenterStatus status = new StatusReader(f.ledger, f.centers, f.engines).read(f.center());
      assertThat(status.progress()).isEqualTo(done);

      // The night's logs: one row per center, the last step's.
      f.deliver(f.zips().get(0));
      f.applyWith(engine, f.centers.placement(FeedLedger.CENTER), false);
      RestoreProgress last = new RestoreProgressStore(f.ledger).find(FeedLedger.CENTER).get();
      assertThat(last.stepType()).isEqualTo("log");
      assertThat(last.stepNumber()).isEqualTo(4);
      assertThat(last.stepCount()).isEqualTo(4);
      assertThat(last.describe()).startsWith("log '").endsWith("(step 4 of 4): 100%, done");
    }
  }

  @Test
  void aStepThatFailsIsRecordedFailedAtTheLastPercentageHeard() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1))) {
      Display display = new Display();
      f.apply.withProgress(display);
      ReportingEngine engine = new ReportingEngine(f);
      engine.failAt = 37;
      f.deliver(f.fulls().get(0));
      ApplyReport r = f.applyWith(engine, f.centers.placement(FeedLedger.CENTER), false);
      assertThat(r.stop().code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
      RestoreProgress p = new RestoreProgressStore(f.ledger).find(FeedLedger.CENTER).get();
      assertThat(p.state()).isEqualTo("failed");
      assertThat(p.percent()).isEqualTo(30);
      assertThat(p.running()).isFalse();
      assertThat(display.events).last().isEqualTo("end failed");
      assertThat(display.events).doesNotContain("37", "100");
    }
  }

  @Test
  void theVerifyEngineRecordsStepsStartedAndDoneWithoutAPercentage() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1))) {
      Display display = new Display();
      f.apply.withProgress(display);
      f.deliver(f.fulls().get(0));
      assertThat(f.apply().stop()).isNull();
      RestoreProgress p = new RestoreProgressStore(f.ledger).find(FeedLedger.CENTER).get();
      assertThat(p.engine()).isEqualTo("verify");
      assertThat(p.state()).isEqualTo("done");
      assertThat(p.percent()).as("no invented percentage").isNull();
      assertThat(p.describe()).endsWith("done (the verify engine reports no percentage)");
      assertThat(display.events).hasSize(2).last().isEqualTo("end verified");
    }
  }
}
