package org.cloudsync.sync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.center.Center;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.BlobSource;

/**
 * One center's pass through the phases: what they share (the center, its source, the stores) and
 * what they found so far, for the {@link CenterReport}.
 */
final class CenterRun {
  final Center center;
  final CenterId id;
  final Ledger ledger;
  final BlobStore blobs;
  final BackupFileStore files;
  final SyncCycle.Settings settings;
  final boolean dryRun;

  BlobSource source;
  String sourceDescription;
  final List<String> warnings = new ArrayList<>();
  final List<CenterReport.Failure> failures = new ArrayList<>();

  /** A phase was stopped part-way (source unreachable, disk full): the run failed. */
  boolean stopped;

  /** The current listing, by ledger blob id (discover fills it; fetch reads it). */
  final Map<Long, BlobInfo> listed = new HashMap<>();

  final List<String> wouldFetch = new ArrayList<>();
  int blobsNew;
  int blobsUnchanged;
  int blobsFetched;
  int blobsGone;
  int filesStaged;
  int filesValidated;
  int filesQuarantined;
  int filesAwaitingServer;

  RestorePlan plan;
  org.cloudsync.replay.ApplyReport apply;
  final List<String> planNotes = new ArrayList<>();

  CenterRun(Center center, Ledger ledger, SyncCycle.Settings settings, boolean dryRun) {
    this.center = center;
    this.id = center.id();
    this.ledger = ledger;
    this.blobs = new BlobStore(ledger);
    this.files = new BackupFileStore(ledger);
    this.settings = settings;
    this.dryRun = dryRun;
  }

  /** Notes a failure that stopped {@code phase}; the next run continues from the ledger. */
  void stop(String phase, String subject, CloudsyncException e) {
    stopped = true;
    fail(phase, subject, e);
  }

  /** Notes a failure with its code, message and hints. */
  void fail(String phase, String subject, CloudsyncException e) {
    failures.add(new CenterReport.Failure(phase, subject, e.code(), e.getMessage(), e.hints()));
  }

  /** A staged path as the ledger keeps it: relative to the staging root when inside it. */
  String ledgerPath(Path file) {
    Path root = settings.staging().root();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(root)
        ? root.relativize(abs).toString().replace('\\', '/')
        : abs.toString();
  }

  /** A staged path from the ledger, as a file. */
  Path file(String ledgerPath) {
    return settings.staging().root().resolve(ledgerPath);
  }

  CenterReport report() {
    return new CenterReport(
        id,
        sourceDescription,
        false,
        dryRun,
        wouldFetch,
        warnings,
        failures,
        new CenterReport.Counts(
            blobsNew,
            blobsUnchanged,
            blobsFetched,
            blobsGone,
            filesStaged,
            filesValidated,
            filesQuarantined,
            filesAwaitingServer),
        blobs.list(id),
        files.list(id),
        apply != null && apply.plan() != null ? apply.plan() : plan,
        planNotes,
        dryRun ? null : settings.staging().usage(id.value()),
        apply);
  }
}
