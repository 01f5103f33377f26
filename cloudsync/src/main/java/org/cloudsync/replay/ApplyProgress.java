package org.cloudsync.replay;

import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;

/**
 * Hears each step of the apply phase start and end, and where the engine's progress for it goes:
 * the ledger ({@link ProgressRecorder}) and, from the CLI, a progress bar.
 */
public interface ApplyProgress {
  /** Hears nothing. */
  ApplyProgress NONE = step -> StepProgress.NONE;

  /** A step is handed to the engine; returns the listener the engine reports its progress to. */
  StepProgress started(RunningStep step);

  /** The engine returned the step's outcome. */
  default void finished(RunningStep step, StepOutcome outcome) {}

  /** Both {@code a} and {@code b}, in that order. */
  static ApplyProgress both(ApplyProgress a, ApplyProgress b) {
    return new ApplyProgress() {
      @Override
      public StepProgress started(RunningStep step) {
        StepProgress pa = a.started(step);
        StepProgress pb = b.started(step);
        return percent -> {
          pa.percent(percent);
          pb.percent(percent);
        };
      }

      @Override
      public void finished(RunningStep step, StepOutcome outcome) {
        a.finished(step, outcome);
        b.finished(step, outcome);
      }
    };
  }
}
