package org.cloudsync.sync;

import java.util.Comparator;
import java.util.List;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validate: every {@code staged} file whose header was read is checked against the center and
 * becomes {@code validated} or {@code quarantined} ({@code OTHER_DATABASE}). The database a file
 * must belong to is the center's configured database, else the database of its initial dump (the
 * earliest validated full; fulls are validated first, so a dump and its logs arriving in one run
 * work too). A staged file without a header (only SQL Server can read it) stays staged.
 */
final class ValidatePhase {
  private static final Logger LOG = LoggerFactory.getLogger(ValidatePhase.class);

  private ValidatePhase() {}

  static void run(CenterRun run) {
    List<BackupFileRecord> staged =
        run.files.list(run.id, FileState.STAGED).stream()
            .sorted(Comparator.comparing((BackupFileRecord f) -> !isFull(f)))
            .toList();
    Expected expected = expected(run);
    for (BackupFileRecord f : staged) {
      HeaderSummary h = f.header();
      if (h == null || f.errorCode() != null) {
        run.filesAwaitingServer++;
        continue;
      }
      if (expected == null && h.type() == BackupType.FULL) {
        expected = new Expected(h.databaseName(), "the database of its initial dump");
      }
      if (expected != null && !h.databaseName().equalsIgnoreCase(expected.database)) {
        String reason =
            "a backup of database '"
                + h.databaseName()
                + "', but center '"
                + run.id
                + "' takes '"
                + expected.database
                + "' ("
                + expected.why
                + ")"
                + "\nhint: eCW may have put another health center's file in this container; ask"
                + " them, or correct the center's --database";
        run.files.moveTo(f.id(), FileState.QUARANTINED, reason, ErrorCode.OTHER_DATABASE, null);
        run.filesQuarantined++;
        LOG.debug("{}: file '{}' quarantined: OTHER_DATABASE", run.id, f.entryPath());
      } else {
        run.files.moveTo(f.id(), FileState.VALIDATED, null, null, null);
        run.filesValidated++;
        LOG.debug("{}: file '{}' validated", run.id, f.entryPath());
      }
    }
  }

  /** The database the center's files must belong to, and why; null when not known yet. */
  static Expected expected(CenterRun run) {
    if (run.center.databaseName() != null && !run.center.databaseName().isBlank()) {
      return new Expected(run.center.databaseName(), "its configured database");
    }
    for (BackupFileRecord f : run.files.list(run.id)) {
      if (isFull(f) && f.state() != FileState.QUARANTINED && f.state() != FileState.STAGED) {
        return new Expected(f.header().databaseName(), "the database of its initial dump");
      }
    }
    return null;
  }

  private static boolean isFull(BackupFileRecord f) {
    return f.header() != null && f.header().type() == BackupType.FULL;
  }

  record Expected(String database, String why) {}
}
