/**
 * Restoring backups: the {@link org.cloudsync.restore.RestoreEngine} interface, SQL Server's
 * acceptance rules ({@link org.cloudsync.restore.RestoreRules}), and the values both engines share
 * ({@link org.cloudsync.restore.DatabaseState}, {@link org.cloudsync.restore.ApplyOptions}, {@link
 * org.cloudsync.restore.StepOutcome}).
 *
 * <p>A replay cycle uses an engine like this:
 *
 * <ol>
 *   <li>{@code position(target)}: the database's real position (the truth after a crash). A step
 *       noted "in flight" in the ledger before a crash is recorded as done when the position is at
 *       or past its LastLSN; a {@code POSITION_UNKNOWN} failure stops the center with its reason.
 *   <li>Plan with {@code PlanRequest.withStart(position.startPoint())} (null start: from a full).
 *   <li>Optionally {@code RestoreRules.checkPlan} over the whole night, to refuse a bad plan before
 *       the first step.
 *   <li>For each step {@code i} of {@code n}: note it in flight, {@code apply(target, step,
 *       ApplyOptions.forNight(i, n, centerKeepsStandby), progress)}, then record the outcome's
 *       {@code kind().word()} ({@code applied} or {@code verified}) and {@code describe()}; stop at
 *       the first outcome that did not succeed and record its code and reason.
 * </ol>
 */
package org.cloudsync.restore;
