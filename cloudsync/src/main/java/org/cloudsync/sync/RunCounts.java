package org.cloudsync.sync;

import org.cloudsync.format.plan.ChainProblem;

/** A center's counts and problems as the run record keeps them: a small JSON object. */
final class RunCounts {
  private RunCounts() {}

  static String json(CenterReport r) {
    CenterReport.Counts c = r.counts();
    StringBuilder sb = new StringBuilder("{");
    field(sb, "blobs_new", c.blobsNew());
    field(sb, "blobs_unchanged", c.blobsUnchanged());
    field(sb, "blobs_fetched", c.blobsFetched());
    field(sb, "blobs_gone", c.blobsGone());
    field(sb, "files_staged", c.filesStaged());
    field(sb, "files_validated", c.filesValidated());
    field(sb, "files_quarantined", c.filesQuarantined());
    field(sb, "files_awaiting_server", c.filesAwaitingServer());
    sb.append("\"failures\":[");
    for (int i = 0; i < r.failures().size(); i++) {
      sb.append(i == 0 ? "" : ",")
          .append('"')
          .append(r.failures().get(i).code().name())
          .append('"');
    }
    sb.append("],\"plan_problems\":[");
    if (r.plan() != null) {
      int i = 0;
      for (ChainProblem p : r.plan().problems()) {
        sb.append(i++ == 0 ? "" : ",").append('"').append(p.code().name()).append('"');
      }
    }
    sb.append("],\"plan_steps\":")
        .append(r.plan() == null ? 0 : r.plan().steps().size())
        .append(",\"exit_status\":")
        .append(r.exitStatus().code())
        .append('}');
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, int value) {
    sb.append('"').append(name).append("\":").append(value).append(',');
  }
}
