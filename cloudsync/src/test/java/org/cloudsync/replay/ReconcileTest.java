package org.cloudsync.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.LedgerVerifyStateStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply phase after a stop between a restore and its record, and against a changed database.
 */
class ReconcileTest {
  @TempDir Path tmp;

  /** Stops the phase (as a killed process would) right after the {@code n}th step was applied. */
  static class StopAfter implements RestoreEngine {
    final RestoreEngine inner;
    int left;

    StopAfter(RestoreEngine inner, int n) {
      this.inner = inner;
      this.left = n;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public boolean restoresData() {
      return inner.restoresData();
    }

    @Override
    public DatabaseState position(TargetDatabase target) {
      return inner.position(target);
    }

    @Override
    public org.cloudsync.restore.SpaceCheck checkSpace(
        TargetDatabase t, RestoreStep full, org.cloudsync.restore.SpaceCheck.Mode mode) {
      return inner.checkSpace(t, full, mode);
    }

    @Override
    public org.cloudsync.restore.OldCopyDrop dropOldCopy(
        TargetDatabase t, String name, String identity) {
      return inner.dropOldCopy(t, name, identity);
    }

    @Override
    public StepOutcome apply(TargetDatabase t, RestoreStep s, ApplyOptions o, StepProgress p) {
      StepOutcome out = inner.apply(t, s, o, p);
      if (--left == 0) {
        throw new IllegalStateException("killed between restore and record");
      }
      return out;
    }
  }

  @Test
  void aStepAppliedButNotRecordedIsRecordedOnceFromThePosition() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(2))) {
      f.deliver(f.fulls().get(0));
      f.deliver(f.zips().get(0));
      StopAfter crashing = new StopAfter(f.engines.verify(), 3);
      try {
        f.applyWith(crashing, f.centers.placement(FeedLedger.CENTER), false);
      } catch (IllegalStateException expected) {
        // the process died here
      }
      assertThat(new ReplayStore(f.ledger).inFlight(FeedLedger.CENTER)).isPresent();
      assertThat(f.inState(FileState.VERIFIED)).hasSize(2);
      ApplyReport after = f.apply();
      assertThat(after.notes())
          .anyMatch(
              n ->
                  n.startsWith("reconciled: the step noted in flight")
                      && n.contains("had been verified"));
      // The reconciled step is recorded, not applied again: 1 full + 4 logs, 2 logs left.
      assertThat(after.steps()).hasSize(2);
      assertThat(f.inState(FileState.VERIFIED)).hasSize(5);
      assertThat(new ReplayStore(f.ledger).inFlight(FeedLedger.CENTER)).isEmpty();
    }
  }

  @Test
  void aStepNotCompletedIsAppliedAgainNeverSkipped() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1))) {
      f.deliver(f.fulls().get(0));
      f.apply();
      f.deliver(f.zips().get(0));
      // A stop after the note but before the engine ran: the position is before the step's end.
      var firstLog =
          new org.cloudsync.ledger.BackupFileStore(f.ledger).list(FeedLedger.CENTER).get(1);
      new ReplayStore(f.ledger)
          .begin(
              new org.cloudsync.ledger.InFlight(
                  FeedLedger.CENTER,
                  firstLog.id(),
                  firstLog.header().firstLsn(),
                  firstLog.header().lastLsn(),
                  java.time.OffsetDateTime.now(FeedLedger.CLOCK)));
      ApplyReport r = f.apply();
      assertThat(r.notes()).anyMatch(n -> n.contains("had not completed; it is applied again"));
      assertThat(r.steps()).hasSize(4).allMatch(s -> s.startsWith("verify engine: verified log"));
      assertThat(r.steps().get(0)).contains(firstLog.entryPath());
      assertThat(new ReplayStore(f.ledger).inFlight(FeedLedger.CENTER)).isEmpty();
    }
  }

  @Test
  void aDatabaseReplacedBehindCloudsyncsBackStopsTheCenter() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(2))) {
      f.deliver(f.fulls().get(0));
      f.deliver(f.zips().get(0));
      f.apply();
      var store = new LedgerVerifyStateStore(f.ledger);
      DatabaseState s = store.load(FeedLedger.CENTER.value()).orElseThrow();
      store.save(
          FeedLedger.CENTER.value(),
          new DatabaseState(
              s.status(),
              s.name(),
              s.restorePoint(),
              s.recoveryForkId(),
              s.baseBackupSetGuid(),
              s.backupDatabaseName(),
              s.backupVersion(),
              "someone-else"));
      f.deliver(f.zips().get(1));
      ApplyReport r = f.apply();
      assertThat(r.stop().code()).isEqualTo(ErrorCode.DATABASE_REPLACED);
      assertThat(r.stop().message())
          .startsWith("the database was replaced or changed behind cloudsync's back")
          .contains("someone-else");
      assertThat(r.steps()).isEmpty();
      assertThat(f.inState(FileState.VALIDATED)).hasSize(4);
      assertThat(new ReplayStore(f.ledger).lastError(FeedLedger.CENTER).orElseThrow().code())
          .isEqualTo("DATABASE_REPLACED");
    }
  }

  @Test
  void aPositionThatCannotBeReadStopsWithThatReason() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1))) {
      f.deliver(f.fulls().get(0));
      RestoreEngine blind =
          new StopAfter(f.engines.verify(), -1) {
            @Override
            public DatabaseState position(TargetDatabase target) {
              throw new CloudsyncException(
                  ErrorCode.POSITION_UNKNOWN, "no restore history for 'Riverside'", "check msdb");
            }
          };
      ApplyReport r = f.applyWith(blind, f.centers.placement(FeedLedger.CENTER), false);
      assertThat(r.stop().code()).isEqualTo(ErrorCode.POSITION_UNKNOWN);
      assertThat(r.stop().message())
          .isEqualTo(
              "the position of database 'Riverside' cannot be determined: no restore history for 'Riverside'");
      assertThat(r.steps()).isEmpty();
      assertThat(f.inState(FileState.VALIDATED)).hasSize(1);
    }
  }

  @Test
  void stoppingAtEveryPointOfThreeNightsEndsLikeAnUninterruptedRun() throws Exception {
    int total = 0;
    for (int stopAt = 1; stopAt <= 13; stopAt++) {
      Path d = tmp.resolve("run" + stopAt);
      try (FeedLedger f = new FeedLedger(d, b -> b.days(3))) {
        f.deliver(f.fulls().get(0));
        f.zips()
            .forEach(
                z -> {
                  try {
                    f.deliver(z);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        try {
          f.applyWith(
              new StopAfter(f.engines.verify(), stopAt),
              f.centers.placement(FeedLedger.CENTER),
              false);
        } catch (IllegalStateException expected) {
          total++;
        }
        ApplyReport r = f.apply();
        assertThat(r.stop()).isNull();
        assertThat(r.after().restorePoint()).isEqualTo(f.manifest.chainEnd());
        List<String> verified = f.inState(FileState.VERIFIED);
        Set<String> unique = new HashSet<>(verified);
        assertThat(unique).hasSize(verified.size());
        assertThat(verified).hasSize(1 + 3 * 4);
        assertThat(new ArrayList<>(f.inState(FileState.VALIDATED))).isEmpty();
      }
    }
    assertThat(total).isEqualTo(13);
  }
}
