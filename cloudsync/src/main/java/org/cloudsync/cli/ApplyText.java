package org.cloudsync.cli;

import java.io.PrintWriter;
import java.util.List;
import org.cloudsync.replay.ApplyReport;

/**
 * Prints a center's apply phase: every line names the engine; the verify engine says nothing was
 * restored.
 */
final class ApplyText {
  private ApplyText() {}

  static void print(PrintWriter out, ApplyReport r) {
    if (r == null) {
      return;
    }
    String engine = r.engine() + " engine";
    if (!r.restoresData()) {
      out.print(
          "  apply: "
              + engine
              + " (checks every step by SQL Server's rules; NOTHING IS RESTORED)\n");
    } else {
      out.print("  apply: " + engine + "\n");
    }
    if (r.before() != null && !r.dryRun()) {
      out.print("    before: " + r.before().describe() + "\n");
    }
    for (String note : r.notes()) {
      out.print("    " + note + "\n");
    }
    if (r.dryRun() && r.statements().isEmpty()) {
      out.print("    dry run: nothing new to " + (r.restoresData() ? "apply" : "verify") + "\n");
    } else if (r.dryRun()) {
      out.print(
          r.restoresData()
              ? "    dry run: the T-SQL the sqlserver engine would run, nothing run:\n"
              : "    dry run: the T-SQL a SQL Server would run for these steps (the verify engine"
                  + " runs none; data and log files would stay where the backup puts them):\n");
      for (String s : r.statements()) {
        out.print("      " + s + ";\n");
      }
    } else {
      for (String s : r.steps()) {
        out.print("    " + s + "\n");
      }
      if (r.steps().isEmpty() && r.stop() == null) {
        out.print("    nothing new to " + (r.restoresData() ? "apply" : "verify") + "\n");
      }
      if (r.after() != null) {
        out.print("    now: " + r.after().describe() + "\n");
      }
      if (r.users() != null || !r.restoresData()) {
        List<String> users = UsersOutput.lines(r.restoresData(), r.users());
        out.print("    orphaned users: " + users.get(0) + "\n");
        for (String more : users.subList(1, users.size())) {
          out.print("      " + more + "\n");
        }
      }
    }
    if (r.stop() != null) {
      out.print("    stopped: " + r.stop().code().name() + ": " + r.stop().message() + "\n");
      for (String h : r.stop().hints()) {
        out.print("      hint: " + h + "\n");
      }
    }
  }
}
