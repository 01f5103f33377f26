package org.cloudsync.restore;

/** Hears how far a step has gone, for the CLI progress bar and the ledger. */
@FunctionalInterface
public interface StepProgress {
  /** Ignores progress. */
  StepProgress NONE = percent -> {};

  /**
   * @param percent 0 to 100; called at least with 100 when a step succeeds
   */
  void percent(int percent);
}
