package org.cloudsync.format.plan;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.Lsn;

/**
 * Chooses the latest complete differential on the chosen full (by LastLSN: two diffs on one base
 * can start in the same second), and sorts out the differentials that cannot follow it.
 */
final class DiffSelector {
  private final Map<UUID, BackupSet> fullsByGuid = new HashMap<>();
  private final Map<Lsn, BackupSet> fullsByCheckpoint = new HashMap<>();
  private final List<BackupSet> orphans = new ArrayList<>();

  DiffSelector(List<BackupSet> fulls) {
    for (BackupSet full : fulls) {
      fullsByGuid.putIfAbsent(full.guid(), full);
      fullsByCheckpoint.putIfAbsent(full.header().checkpointLsn(), full);
    }
  }

  /**
   * True when {@code full} is the base of {@code diff}: its DifferentialBaseGUID names the full's
   * BackupSetGUID. A source that does not know the GUID (e.g. imported backup history) falls back
   * to DifferentialBaseLSN, else DatabaseBackupLSN, being the full's CheckpointLSN.
   */
  static boolean isBaseOf(BackupSet full, BackupSet diff) {
    BackupHeader d = diff.header();
    if (d.differentialBaseGuid() != null) {
      return d.differentialBaseGuid().equals(full.guid());
    }
    Lsn base = d.differentialBaseLsn() != null ? d.differentialBaseLsn() : d.databaseBackupLsn();
    return base != null && base.equals(full.header().checkpointLsn());
  }

  private BackupSet presentBase(BackupSet diff) {
    BackupHeader d = diff.header();
    if (d.differentialBaseGuid() != null) {
      return fullsByGuid.get(d.differentialBaseGuid());
    }
    Lsn base = d.differentialBaseLsn() != null ? d.differentialBaseLsn() : d.databaseBackupLsn();
    return base == null ? null : fullsByCheckpoint.get(base);
  }

  /** Diffs whose base full is not among the files at all, for the caller to judge. */
  List<BackupSet> orphans() {
    return orphans;
  }

  /** The diff to restore after {@code full} (null for none); every other diff is skipped. */
  BackupSet select(BackupSet full, List<BackupSet> diffs, LocalDateTime stopAt, PlanDraft draft) {
    List<BackupSet> onBase = new ArrayList<>();
    for (BackupSet diff : diffs) {
      if (full != null && isBaseOf(full, diff)) {
        if (stopAt != null && diff.finish() != null && diff.finish().isAfter(stopAt)) {
          draft.skip(
              diff,
              "differential finished at "
                  + BackupSet.time(diff.finish())
                  + ", after the point in time "
                  + BackupSet.time(stopAt));
        } else {
          onBase.add(diff);
        }
        continue;
      }
      BackupSet base = presentBase(diff);
      if (base == null) {
        orphans.add(diff);
      } else {
        draft.skip(
            diff,
            "its base is the full "
                + base.label()
                + ", which is not the one restored"
                + (full == null ? "" : " (" + full.label() + " is)"));
      }
    }
    onBase.sort(FullSelector.NEWEST_FIRST);
    BackupSet chosen = onBase.stream().filter(BackupSet::isComplete).findFirst().orElse(null);
    for (BackupSet diff : onBase) {
      if (diff == chosen) {
        continue;
      }
      boolean newer = chosen == null || FullSelector.NEWEST_FIRST.compare(diff, chosen) < 0;
      if (!diff.isComplete()) {
        if (newer) {
          draft.missingStripe(
              diff,
              chosen == null
                  ? "the plan goes on from the full without it"
                  : "the plan falls back to the older differential " + chosen.label());
        }
        draft.skip(diff, "incomplete: media " + diff.missingText() + " absent");
      } else {
        draft.skip(
            diff,
            "an older differential on the same base (last lsn "
                + diff.lastLsn()
                + ") than the one used, "
                + chosen.label()
                + " (last lsn "
                + chosen.lastLsn()
                + ")");
      }
    }
    return chosen;
  }
}
