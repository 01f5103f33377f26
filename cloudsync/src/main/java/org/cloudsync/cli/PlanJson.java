package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;

/**
 * A restore plan as JSON: {@code {"database", "steps":[{"type", "files", "first_lsn", "last_lsn",
 * "position", ...}], "problems":[{"kind", "message", "files", "from_lsn", "to_lsn"}],
 * "skipped":[{"path", "reason"}]}}, LSNs as decimal strings.
 */
final class PlanJson {
  private PlanJson() {}

  static ObjectNode of(RestorePlan plan) {
    ObjectNode o = JsonOutput.object();
    o.put("database", plan.database());
    ArrayNode steps = o.putArray("steps");
    for (RestoreStep s : plan.steps()) {
      ObjectNode so = steps.addObject();
      so.put("type", s.type().shortName());
      so.set("files", JsonOutput.strings(s.paths()));
      so.put("first_lsn", JsonOutput.lsn(s.firstLsn()));
      so.put("last_lsn", JsonOutput.lsn(s.lastLsn()));
      so.put("position", s.position());
      so.put("backup_start_date", JsonOutput.date(s.header().backupStartDate()));
      so.put("backup_set_guid", JsonOutput.guid(s.header().backupSetGuid()));
    }
    ArrayNode problems = o.putArray("problems");
    for (ChainProblem p : plan.problems()) {
      ObjectNode po = problems.addObject();
      po.put("kind", p.code().name());
      po.put("message", p.message());
      po.set("files", JsonOutput.strings(p.files()));
      po.put("from_lsn", JsonOutput.lsn(p.fromLsn()));
      po.put("to_lsn", JsonOutput.lsn(p.toLsn()));
    }
    ArrayNode skipped = o.putArray("skipped");
    for (RestorePlan.Skipped s : plan.skipped()) {
      skipped.addObject().put("path", s.path()).put("reason", s.reason());
    }
    return o;
  }

  static void print(PrintWriter out, RestorePlan plan) {
    JsonOutput.print(out, of(plan));
  }
}
