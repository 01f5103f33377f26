package org.cloudsync.format.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Groups files into backup sets by BackupSetGUID and position, never by name, and collapses
 * duplicate deliveries of the same media family (the one whose path sorts first is kept).
 */
final class SetAssembler {
  private SetAssembler() {}

  private record Key(UUID guid, int position) {}

  /** The sets in the order of their first file's path; duplicates are recorded as skipped. */
  static List<BackupSet> assemble(Collection<BackupFile> files, PlanDraft draft) {
    List<BackupFile> sorted = new ArrayList<>(files);
    // Input order must not change the plan: sort by path, then position on the media.
    sorted.sort(
        Comparator.comparing(BackupFile::path)
            .thenComparingInt(f -> f.header().position())
            .thenComparingInt(f -> f.header().familySequenceNumber()));
    Map<Key, BackupSet> sets = new LinkedHashMap<>();
    Map<String, BackupSet> firstSetOfPath = new HashMap<>();
    for (BackupFile file : sorted) {
      Key key = new Key(file.header().backupSetGuid(), file.header().position());
      BackupSet set = sets.get(key);
      if (set == null) {
        set = new BackupSet(file);
        sets.put(key, set);
      } else {
        BackupFile kept = set.add(file);
        if (kept != null) {
          draft.skip(
              file,
              "duplicate delivery of media family "
                  + file.header().familySequenceNumber()
                  + " of "
                  + file.header().familyCount()
                  + " of backup set "
                  + key.guid()
                  + " (position "
                  + key.position()
                  + "); '"
                  + kept.path()
                  + "' is used");
          continue;
        }
      }
      BackupSet other = firstSetOfPath.putIfAbsent(file.path(), set);
      if (other != null && other != set) {
        other.markSharesFile();
        set.markSharesFile();
      }
    }
    return new ArrayList<>(sets.values());
  }
}
