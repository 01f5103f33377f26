package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cloudsync.ledger.RestoreProgress;

/** A center's restore progress as {@code status} prints it. */
final class ProgressOutput {
  private ProgressOutput() {}

  /** The line for a step still running, null when none runs. */
  static String line(RestoreProgress p) {
    if (p == null || !p.running()) {
      return null;
    }
    return p.describe()
        + " (started "
        + JsonOutput.instant(p.startedAt())
        + ", last heard "
        + JsonOutput.instant(p.updatedAt())
        + ")";
  }

  /**
   * {@code {"engine", "state", "step_type", "files", "step", "steps", "percent", "started_at",
   * "updated_at"}}: {@code percent} null when the engine reports none (the verify engine).
   */
  static ObjectNode json(RestoreProgress p) {
    if (p == null) {
      return null;
    }
    ObjectNode o = JsonOutput.object();
    o.put("engine", p.engine());
    o.put("state", p.state());
    o.put("step_type", p.stepType());
    o.set("files", JsonOutput.strings(p.files()));
    o.put("step", p.stepNumber());
    o.put("steps", p.stepCount());
    if (p.percent() == null) {
      o.putNull("percent");
    } else {
      o.put("percent", p.percent().intValue());
    }
    o.put("started_at", JsonOutput.instant(p.startedAt()));
    o.put("updated_at", JsonOutput.instant(p.updatedAt()));
    return o;
  }
}
