package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.HeaderSummary;
import org.cloudsync.sync.CenterReport;
import org.cloudsync.sync.SyncReport;

/**
 * A sync report as JSON: {@code {"exit_status", "centers":[{"center", "source", "paused", "busy",
 * "dry_run", "exit_status", "warnings", "failures":[{"phase", "subject", "code", "message",
 * "hints"}], "counts":{...}, "blobs":[{"name", "etag", "size", "md5", "kind", "state", "reason",
 * "error_code", "first_seen"}], "files":[{"blob", "entry", "staged_path", "state", "reason",
 * "error_code", "header":{"type", "database_name", "first_lsn", ...}}], "staging":{"staged_bytes",
 * "quarantined_bytes", "incoming_bytes"}, "plan": PLAN}]}}}, where PLAN is what {@code plan
 * --format json} prints (or null when nothing is validated). LSNs are decimal strings.
 */
final class SyncJson {
  private SyncJson() {}

  static ObjectNode of(SyncReport report) {
    ObjectNode o = JsonOutput.object();
    o.put("exit_status", report.exitStatus().code());
    ArrayNode centers = o.putArray("centers");
    for (CenterReport c : report.centers()) {
      centers.add(center(c));
    }
    return o;
  }

  private static ObjectNode center(CenterReport c) {
    ObjectNode o = JsonOutput.object();
    o.put("center", c.center().value());
    o.put("source", c.source());
    o.put("paused", c.paused());
    o.put("busy", c.busy());
    o.put("dry_run", c.dryRun());
    o.put("exit_status", c.exitStatus().code());
    o.set("warnings", JsonOutput.strings(c.warnings()));
    if (c.dryRun()) {
      o.set("would_fetch", JsonOutput.strings(c.wouldFetch()));
    }
    ArrayNode failures = o.putArray("failures");
    for (CenterReport.Failure f : c.failures()) {
      failures
          .addObject()
          .put("phase", f.phase())
          .put("subject", f.subject())
          .put("code", f.code().name())
          .put("message", f.message())
          .set("hints", JsonOutput.strings(f.hints()));
    }
    CenterReport.Counts n = c.counts();
    o.putObject("counts")
        .put("blobs_new", n.blobsNew())
        .put("blobs_unchanged", n.blobsUnchanged())
        .put("blobs_fetched", n.blobsFetched())
        .put("blobs_gone", n.blobsGone())
        .put("files_staged", n.filesStaged())
        .put("files_validated", n.filesValidated())
        .put("files_quarantined", n.filesQuarantined())
        .put("files_awaiting_server", n.filesAwaitingServer());
    Map<Long, String> names = new HashMap<>();
    ArrayNode blobs = o.putArray("blobs");
    for (BlobRecord b : c.blobs()) {
      names.put(b.id(), b.version().name());
      blobs
          .addObject()
          .put("name", b.version().name())
          .put("etag", b.version().etag())
          .put("size", b.version().size())
          .put("md5", b.version().contentMd5())
          .put("kind", b.kind().label())
          .put("state", b.state().label())
          .put("reason", b.reason())
          .put("error_code", b.errorCode())
          .put("first_seen", JsonOutput.instant(b.firstSeen()));
    }
    ArrayNode files = o.putArray("files");
    for (BackupFileRecord f : c.files()) {
      ObjectNode fo =
          files
              .addObject()
              .put("blob", names.get(f.blobId()))
              .put("entry", f.entryPath())
              .put("staged_path", f.stagedPath())
              .put("state", f.state().label())
              .put("reason", f.reason())
              .put("error_code", f.errorCode());
      fo.set("header", f.header() == null ? null : header(f.header()));
    }
    if (c.staging() != null) {
      o.putObject("staging")
          .put("staged_bytes", c.staging().stagedBytes())
          .put("quarantined_bytes", c.staging().quarantinedBytes())
          .put("incoming_bytes", c.staging().incomingBytes());
    }
    o.set("plan", c.plan() == null ? null : PlanJson.of(c.plan()));
    o.set("plan_notes", JsonOutput.strings(c.planNotes()));
    o.set("apply", c.apply() == null ? null : ApplyJson.of(c.apply()));
    return o;
  }

  private static ObjectNode header(HeaderSummary h) {
    return JsonOutput.object()
        .put("type", h.type().shortName())
        .put("database_name", h.databaseName())
        .put("first_lsn", JsonOutput.lsn(h.firstLsn()))
        .put("last_lsn", JsonOutput.lsn(h.lastLsn()))
        .put("checkpoint_lsn", JsonOutput.lsn(h.checkpointLsn()))
        .put("database_backup_lsn", JsonOutput.lsn(h.databaseBackupLsn()))
        .put("backup_set_guid", JsonOutput.guid(h.backupSetGuid()))
        .put("family_sequence", h.familySequence())
        .put("family_count", h.familyCount())
        .put("position", h.position())
        .put("backup_start_date", JsonOutput.date(h.backupStart()))
        .put("backup_finish_date", JsonOutput.date(h.backupFinish()));
  }
}
