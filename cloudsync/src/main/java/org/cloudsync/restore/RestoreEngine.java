package org.cloudsync.restore;

import org.cloudsync.format.plan.RestoreStep;

/**
 * Applies restore steps to one kind of target. Two implementations: {@code
 * org.cloudsync.restore.verify.VerifyEngine}, the embedded default, which checks every step by SQL
 * Server's rules and restores nothing; and {@code org.cloudsync.restore.sqlserver.SqlServerEngine},
 * which runs {@code RESTORE} on a SQL Server.
 *
 * <p>A replay cycle reads {@link #position} first (the engine's record is the truth after a crash),
 * plans from it, then calls {@link #apply} step by step, recording each step only after it
 * succeeded and stopping at the first that did not.
 */
public interface RestoreEngine {
  /** {@code verify} or {@code sqlserver}: shown in every output. */
  String name();

  /** Whether applying a step restores data. False for the verify engine. */
  boolean restoresData();

  /**
   * The database's real position.
   *
   * @throws org.cloudsync.format.CloudsyncException with {@link
   *     org.cloudsync.format.ErrorCode#POSITION_UNKNOWN} when it cannot be determined (never a
   *     guess), or another restore code when the target cannot be reached
   */
  DatabaseState position(TargetDatabase target);

  /**
   * Applies one step. Never throws for a refused or failed step: the outcome says why. The outcome
   * of a success is {@link StepOutcome.Kind#APPLIED} only when data was restored and the server
   * confirmed it; the verify engine's is {@link StepOutcome.Kind#VERIFIED}.
   */
  StepOutcome apply(
      TargetDatabase target, RestoreStep step, ApplyOptions options, StepProgress progress);

  /**
   * The free-space pre-flight of restoring {@code full} as a new copy ({@link
   * SpaceCheck.Mode#NEW_DATABASE}, {@link SpaceCheck.Mode#BESIDE_LIVE}) or over {@code target}
   * ({@link SpaceCheck.Mode#REPLACE_LIVE}). An engine without a disk to measure says the check was
   * not performed; it never passes it. Never throws: a check that cannot be made says why.
   */
  SpaceCheck checkSpace(TargetDatabase target, RestoreStep full, SpaceCheck.Mode mode);

  /**
   * Drops the old copy a side-by-side re-baseline kept under {@code name}, only when the database
   * of that name still has the {@code identity} recorded when it was kept: a database cloudsync did
   * not record as its own old copy is never dropped. Never throws.
   *
   * @param target the center's database (the old copy's key)
   */
  OldCopyDrop dropOldCopy(TargetDatabase target, String name, String identity);
}
