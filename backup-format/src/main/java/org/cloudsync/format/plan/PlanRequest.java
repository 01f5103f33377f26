package org.cloudsync.format.plan;

import java.time.LocalDateTime;

/**
 * What to plan.
 *
 * @param database the database to plan for; null to take the only one present (several is a
 *     problem)
 * @param start where the database already stands; null to plan from a full backup
 * @param ignoreDiffs plan full + logs even where a differential would shorten the chain
 * @param ignoreLogs stop after the full (and differential)
 * @param stopAt point in time (local wall clock of the backups) to stop at; null for "all"
 */
public record PlanRequest(
    String database,
    StartPoint start,
    boolean ignoreDiffs,
    boolean ignoreLogs,
    LocalDateTime stopAt) {

  public static PlanRequest all() {
    return new PlanRequest(null, null, false, false, null);
  }

  public PlanRequest withDatabase(String db) {
    return new PlanRequest(db, start, ignoreDiffs, ignoreLogs, stopAt);
  }

  public PlanRequest withStart(StartPoint p) {
    return new PlanRequest(database, p, ignoreDiffs, ignoreLogs, stopAt);
  }
}
