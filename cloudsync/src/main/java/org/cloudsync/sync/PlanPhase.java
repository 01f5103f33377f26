package org.cloudsync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.FileState;

/**
 * Plan: the {@link Planner} over the center's {@code validated} files (those not yet applied),
 * named as {@code cloudsync plan} names them ({@code BLOB!ENTRY} for a zip entry). Headers are read
 * again from the staged files (kilobytes each), so the plan sees every field the reader gives.
 * Chain problems (a gap, no full) are the plan's, reported and recorded on the run; nothing changes
 * state here.
 */
final class PlanPhase {
  private PlanPhase() {}

  static void run(CenterRun run) {
    List<BackupFileRecord> validated = run.files.list(run.id, FileState.VALIDATED);
    if (validated.isEmpty()) {
      return;
    }
    Map<Long, String> blobNames = blobNames(run);
    List<BackupFile> files = new ArrayList<>();
    for (BackupFileRecord f : validated) {
      String name = planName(blobNames, f);
      try {
        ReadResult r = BackupReader.read(run.file(f.stagedPath()), name);
        if (r instanceof ReadResult.Headers h) {
          for (BackupHeader header : h.sets()) {
            files.add(new BackupFile(name, header));
          }
        } else {
          run.planNotes.add(name + ": no longer readable offline; left out of the plan");
        }
      } catch (CloudsyncException e) {
        run.planNotes.add(
            name + ": " + e.code().name() + ": " + e.getMessage() + "; left out of the plan");
      }
    }
    ValidatePhase.Expected expected = ValidatePhase.expected(run);
    run.plan =
        Planner.plan(
            files, PlanRequest.all().withDatabase(expected == null ? null : expected.database()));
  }

  /** {@code BLOB!ENTRY} for a file from a zip, the blob's name for a plain backup blob. */
  static String planName(Map<Long, String> blobNames, BackupFileRecord f) {
    String blob = blobNames.get(f.blobId());
    return f.entryPath().equals(blob) ? blob : blob + "!" + f.entryPath();
  }

  /** The center's blob names by ledger id. */
  static Map<Long, String> blobNames(CenterRun run) {
    Map<Long, String> names = new HashMap<>();
    for (BlobRecord b : run.blobs.list(run.id)) {
      names.put(b.id(), b.version().name());
    }
    return names;
  }
}
