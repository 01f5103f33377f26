package org.cloudsync.intake;

import java.util.List;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;

/** What a blob holds, judged from the headers of the backup files in it, never from its name. */
public enum BlobKind {
  /** At least one validated full backup (possibly striped over several files, possibly zipped). */
  INITIAL_DUMP,
  /** Validated log backups and no full: eCW's daily zip (or a single log file). */
  DAILY_LOGS,
  /** No validated backup at all: recorded, then ignored. */
  OTHER;

  /**
   * Judges a blob by its validated files. Quarantined files do not count: a zip of logs with one
   * damaged log is still a daily zip. A full anywhere makes the blob an initial dump, even beside
   * logs (eCW may ship the logs taken while the dump was uploaded; the planner places them).
   */
  static BlobKind of(List<StagedFile> files) {
    boolean log = false;
    for (StagedFile f : files) {
      if (f.state() != StagedFile.State.VALIDATED) {
        continue;
      }
      for (BackupHeader h : f.headers()) {
        if (h.backupType() == BackupType.FULL) {
          return INITIAL_DUMP;
        }
        log |= h.backupType() == BackupType.LOG;
      }
    }
    return log ? DAILY_LOGS : OTHER;
  }
}
