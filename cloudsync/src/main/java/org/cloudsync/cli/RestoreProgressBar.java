package org.cloudsync.cli;

import java.io.PrintStream;
import org.cloudsync.format.BackupType;
import org.cloudsync.replay.ApplyProgress;
import org.cloudsync.replay.RunningStep;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.source.TextProgressBar;

/**
 * The progress bar of {@code sync} for long restore steps, like the one for large downloads: only
 * on a terminal, only for full and differential steps on an engine that restores data (SQL Server
 * reports their {@code STATS} percentages; a log is restored in one go and the verify engine has no
 * progress to show). A step that fails ends its bar's line.
 */
final class RestoreProgressBar implements ApplyProgress {
  private final PrintStream out;
  private final boolean enabled;
  private TextProgressBar current;

  RestoreProgressBar(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  /** Bars on stderr, only when the process has a terminal (not in scripts or logs). */
  static RestoreProgressBar forStderr() {
    return new RestoreProgressBar(System.err, System.console() != null);
  }

  @Override
  public synchronized StepProgress started(RunningStep step) {
    if (!enabled || !step.restoresData() || step.step().type() == BackupType.LOG) {
      return StepProgress.NONE;
    }
    TextProgressBar bar = TextProgressBar.percentages(out, "restoring " + step.label(), true);
    current = bar;
    return percent -> bar.progress(percent, 100);
  }

  @Override
  public synchronized void finished(RunningStep step, StepOutcome outcome) {
    if (current != null) {
      current.end();
      current = null;
    }
  }
}
