package org.cloudsync.intake;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.ledger.BlobKind;

/**
 * What unpacking one blob gave: its kind, every backup file with its outcome, the entries left out,
 * and a zip-level problem that stopped unpacking part-way (files staged before it stay staged).
 *
 * @param blobName the blob's name in its source
 * @param kind judged from the validated files' headers ({@link #kindOf}): {@link
 *     BlobKind#INITIAL_DUMP}, {@link BlobKind#LOG_ZIP} or {@link BlobKind#OTHER}
 * @param files every backup file staged or quarantined, in zip order
 * @param skipped entries not staged, in zip order
 * @param problem why the zip could not be unpacked to its end, or null
 */
public record StagedBlob(
    String blobName,
    BlobKind kind,
    List<StagedFile> files,
    List<SkippedEntry> skipped,
    CloudsyncException problem) {

  public StagedBlob {
    Objects.requireNonNull(blobName, "blobName");
    Objects.requireNonNull(kind, "kind");
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
  }

  /** The files whose header was read and fits the rules. */
  public List<StagedFile> validated() {
    return files.stream().filter(f -> f.state() == StagedFile.State.VALIDATED).toList();
  }

  /** The files kept aside, each with its reason. */
  public List<StagedFile> quarantined() {
    return files.stream().filter(f -> f.state() == StagedFile.State.QUARANTINED).toList();
  }

  /**
   * True when something in the blob is bad: a quarantined file, a refused entry or a zip-level
   * problem. The good files are staged all the same.
   */
  public boolean partiallyBad() {
    return problem != null
        || !quarantined().isEmpty()
        || skipped.stream().anyMatch(s -> s.errorCode() != null);
  }

  /**
   * Judges a blob by its validated files. Quarantined files do not count: a zip of logs with one
   * damaged log is still a daily log zip. A full anywhere makes the blob an initial dump, even
   * beside logs (eCW may ship the logs taken while the dump was uploaded; the planner places them).
   * Validated logs and no full: a daily log zip (or a single log file). Nothing validated: other.
   */
  static BlobKind kindOf(List<StagedFile> files) {
    boolean log = false;
    for (StagedFile f : files) {
      if (f.state() != StagedFile.State.VALIDATED) {
        continue;
      }
      for (BackupHeader h : f.headers()) {
        if (h.backupType() == BackupType.FULL) {
          return BlobKind.INITIAL_DUMP;
        }
        log |= h.backupType() == BackupType.LOG;
      }
    }
    return log ? BlobKind.LOG_ZIP : BlobKind.OTHER;
  }
}
