package org.cloudsync.replay;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.RestoreProgress;
import org.cloudsync.ledger.RestoreProgressStore;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each step in the ledger ({@code restore_progress}): running when it starts (no percentage
 * yet), the engine's percentage at a bounded rate ({@link ThrottledProgress}) while it runs, done
 * or failed when it ends. {@code cloudsync status} reads it, also from another process while a long
 * restore runs. A failed write is logged and never fails the restore it describes.
 */
public final class ProgressRecorder implements ApplyProgress {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressRecorder.class);

  private final RestoreProgressStore store;
  private final Clock clock;

  public ProgressRecorder(Ledger ledger, Clock clock) {
    this.store = new RestoreProgressStore(ledger);
    this.clock = clock;
  }

  @Override
  public StepProgress started(RunningStep s) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    store.record(
        new RestoreProgress(
            s.center(),
            s.engine(),
            s.step().type().shortName(),
            s.step().paths(),
            s.number(),
            s.count(),
            null,
            RestoreProgress.RUNNING,
            now,
            now));
    return ThrottledProgress.of(
        percent -> {
          try {
            store.percent(s.center(), percent, OffsetDateTime.now(clock));
          } catch (RuntimeException e) {
            // Called from the driver while the restore runs: a ledger hiccup must not end it.
            LOG.warn("center {}: restore progress not recorded: {}", s.center(), e.getMessage());
          }
        },
        clock);
  }

  @Override
  public void finished(RunningStep s, StepOutcome outcome) {
    store.finish(
        s.center(),
        outcome.succeeded() ? RestoreProgress.DONE : RestoreProgress.FAILED,
        OffsetDateTime.now(clock));
  }
}
