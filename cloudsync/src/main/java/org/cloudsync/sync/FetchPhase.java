package org.cloudsync.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.BlobState;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.FetchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch: downloads every {@code discovered} blob the listing holds into {@code
 * staging/CENTER/incoming/BLOBKEY/} (one directory per blob version; temp file, then atomic rename:
 * see {@link org.cloudsync.source.BlobFetcher}), then records it {@code fetched}. A blob deleted or
 * replaced meanwhile becomes {@code gone}; one whose bytes do not match its Content-MD5 is
 * quarantined. A full disk or an unreachable source stops the phase: what is fetched stays fetched,
 * the rest is tried again next run.
 */
final class FetchPhase {
  private static final Logger LOG = LoggerFactory.getLogger(FetchPhase.class);

  private FetchPhase() {}

  static void run(CenterRun run) {
    requeueLost(run);
    for (BlobRecord r : run.blobs.list(run.id, BlobState.DISCOVERED)) {
      BlobInfo info = run.listed.get(r.id());
      if (info == null) {
        continue;
      }
      Path dir =
          run.settings
              .staging()
              .incomingFile(run.id.value(), r.version().name(), r.version().etag());
      try {
        FetchResult result =
            run.settings.fetcher(run.source, dir).fetch(info, run.settings.progress().apply(info));
        run.blobs.moveTo(r.id(), BlobState.FETCHED, null, null, run.ledgerPath(result.file()));
        run.blobsFetched++;
        LOG.debug("{}: blob '{}' fetched", run.id, r.version().name());
      } catch (CloudsyncException e) {
        if (!recordBlobProblem(run, r, e)) {
          run.stop("fetch", r.version().name(), e);
          return;
        }
      }
    }
  }

  /** A blob problem is recorded on the blob; returns false for one that stops the phase. */
  private static boolean recordBlobProblem(CenterRun run, BlobRecord r, CloudsyncException e) {
    BlobState next =
        switch (e.code()) {
          case BLOB_VANISHED, BLOB_CHANGED -> BlobState.GONE;
          case BLOB_MD5_MISMATCH, BLOB_NAME_UNSAFE -> BlobState.QUARANTINED;
          default -> null;
        };
    if (next == null) {
      return false;
    }
    run.blobs.moveTo(r.id(), next, e.getMessage(), e.code(), null);
    LOG.debug("{}: blob '{}' {}: {}", run.id, r.version().name(), next.label(), e.code());
    if (next == BlobState.GONE) {
      run.blobsGone++;
    }
    run.fail("fetch", r.version().name(), e);
    return true;
  }

  /**
   * A blob recorded {@code fetched} whose staged copy is gone (removed by hand, or lost with a
   * disk) goes back to {@code discovered} to be fetched again.
   */
  private static void requeueLost(CenterRun run) {
    for (BlobRecord r : run.blobs.list(run.id, BlobState.FETCHED)) {
      if (r.stagedPath() == null || !Files.exists(run.file(r.stagedPath()))) {
        run.blobs.moveTo(
            r.id(), BlobState.DISCOVERED, "the staged copy was missing; fetched again", null, null);
      }
    }
  }
}
