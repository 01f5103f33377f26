package org.cloudsync.restore;

/**
 * Hears how far a step has gone, for the CLI progress bar and the ledger. Only an engine that
 * learns real progress from its target reports it (the SQL Server engine: 0 when the {@code
 * RESTORE} starts, each {@code STATS} message, 100 once the server confirmed the step). The verify
 * engine reports none: it restores nothing, so any percentage would be invented.
 */
@FunctionalInterface
public interface StepProgress {
  /** Ignores progress. */
  StepProgress NONE = percent -> {};

  /**
   * @param percent 0 to 100, as the target reported it; may start again from 0 when a step is
   *     retried
   */
  void percent(int percent);
}
