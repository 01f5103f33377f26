package org.cloudsync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.intake.BlobUnpacker;
import org.cloudsync.intake.IntakeRules;
import org.cloudsync.intake.SkippedEntry;
import org.cloudsync.intake.StagedBlob;
import org.cloudsync.intake.StagedFile;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobKind;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.BlobState;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpack: every {@code fetched} blob goes through the intake ({@link BlobUnpacker}: a zip's entries
 * extracted safely, a plain {@code .bak}/{@code .trn} read directly). Each backup file is recorded
 * with its header and moved to {@code staged}; a damaged entry, an entry with an unsafe name and a
 * file of a type the feed does not deliver are quarantined with the intake's code. The blob is then
 * classified by content and moved to {@code unpacked}, {@code ignored} (no backup in it) or {@code
 * quarantined} (a zip that cannot be read, a plain file that is not a usable backup).
 *
 * <p>Unpacking a blob again gives the same files in the same places, so a blob still {@code
 * fetched} after a crash is simply unpacked again; rows already recorded are found, not added.
 */
final class UnpackPhase {
  private static final Logger LOG = LoggerFactory.getLogger(UnpackPhase.class);

  /** The database is checked in {@link ValidatePhase}, where the initial dump's is known. */
  private static final IntakeRules RULES = IntakeRules.forDatabase(null);

  private UnpackPhase() {}

  static void run(CenterRun run) {
    BlobUnpacker unpacker = new BlobUnpacker(run.settings.staging(), run.settings.zipLimits());
    for (BlobRecord r : run.blobs.list(run.id, BlobState.FETCHED)) {
      String name = r.version().name();
      StagedBlob staged;
      try {
        staged =
            unpacker.unpack(
                run.id.value(), name, r.version().etag(), run.file(r.stagedPath()), RULES);
      } catch (CloudsyncException e) {
        if (e.code() == ErrorCode.ZIP_INVALID
            || e.code() == ErrorCode.ZIP_TOO_LARGE
            || e.code() == ErrorCode.FILE_UNREADABLE) {
          run.blobs.moveTo(r.id(), BlobState.QUARANTINED, e.getMessage(), e.code(), null);
          LOG.debug("{}: blob '{}' quarantined: {}", run.id, name, e.code());
          run.fail("unpack", name, e);
          continue;
        }
        run.stop("unpack", name, e);
        return;
      }
      record(run, r, staged);
      if (staged.problem() != null && isDiskProblem(staged.problem().code())) {
        // Out of room part-way: the blob stays fetched and is unpacked again next run.
        run.stop("unpack", name, staged.problem());
        return;
      }
      finish(run, r, staged);
    }
  }

  private static void record(CenterRun run, BlobRecord blob, StagedBlob staged) {
    Set<String> entries = new HashSet<>();
    for (StagedFile f : staged.files()) {
      String entry = unique(entries, f.entryName());
      BackupFileRecord row = run.files.recordFound(run.id, blob.id(), entry);
      if (row.state() != FileState.DISCOVERED) {
        continue; // recorded by an earlier, interrupted run
      }
      String path = run.ledgerPath(f.path());
      run.ledger.inTransaction(
          c -> {
            if (f.header() != null) {
              run.files.recordHeader(row.id(), HeaderSummary.of(f.header()));
            }
            if (f.state() == StagedFile.State.VALIDATED) {
              run.files.moveTo(row.id(), FileState.STAGED, null, null, path);
            } else if (f.needsServerHeader()) {
              run.files.moveTo(row.id(), FileState.STAGED, f.reason(), f.errorCode(), path);
            } else {
              run.files.moveTo(row.id(), FileState.QUARANTINED, f.reason(), f.errorCode(), path);
            }
            return null;
          });
      count(run, f);
      LOG.debug("{}: file '{}' of blob '{}' recorded", run.id, entry, blob.version().name());
    }
    for (SkippedEntry s : staged.skipped()) {
      if (s.errorCode() == null) {
        continue; // not a backup (a readme, a folder) or an identical duplicate: nothing to keep
      }
      BackupFileRecord row =
          run.files.recordFound(run.id, blob.id(), unique(entries, s.entryName()));
      if (row.state() == FileState.DISCOVERED) {
        run.files.moveTo(row.id(), FileState.QUARANTINED, s.reason(), s.errorCode(), null);
        run.filesQuarantined++;
      }
    }
  }

  private static void count(CenterRun run, StagedFile f) {
    if (f.state() == StagedFile.State.VALIDATED || f.needsServerHeader()) {
      run.filesStaged++;
    } else {
      run.filesQuarantined++;
    }
  }

  /** Two entries of one name in a zip become {@code x.trn} and {@code x.trn~2}, as in staging. */
  private static String unique(Set<String> used, String entry) {
    String name = entry;
    for (int n = 2; !used.add(name); n++) {
      name = entry + "~" + n;
    }
    return name;
  }

  private static void finish(CenterRun run, BlobRecord r, StagedBlob staged) {
    run.blobs.classify(r.id(), staged.kind());
    boolean plain = isPlain(staged, r.version().name());
    BlobState next;
    String reason = null;
    ErrorCode code = null;
    if (staged.files().isEmpty() && staged.kind() == BlobKind.OTHER) {
      next = BlobState.IGNORED;
      reason = staged.skipped().isEmpty() ? "no backup in it" : staged.skipped().get(0).reason();
    } else if (plain
        && !staged.quarantined().isEmpty()
        && !staged.files().get(0).needsServerHeader()) {
      StagedFile f = staged.files().get(0);
      next = BlobState.QUARANTINED;
      reason = f.reason();
      code = f.errorCode();
    } else {
      next = BlobState.UNPACKED;
      if (staged.problem() != null) {
        reason = staged.problem().getMessage();
        code = staged.problem().code();
        run.fail("unpack", r.version().name(), staged.problem());
      }
    }
    run.blobs.moveTo(r.id(), next, reason, code, null);
    if (next != BlobState.QUARANTINED) {
      // Its files are staged and recorded: the downloaded copy is no longer needed. (A quarantined
      // blob is kept as the evidence.) Killed before this, the copy is merely left over.
      deleteQuietly(run.file(r.stagedPath()));
    }
    LOG.debug(
        "{}: blob '{}' {} ({})", run.id, r.version().name(), next.label(), staged.kind().label());
  }

  private static boolean isPlain(StagedBlob staged, String blobName) {
    List<StagedFile> files = staged.files();
    return files.size() == 1 && files.get(0).entryName().equals(blobName);
  }

  /** The disk, not the blob: the blob stays fetched and is unpacked again next run. */
  private static boolean isDiskProblem(ErrorCode code) {
    return code == ErrorCode.DISK_FULL || code == ErrorCode.STAGING_WRITE_FAILED;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot remove the unpacked download '{}': {}", file, e.getMessage());
    }
  }
}
