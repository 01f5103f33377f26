package org.cloudsync.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;

/** A restore plan for a person: numbered steps, then skipped files, then problems. */
final class PlanText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private PlanText() {}

  static void print(PrintWriter out, RestorePlan plan) {
    StringBuilder sb = new StringBuilder();
    int n = plan.steps().size();
    sb.append("plan for database ")
        .append(plan.database() == null ? "(none chosen)" : plan.database())
        .append(": ")
        .append(n)
        .append(n == 1 ? " step" : " steps")
        .append('\n');
    TextTable steps = new TextTable();
    if (n > 0) {
      steps.row("#", "type", "first_lsn", "last_lsn", "start", "files");
    }
    for (int i = 0; i < n; i++) {
      RestoreStep s = plan.steps().get(i);
      String files = String.join(", ", s.paths());
      if (s.position() > 1) {
        files += " (position " + s.position() + ")";
      }
      steps.row(
          Integer.toString(i + 1),
          s.type().shortName(),
          s.firstLsn().toDecimalString(),
          s.lastLsn().toDecimalString(),
          s.header().backupStartDate() == null ? "?" : s.header().backupStartDate().format(TIME),
          files);
    }
    sb.append(steps.render("  "));
    if (!plan.skipped().isEmpty()) {
      sb.append("skipped (").append(plan.skipped().size()).append("):\n");
      for (RestorePlan.Skipped s : plan.skipped()) {
        sb.append("  ").append(s.path()).append(": ").append(s.reason()).append('\n');
      }
    }
    if (plan.problems().isEmpty()) {
      sb.append("the chain is complete\n");
    } else {
      sb.append("problems (").append(plan.problems().size()).append("): the chain is incomplete\n");
      for (ChainProblem p : plan.problems()) {
        // A message may carry its own hint lines: indent them under the problem.
        sb.append("  ")
            .append(p.code().name())
            .append(": ")
            .append(String.join("\n    ", p.message().split("\\R")))
            .append('\n');
        if (!p.files().isEmpty()) {
          sb.append("    files: ").append(String.join(", ", p.files())).append('\n');
        }
        if (p.fromLsn() != null || p.toLsn() != null) {
          sb.append("    lsn: ")
              .append(p.fromLsn() == null ? "?" : p.fromLsn().toDecimalString())
              .append(" to ")
              .append(p.toLsn() == null ? "?" : p.toLsn().toDecimalString())
              .append('\n');
        }
      }
    }
    out.print(sb);
  }
}
