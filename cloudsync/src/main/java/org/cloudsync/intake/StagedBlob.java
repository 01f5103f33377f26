package org.cloudsync.intake;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.CloudsyncException;

/**
 * What unpacking one blob gave: its kind, every backup file with its outcome, the entries left out,
 * and a zip-level problem that stopped unpacking part-way (files staged before it stay staged).
 *
 * @param blobName the blob's name in its source
 * @param kind judged from the validated files' headers
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
}
