package org.cloudsync.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.FileState;
import org.cloudsync.sync.CenterReport;
import org.cloudsync.sync.SyncReport;

/**
 * A sync report for a person: per center what this run did, the files quarantined or waiting with
 * their reasons, the failures with codes and hints, then the plan.
 */
final class SyncText {
  private SyncText() {}

  static void print(PrintWriter out, SyncReport report) {
    for (CenterReport c : report.centers()) {
      center(out, c);
    }
    out.flush();
  }

  private static void center(PrintWriter out, CenterReport c) {
    out.print(
        "== center " + c.center() + (c.source() == null ? "" : " (" + c.source() + ")") + "\n");
    for (String w : c.warnings()) {
      out.print("warning: " + w + "\n");
    }
    if (c.paused()) {
      return;
    }
    if (c.busy()) {
      for (CenterReport.Failure f : c.failures()) {
        out.print("busy: " + f.code().name() + ": " + indent(f.message()) + "\n");
        for (String h : f.hints()) {
          out.print("hint: " + h + "\n");
        }
      }
      out.print("exit status " + c.exitStatus().code() + "\n\n");
      return;
    }
    CenterReport.Counts n = c.counts();
    if (c.dryRun()) {
      out.print(
          "dry run: nothing recorded or fetched; "
              + c.wouldFetch().size()
              + " blob(s) would be fetched"
              + (c.wouldFetch().isEmpty() ? "" : ": " + String.join(", ", c.wouldFetch()))
              + "\n");
    } else {
      out.print(
          "blobs: "
              + n.blobsNew()
              + " new, "
              + n.blobsUnchanged()
              + " unchanged, "
              + n.blobsFetched()
              + " fetched"
              + (n.blobsGone() == 0 ? "" : ", " + n.blobsGone() + " gone")
              + "\n");
      out.print(
          "files: "
              + n.filesStaged()
              + " staged, "
              + n.filesValidated()
              + " validated, "
              + n.filesQuarantined()
              + " quarantined"
              + (n.filesAwaitingServer() == 0
                  ? ""
                  : ", " + n.filesAwaitingServer() + " waiting for a header from SQL Server")
              + " in this run\n");
    }
    out.print("ledger: " + blobStates(c) + "; " + fileStates(c) + "\n");
    if (c.staging() != null) {
      out.print(
          String.format(
              Locale.ROOT,
              "staging: %.1f MiB (%.1f staged, %.1f quarantined, %.1f incoming)\n",
              c.staging().totalBytes() / 1048576.0,
              c.staging().stagedBytes() / 1048576.0,
              c.staging().quarantinedBytes() / 1048576.0,
              c.staging().incomingBytes() / 1048576.0));
    }
    Map<Long, String> blobNames = new HashMap<>();
    c.blobs().forEach(b -> blobNames.put(b.id(), b.version().name()));
    for (BackupFileRecord f : c.files()) {
      if (f.state() == FileState.QUARANTINED
          || (f.state() == FileState.STAGED && f.errorCode() != null)) {
        out.print(
            "  "
                + f.state().label()
                + " "
                + name(blobNames, f)
                + ": "
                + f.errorCode()
                + ": "
                + indent(f.reason())
                + "\n");
      }
    }
    Set<String> failedNow = new HashSet<>();
    for (CenterReport.Failure f : c.failures()) {
      failedNow.add(f.subject());
    }
    for (BlobRecord b : c.blobs()) {
      if (b.errorCode() != null && !failedNow.contains(b.version().name())) {
        out.print(
            "  blob "
                + b.state().label()
                + " "
                + b.version().name()
                + ": "
                + b.errorCode()
                + ": "
                + indent(b.reason())
                + "\n");
      }
    }
    for (CenterReport.Failure f : c.failures()) {
      out.print(
          "error: "
              + f.code().name()
              + ": "
              + f.phase()
              + (f.subject() == null ? "" : " '" + f.subject() + "'")
              + ": "
              + indent(f.message())
              + "\n");
      for (String h : f.hints()) {
        out.print("hint: " + h + "\n");
      }
    }
    if (c.apply() != null) {
      ApplyText.print(out, c.apply());
      if (c.plan() != null && c.plan().isComplete()) {
        out.print("  the chain is complete: nothing is missing\n");
      }
    } else if (c.plan() == null) {
      out.print("plan: nothing validated to plan yet\n");
    } else {
      out.print("next to apply:\n");
      PlanText.print(out, c.plan());
    }
    for (String note : c.planNotes()) {
      out.print("note: " + note + "\n");
    }
    out.print("exit status " + c.exitStatus().code() + "\n\n");
  }

  private static String blobStates(CenterReport c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    c.blobs().forEach(b -> counts.merge(b.state().label(), 1, Integer::sum));
    return c.blobs().size() + " blob(s)" + states(counts);
  }

  private static String fileStates(CenterReport c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    c.files().forEach(f -> counts.merge(f.state().label(), 1, Integer::sum));
    return c.files().size() + " file(s)" + states(counts);
  }

  private static String states(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    counts.forEach(
        (k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(v).append(' ').append(k));
    return sb.append(')').toString();
  }

  private static String name(Map<Long, String> blobNames, BackupFileRecord f) {
    String blob = blobNames.getOrDefault(f.blobId(), "?");
    return f.entryPath().equals(blob) ? blob : blob + "!" + f.entryPath();
  }

  private static String indent(String text) {
    return text == null ? "" : String.join("\n    ", text.split("\\R"));
  }
}
