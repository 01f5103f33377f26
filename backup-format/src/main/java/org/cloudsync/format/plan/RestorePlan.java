package org.cloudsync.format.plan;

import java.util.List;

/**
 * An ordered restore plan: the full (all stripes), the latest differential on its base, then logs
 * in LSN order. Steps run as far as the chain is complete; {@link #problems()} says why it stops
 * where it does. {@link #skipped()} lists files deliberately left out (duplicates, empty logs, logs
 * wholly before the starting point), each with the reason.
 *
 * @param database the database planned for, or null when none could be chosen
 */
public record RestorePlan(
    String database, List<RestoreStep> steps, List<ChainProblem> problems, List<Skipped> skipped) {

  public RestorePlan {
    steps = List.copyOf(steps);
    problems = List.copyOf(problems);
    skipped = List.copyOf(skipped);
  }

  /** True when the chain is complete: no problems. */
  public boolean isComplete() {
    return problems.isEmpty();
  }

  /** A file left out of the plan on purpose, and why (lower-case facts). */
  public record Skipped(String path, String reason) {}
}
