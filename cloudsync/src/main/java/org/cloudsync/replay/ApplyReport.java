package org.cloudsync.replay;

import java.util.List;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.restore.DatabaseState;

/**
 * What one center's apply phase did.
 *
 * @param engine {@code verify} or {@code sqlserver}
 * @param restoresData false for the verify engine: nothing was restored
 * @param before the position read at the start, null when it could not be read
 * @param after the position at the end as the engine reported it, null when unknown
 * @param steps one line per step applied or verified (or refused), each naming the engine
 * @param statements with {@code dryRun}: the T-SQL a SQL Server would run, one per step
 * @param notes reconciliation, skipped files, re-baseline
 * @param stop why the phase stopped short, null when it did all it could
 * @param plan the plan made from the database's position at the start (its problems say why the
 *     chain stops), null when no plan was made
 * @param users the check for database users without a login made after the phase (SQL Server engine
 *     only), null when none was made: the verify engine knows no users, a dry run checks nothing,
 *     and an absent database has none
 */
public record ApplyReport(
    String engine,
    boolean restoresData,
    boolean dryRun,
    DatabaseState before,
    DatabaseState after,
    List<String> steps,
    int filesDone,
    List<String> statements,
    List<String> notes,
    Stop stop,
    org.cloudsync.format.plan.RestorePlan plan,
    UserCheck users) {

  public ApplyReport {
    steps = List.copyOf(steps);
    statements = List.copyOf(statements);
    notes = List.copyOf(notes);
  }

  /** This report with the user check made after it. */
  public ApplyReport withUsers(UserCheck check) {
    return new ApplyReport(
        engine,
        restoresData,
        dryRun,
        before,
        after,
        steps,
        filesDone,
        statements,
        notes,
        stop,
        plan,
        check);
  }

  /**
   * Why the phase stopped.
   *
   * @param subject the file or database concerned, null when none
   */
  public record Stop(ErrorCode code, String message, String subject, List<String> hints) {
    public Stop {
      hints = hints == null ? List.of() : List.copyOf(hints);
    }
  }
}
