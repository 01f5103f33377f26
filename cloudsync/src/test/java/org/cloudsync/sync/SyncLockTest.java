package org.cloudsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.RunOutcome;
import org.cloudsync.ledger.RunRecord;
import org.cloudsync.ledger.RunStore;
import org.cloudsync.lock.CenterLock;
import org.cloudsync.lock.CenterLocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cycle under the centers' locks, in this process (two processes meet in {@code
 * SyncConcurrencyTest}): a center whose lock is held elsewhere is skipped as busy without failing
 * the others, and only the runs of a center whose lock the cycle holds are marked interrupted.
 */
class SyncLockTest {
  private static final String FULL = SyncCycleTest.FULL;
  private static final String DAY1 = SyncCycleTest.DAY1;
  private static final String DAY2 = SyncCycleTest.DAY2;

  @TempDir Path tmp;
  SyncFixture fx;
  Path feed;
  CenterLocks locks;

  @BeforeEach
  void setUp() throws IOException {
    fx = new SyncFixture(tmp);
    feed = fx.generate("feed", SyncFixture.feed("riverside").days(2));
    for (String center : List.of("lakeside", "riverside")) {
      Path drop = fx.directoryCenter(center);
      for (String n : List.of(FULL, DAY1, DAY2)) {
        Files.copy(feed.resolve(n), drop.resolve(n));
      }
    }
    locks = new CenterLocks(fx.settings.lockDirectory(), fx.ledger, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void aCenterHeldElsewhereIsSkippedAsBusyAndTheOthersRun() {
    SyncReport report;
    try (CenterLock held = locks.acquire(new CenterId("riverside"))) {
      report = fx.sync();
      CenterReport riverside = report.centers().get(1);
      assertThat(riverside.center().value()).isEqualTo("riverside");
      assertThat(riverside.busy()).isTrue();
      assertThat(riverside.failures())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.phase()).isEqualTo("lock");
                assertThat(f.code()).isEqualTo(ErrorCode.CENTER_BUSY);
                assertThat(f.message())
                    .isEqualTo(
                        "health center 'riverside' is being synced by another cycle in this"
                            + " process ("
                            + held.holder()
                            + "); skipped it");
                assertThat(f.hints()).isNotEmpty();
              });
      assertThat(riverside.exitStatus()).isEqualTo(ExitStatus.OK);
      assertThat(fx.blobs("riverside")).as("nothing done for the busy center").isEmpty();
      assertThat(fx.opened).hasSize(3);
    }
    CenterReport lakeside = report.centers().get(0);
    assertThat(lakeside.busy()).isFalse();
    assertThat(lakeside.failures()).isEmpty();
    assertThat(lakeside.plan().steps()).hasSize(9);
    assertThat(report.exitStatus()).isEqualTo(ExitStatus.OK);
    assertThat(new RunStore(fx.ledger).latest(10))
        .singleElement()
        .satisfies(r -> assertThat(r.centerId().value()).isEqualTo("lakeside"));

    CenterReport after = fx.sync("riverside");
    assertThat(after.busy()).isFalse();
    assertThat(after.plan().steps()).hasSize(9);
  }

  @Test
  void aBusyCenterDoesNotHideAnotherCentersProblem() throws IOException {
    Files.write(
        tmp.resolve("drops").resolve("lakeside").resolve("broken.zip"),
        new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    try (CenterLock held = locks.acquire(new CenterId("riverside"))) {
      SyncReport report = fx.sync();
      assertThat(report.centers().get(1).busy()).isTrue();
      assertThat(report.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
    }
  }

  @Test
  void onlyTheRunsOfACenterNobodyHoldsAreMarkedInterrupted() {
    RunStore runs = new RunStore(fx.ledger);
    long live;
    try (CenterLock held = locks.acquire(new CenterId("riverside"))) {
      live = runs.start(new CenterId("riverside"));
      fx.sync("lakeside");
      assertThat(runs.find(live).orElseThrow().finishedAt())
          .as("a run whose center's lock is held is left alone")
          .isNull();
    }
    // Its holder is gone and left the run open: the next cycle of that center closes it.
    fx.sync("riverside");
    assertThat(runs.find(live).orElseThrow().outcome()).isEqualTo(RunOutcome.INTERRUPTED);
    // Newest first: riverside's new run, lakeside's, the one left open.
    assertThat(runs.latest(10))
        .extracting(RunRecord::outcome)
        .containsExactly(RunOutcome.OK, RunOutcome.OK, RunOutcome.INTERRUPTED);
  }

  @Test
  void aDryRunTakesNoLock() {
    try (CenterLock held = locks.acquire(new CenterId("riverside"))) {
      SyncReport report =
          new SyncCycle(fx.ledger, fx.sources(), fx.settings)
              .run(List.of(fx.center("riverside")), true);
      assertThat(report.centers().get(0).busy()).isFalse();
      assertThat(report.centers().get(0).wouldFetch()).hasSize(3);
    }
  }
}
