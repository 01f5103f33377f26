package org.cloudsync.format.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;

/** Assertions shared by the planner tests. */
final class PlanChecks {
  private PlanChecks() {}

  /** Plans {@code files} and checks that every file is either in a step or skipped, never both. */
  static RestorePlan plan(Collection<BackupFile> files, PlanRequest request) {
    RestorePlan plan = Planner.plan(files, request);
    List<String> accounted = new ArrayList<>();
    plan.steps().forEach(s -> accounted.addAll(s.paths()));
    plan.skipped().forEach(s -> accounted.add(s.path()));
    assertThat(accounted)
        .as("every file is in a step or skipped, once")
        .containsExactlyInAnyOrderElementsOf(files.stream().map(BackupFile::path).toList());
    return plan;
  }

  /** The steps as lists of paths, for exact comparison. */
  static List<List<String>> steps(RestorePlan plan) {
    return plan.steps().stream().map(RestoreStep::paths).toList();
  }

  static List<BackupType> types(RestorePlan plan) {
    return plan.steps().stream().map(RestoreStep::type).toList();
  }

  static List<ErrorCode> codes(RestorePlan plan) {
    return plan.problems().stream().map(ChainProblem::code).toList();
  }

  /** The reason {@code path} was skipped (the first, if several sets share the path). */
  static String skipReason(RestorePlan plan, String path) {
    return plan.skipped().stream()
        .filter(s -> s.path().equals(path))
        .map(RestorePlan.Skipped::reason)
        .findFirst()
        .orElseThrow(() -> new AssertionError(path + " was not skipped"));
  }
}
