package org.cloudsync.format.plan;

import java.util.Collection;

/**
 * Plans a restore chain by SQL Server's rules. Pure: no I/O, no clock; the same input always gives
 * the same plan.
 */
public final class Planner {
  private Planner() {}

  public static RestorePlan plan(Collection<BackupFile> files, PlanRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
