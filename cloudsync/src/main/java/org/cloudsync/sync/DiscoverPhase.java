package org.cloudsync.sync;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.BlobState;
import org.cloudsync.ledger.BlobVersion;
import org.cloudsync.source.BlobInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discover: lists the center's source and records every blob version (name + etag) not seen before
 * as {@code discovered}, first seen now. A blob still {@code discovered} that the listing no longer
 * holds was deleted or replaced before it could be fetched: it becomes {@code gone}.
 */
final class DiscoverPhase {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoverPhase.class);

  private DiscoverPhase() {}

  /**
   * @throws org.cloudsync.format.CloudsyncException when the source cannot be listed (after
   *     retries)
   */
  static void run(CenterRun run) {
    List<BlobInfo> listing = run.settings.fetcher(run.source, run.id).list();
    Map<String, String> etagByName = new HashMap<>();
    for (BlobInfo info : listing) {
      etagByName.put(info.name(), info.etag());
      var known = run.blobs.find(run.id, info.name(), info.etag());
      if (known.isPresent()) {
        run.blobsUnchanged++;
        run.listed.put(known.get().id(), info);
        if (known.get().state() == BlobState.DISCOVERED) {
          run.wouldFetch.add(info.name());
        }
        continue;
      }
      run.blobsNew++;
      run.wouldFetch.add(info.name());
      if (!run.dryRun) {
        BlobRecord r = run.blobs.recordListed(run.id, version(info));
        run.listed.put(r.id(), info);
        LOG.debug("{}: blob '{}' discovered", run.id, info.name());
      }
    }
    if (run.dryRun) {
      return;
    }
    for (BlobRecord r : run.blobs.list(run.id, BlobState.DISCOVERED)) {
      if (run.listed.containsKey(r.id())) {
        continue;
      }
      String now = etagByName.get(r.version().name());
      ErrorCode code = now == null ? ErrorCode.BLOB_VANISHED : ErrorCode.BLOB_CHANGED;
      String reason =
          now == null
              ? "deleted from the source before it was fetched"
              : "replaced in the source (etag " + now + ") before it was fetched";
      run.blobs.moveTo(r.id(), BlobState.GONE, reason, code, null);
      LOG.debug("{}: blob '{}' gone", run.id, r.version().name());
      run.blobsGone++;
      run.fail(
          "discover",
          r.version().name(),
          new org.cloudsync.format.CloudsyncException(
              code,
              "blob '" + r.version().name() + "' (etag " + r.version().etag() + "): " + reason,
              now == null
                  ? "nothing of it was staged; ask eCW to upload it again if it was needed"
                  : "the new version is fetched instead"));
    }
  }

  static BlobVersion version(BlobInfo info) {
    return new BlobVersion(
        info.name(),
        info.etag(),
        info.size(),
        info.contentMd5(),
        info.lastModified().atOffset(ZoneOffset.UTC));
  }
}
