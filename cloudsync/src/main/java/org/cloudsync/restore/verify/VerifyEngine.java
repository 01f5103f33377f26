package org.cloudsync.restore.verify;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.OldCopyDrop;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.RestoreRules;
import org.cloudsync.restore.SpaceCheck;
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
 * <p>It also models the old copies a side-by-side re-baseline keeps ({@link #keepOldCopy}, {@link
 * #dropOldCopy}), so that their retention can be run end to end. It has no disk: its free-space
 * check is never performed ({@link #checkSpace}), and says so.
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

  /** Not performed: the verify engine has no disk; never a pass. */
  @Override
  public SpaceCheck checkSpace(TargetDatabase target, RestoreStep full, SpaceCheck.Mode mode) {
    return SpaceCheck.notPerformed(
        "no SQL Server is configured for this center, so the verify engine has no disk to measure",
        mode.text());
  }

  /**
   * Models the swap of a side-by-side re-baseline: {@code old} (the live copy before the new one
   * took its name) is kept under {@code name}.
   */
  public void keepOldCopy(TargetDatabase target, DatabaseState old, String name) {
    if (old.status() == DatabaseStatus.ABSENT) {
      throw new IllegalArgumentException("an absent database cannot be kept as an old copy");
    }
    store.saveOldCopy(target.key(), old.withName(name));
  }

  /** The old copies kept for {@code target}. */
  public List<DatabaseState> oldCopies(TargetDatabase target) {
    return store.oldCopies(target.key());
  }

  @Override
  public OldCopyDrop dropOldCopy(TargetDatabase target, String name, String identity) {
    DatabaseState copy =
        store.oldCopies(target.key()).stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElse(null);
    if (copy == null) {
      return new OldCopyDrop(
          OldCopyDrop.Kind.GONE, "verify engine: no database '" + name + "' is modelled any more");
    }
    if (!Objects.equals(copy.identity(), identity)) {
      return new OldCopyDrop(
          OldCopyDrop.Kind.NOT_OURS,
          "verify engine: database '"
              + name
              + "' has identity "
              + copy.identity()
              + ", not the "
              + identity
              + " recorded when it was kept; not dropped");
    }
    store.removeOldCopy(target.key(), name);
    return new OldCopyDrop(
        OldCopyDrop.Kind.DROPPED,
        "verify engine: modelled DROP DATABASE of '" + name + "'; nothing was on a disk");
  }
}
