package org.cloudsync.restore.verify;

import java.util.Objects;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.RestoreRules;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;

/**
 * The embedded default engine: it keeps, per target, the state SQL Server would have (absent,
 * restoring, standby or online; the restore point; the recovery fork; the base full; the database
 * name) and applies SQL Server's acceptance rules ({@link RestoreRules}) to every step. It restores
 * no data: an accepted step's outcome is {@link StepOutcome.Kind#VERIFIED}, never applied, and
 * every outcome names this engine.
 *
 * <p>Steps of one target must be applied one at a time (the replay cycle does); different targets
 * are independent.
 */
public final class VerifyEngine implements RestoreEngine {
  /** The engine's name in every output. */
  public static final String NAME = "verify";

  private final VerifyStateStore store;

  public VerifyEngine(VerifyStateStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean restoresData() {
    return false;
  }

  @Override
  public DatabaseState position(TargetDatabase target) {
    return store
        .load(target.key())
        .map(s -> s.withName(target.name()))
        .orElseGet(() -> DatabaseState.absent(target.name()));
  }

  @Override
  public StepOutcome apply(
      TargetDatabase target, RestoreStep step, ApplyOptions options, StepProgress progress) {
    DatabaseState before = position(target);
    Refusal refusal = RestoreRules.check(before, step, options);
    if (refusal != null) {
      return StepOutcome.refused(NAME, step, before, refusal);
    }
    // No progress is reported: nothing is restored, so no percentage would be true.
    DatabaseState after = RestoreRules.after(before, step, options, RestoreRules::randomIdentity);
    store.save(target.key(), after);
    return StepOutcome.success(NAME, StepOutcome.Kind.VERIFIED, step, after);
  }
}
