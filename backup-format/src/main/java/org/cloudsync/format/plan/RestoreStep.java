package org.cloudsync.format.plan;

import java.util.List;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;

/**
 * One {@code RESTORE} statement of a plan: a backup set with all its stripes (files in media family
 * order).
 */
public record RestoreStep(List<BackupFile> files) {
  public RestoreStep {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a restore step needs at least one file");
    }
  }

  /** The header of the set (that of its first media family). */
  public BackupHeader header() {
    return files.get(0).header();
  }

  public BackupType type() {
    return header().backupType();
  }

  public Lsn firstLsn() {
    return header().firstLsn();
  }

  public Lsn lastLsn() {
    return header().lastLsn();
  }

  /** The set's position on its media: the {@code FILE = n} of {@code RESTORE}. */
  public int position() {
    return header().position();
  }

  public List<String> paths() {
    return files.stream().map(BackupFile::path).toList();
  }
}
