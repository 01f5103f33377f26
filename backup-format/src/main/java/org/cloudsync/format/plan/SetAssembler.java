package org.cloudsync.format.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

  /**
   * The sets, in no particular order (later phases sort what they need); duplicates are recorded as
   * skipped. Input order does not matter: of two deliveries of one media family, the one whose path
   * sorts first is kept. One pass, no sort of the input.
   */
  static List<BackupSet> assemble(Collection<BackupFile> files, PlanDraft draft) {
    Map<Key, BackupSet> sets = new HashMap<>(files.size() * 2);
    Map<String, BackupSet> firstSetOfPath = new HashMap<>(files.size() * 2);
    List<BackupFile[]> duplicates = new ArrayList<>();
    for (BackupFile file : files) {
      Key key = new Key(file.header().backupSetGuid(), file.header().position());
      BackupSet set = sets.get(key);
      if (set == null) {
        set = new BackupSet(file);
        sets.put(key, set);
      } else {
        BackupFile dropped = set.add(file);
        if (dropped != null) {
          duplicates.add(new BackupFile[] {dropped, set.family(file)});
        }
      }
      BackupSet other = firstSetOfPath.putIfAbsent(file.path(), set);
      if (other != null && other != set) {
        other.markSharesFile();
        set.markSharesFile();
      }
    }
    for (BackupFile[] pair : duplicates) {
      BackupFile dropped = pair[0];
      BackupFile kept =
          sets.get(new Key(dropped.header().backupSetGuid(), dropped.header().position()))
              .family(dropped);
      draft.skip(
          dropped,
          "duplicate delivery of media family "
              + dropped.header().familySequenceNumber()
              + " of "
              + dropped.header().familyCount()
              + " of backup set "
              + dropped.header().backupSetGuid()
              + " (position "
              + dropped.header().position()
              + "); '"
              + kept.path()
              + "' is used");
    }
    return new ArrayList<>(sets.values());
  }
}
