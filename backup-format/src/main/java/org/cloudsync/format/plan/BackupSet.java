package org.cloudsync.format.plan;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;

/**
 * One backup set as delivered: its media families (stripes), paired by BackupSetGUID and position,
 * never by file name. Complete when every family {@code 1..familyCount} is present.
 */
final class BackupSet {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final UUID guid;
  private final int position;
  private BackupFile[] families;
  private boolean sharesFile;
  private BackupHeader header;
  // Kept here, not read through the header, because sorting compares them most.
  private final Lsn first;
  private final Lsn last;

  BackupSet(BackupFile first) {
    BackupHeader h = first.header();
    this.first = h.firstLsn();
    this.last = h.lastLsn();
    this.guid = h.backupSetGuid();
    this.position = h.position();
    this.families = new BackupFile[h.familyCount()];
    families[h.familySequenceNumber() - 1] = first;
  }

  /**
   * Adds a media family. When {@code file} delivers a family already present, the one whose path
   * sorts first is kept and the other is returned (the duplicate), else null.
   */
  BackupFile add(BackupFile file) {
    BackupHeader h = file.header();
    if (h.familyCount() > families.length) {
      BackupFile[] wider = new BackupFile[h.familyCount()];
      System.arraycopy(families, 0, wider, 0, families.length);
      families = wider;
    }
    int index = h.familySequenceNumber() - 1;
    BackupFile present = families[index];
    if (present != null && present.path().compareTo(file.path()) <= 0) {
      return file;
    }
    families[index] = file;
    header = null;
    return present;
  }

  /** The file kept for the media family of {@code file}. */
  BackupFile family(BackupFile file) {
    return families[file.header().familySequenceNumber() - 1];
  }

  UUID guid() {
    return guid;
  }

  int position() {
    return position;
  }

  /** The header of the lowest family present. */
  BackupHeader header() {
    if (header == null) {
      for (BackupFile f : families) {
        if (f != null) {
          header = f.header();
          break;
        }
      }
    }
    return header;
  }

  BackupType type() {
    return header().backupType();
  }

  /** FirstLSN (all families of a set carry the same). */
  Lsn firstLsn() {
    return first;
  }

  /** LastLSN (all families of a set carry the same). */
  Lsn lastLsn() {
    return last;
  }

  UUID recoveryForkId() {
    return header().recoveryForkId();
  }

  LocalDateTime finish() {
    return header().backupFinishDate();
  }

  int familyCount() {
    return families.length;
  }

  boolean isComplete() {
    for (BackupFile f : families) {
      if (f == null) {
        return false;
      }
    }
    return true;
  }

  /** The absent family numbers (1-based), ascending. */
  List<Integer> missingFamilies() {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < families.length; i++) {
      if (families[i] == null) {
        missing.add(i + 1);
      }
    }
    return missing;
  }

  /** The files present, in media family order. */
  List<BackupFile> files() {
    List<BackupFile> present = new ArrayList<>(families.length);
    for (BackupFile f : families) {
      if (f != null) {
        present.add(f);
      }
    }
    return present;
  }

  List<String> paths() {
    return files().stream().map(BackupFile::path).toList();
  }

  void markSharesFile() {
    sharesFile = true;
  }

  /** True when the file name alone does not say which set is meant. */
  boolean needsPosition() {
    return sharesFile || position > 1;
  }

  RestoreStep toStep() {
    return new RestoreStep(files());
  }

  /** How a person finds the set: its file(s), and the position when a file holds several sets. */
  String label() {
    StringBuilder sb = new StringBuilder();
    List<BackupFile> present = files();
    for (int i = 0; i < present.size(); i++) {
      sb.append(i == 0 ? "" : " + ").append('\'').append(present.get(i).path()).append('\'');
    }
    if (needsPosition()) {
      sb.append(" (position ").append(position).append(')');
    }
    return sb.toString();
  }

  /** The type, label, LSN range and times, e.g. for the neighbours of a gap. */
  String describe() {
    return type().shortName()
        + " "
        + label()
        + ", lsn "
        + firstLsn()
        + " to "
        + lastLsn()
        + ", "
        + times();
  }

  String times() {
    BackupHeader h = header();
    if (h.backupStartDate() == null) {
      return "backup time unknown";
    }
    return "started "
        + TIME.format(h.backupStartDate())
        + ", finished "
        + (h.backupFinishDate() == null ? "unknown" : TIME.format(h.backupFinishDate()));
  }

  static String time(LocalDateTime t) {
    return t == null ? "unknown" : TIME.format(t);
  }

  /** "family 2 of 2" or "families 2, 3 of 4": the absent families. */
  String missingText() {
    List<Integer> missing = missingFamilies();
    StringBuilder sb = new StringBuilder(missing.size() == 1 ? "family " : "families ");
    for (int i = 0; i < missing.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(missing.get(i));
    }
    return sb.append(" of ").append(families.length).toString();
  }
}
