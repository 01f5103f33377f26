package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.restore.DatabaseState;

/** A center's apply phase as JSON (LSNs as decimal strings). */
final class ApplyJson {
  private ApplyJson() {}

  static ObjectNode of(ApplyReport r) {
    ObjectNode o = JsonOutput.object();
    o.put("engine", r.engine());
    o.put("restores_data", r.restoresData());
    o.put("dry_run", r.dryRun());
    o.set("before", state(r.before()));
    o.set("after", state(r.after()));
    o.set("steps", JsonOutput.strings(r.steps()));
    o.put("files_recorded", r.filesDone());
    o.set("statements", JsonOutput.strings(r.statements()));
    o.set("notes", JsonOutput.strings(r.notes()));
    o.set(
        "orphaned_users",
        r.dryRun() || (r.restoresData() && r.users() == null)
            ? null
            : UsersOutput.json(r.restoresData(), r.users()));
    if (r.stop() == null) {
      o.putNull("stop");
    } else {
      ObjectNode s = o.putObject("stop");
      s.put("code", r.stop().code().name());
      s.put("message", r.stop().message());
      s.put("subject", r.stop().subject());
      s.set("hints", JsonOutput.strings(r.stop().hints()));
    }
    return o;
  }

  private static ObjectNode state(DatabaseState s) {
    if (s == null) {
      return null;
    }
    ObjectNode o = JsonOutput.object();
    o.put("database", s.name());
    o.put(
        "state",
        s.status() == org.cloudsync.restore.DatabaseStatus.STANDBY ? "ONLINE" : s.status().name());
    o.put("standby", s.status() == org.cloudsync.restore.DatabaseStatus.STANDBY);
    o.put("restore_lsn", JsonOutput.lsn(s.restorePoint()));
    o.put("identity", s.identity());
    return o;
  }
}
