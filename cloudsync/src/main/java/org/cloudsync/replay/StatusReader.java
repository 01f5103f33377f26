package org.cloudsync.replay;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.center.Center;
import org.cloudsync.center.Centers;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.ReplayError;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.ledger.RestoreProgressStore;
import org.cloudsync.ledger.UserCheckStore;
import org.cloudsync.lock.CenterLocks;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.RestoreEngine;

/**
 * Reads where each center stands: the engine's position (for a SQL Server, asked of the server),
 * the last file applied or verified, what is pending, the latest failure, the step being applied
 * with its progress, the database users without a login, and the old copies kept by side-by-side
 * re-baselines with when they will be dropped.
 */
public final class StatusReader {
  private final Centers centers;
  private final Engines engines;
  private final BackupFileStore files;
  private final BlobStore blobs;
  private final ReplayStore replay;
  private final RestoreProgressStore progress;
  private final UserCheckStore users;
  private final RebaselineStore rebaselines;
  private CenterLocks locks;

  public StatusReader(Ledger ledger, Centers centers, Engines engines) {
    this.centers = centers;
    this.engines = engines;
    this.files = new BackupFileStore(ledger);
    this.blobs = new BlobStore(ledger);
    this.replay = new ReplayStore(ledger);
    this.progress = new RestoreProgressStore(ledger);
    this.users = new UserCheckStore(ledger);
    this.rebaselines = new RebaselineStore(ledger);
  }

  /** Also says which process is syncing a center right now, from the centers' locks. */
  public StatusReader withLocks(CenterLocks l) {
    this.locks = l;
    return this;
  }

  /** The status of {@code center}. */
  public CenterStatus read(Center center) {
    Placement placement = centers.placement(center.id());
    RestoreEngine engine = null;
    DatabaseState state = null;
    String positionError = null;
    try {
      engine = engines.of(placement);
      state = engine.position(Engines.target(center, rebaselines, engine.name()));
    } catch (CloudsyncException e) {
      positionError = e.code().name() + ": " + e.getMessage();
    }
    String engineName = engine != null ? engine.name() : "sqlserver";
    boolean restoresData = engine == null || engine.restoresData();
    List<BackupFileRecord> all = files.list(center.id());
    Map<Long, String> blobNames = new HashMap<>();
    for (BlobRecord b : blobs.list(center.id())) {
      blobNames.put(b.id(), b.version().name());
    }
    CenterStatus.LastFile last =
        all.stream()
            .filter(f -> f.state() == FileState.APPLIED || f.state() == FileState.VERIFIED)
            .filter(f -> f.header() != null)
            .max(Comparator.comparing((BackupFileRecord f) -> f.header().lastLsn()))
            .map(
                f ->
                    new CenterStatus.LastFile(
                        FileNames.planName(blobNames, f),
                        f.state(),
                        f.header().lastLsn(),
                        f.header().backupFinish()))
            .orElse(null);
    int pending = (int) all.stream().filter(f -> f.state() == FileState.VALIDATED).count();
    CenterStatus.Problem problem = lastError(center, all, blobNames);
    List<CenterStatus.OldCopy> oldCopies =
        rebaselines.keptOldCopies(center.id()).stream()
            .map(
                (RebaselineRecord r) ->
                    new CenterStatus.OldCopy(
                        r.retiredName(), r.engine(), r.swappedAt(), r.dropAfter(), r.dropNote()))
            .toList();
    return new CenterStatus(
        center.id(),
        center.name(),
        center.paused(),
        engineName,
        restoresData,
        placement.serverName(),
        state,
        positionError,
        last,
        pending,
        problem,
        progress.find(center.id()).orElse(null),
        restoresData ? users.find(center.id()).orElse(null) : null,
        oldCopies,
        locks == null ? null : locks.holder(center.id()).orElse(null));
  }

  private CenterStatus.Problem lastError(
      Center center, List<BackupFileRecord> all, Map<Long, String> blobNames) {
    CenterStatus.Problem fromReplay =
        replay
            .lastError(center.id())
            .map(
                (ReplayError e) ->
                    new CenterStatus.Problem(e.code(), e.message(), e.subject(), e.at()))
            .orElse(null);
    CenterStatus.Problem fromFiles =
        all.stream()
            .filter(f -> f.errorCode() != null && !f.state().equals(FileState.SKIPPED))
            .max(Comparator.comparing(BackupFileRecord::updatedAt))
            .map(
                f ->
                    new CenterStatus.Problem(
                        f.errorCode(),
                        f.reason() == null ? "" : f.reason(),
                        FileNames.planName(blobNames, f),
                        f.updatedAt()))
            .orElse(null);
    if (fromReplay == null) {
      return fromFiles;
    }
    if (fromFiles == null || !fromFiles.at().isAfter(fromReplay.at())) {
      return fromReplay;
    }
    return fromFiles;
  }
}
