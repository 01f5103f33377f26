package org.cloudsync.format.plan;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cloudsync.format.ErrorCode;

/**
 * Chooses the full backup to start from: the complete one with the highest LastLSN (copy-only or
 * not). A newer full that lacks a stripe is reported, and the plan falls back to the newest
 * complete one, so that a damaged delivery is never silent but the plan still goes as far as it
 * can.
 */
final class FullSelector {
  /** Newest first: highest LastLSN, then latest finish, then BackupSetGUID for a stable order. */
  static final Comparator<BackupSet> NEWEST_FIRST =
      Comparator.comparing(BackupSet::lastLsn)
          .thenComparing(BackupSet::finish, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(BackupSet::guid)
          .reversed();

  private FullSelector() {}

  static BackupSet select(
      String database, List<BackupSet> fulls, LocalDateTime stopAt, PlanDraft draft) {
    List<BackupSet> eligible = new ArrayList<>();
    for (BackupSet full : fulls) {
      if (stopAt != null && full.finish() != null && full.finish().isAfter(stopAt)) {
        draft.skip(
            full,
            "full finished at "
                + BackupSet.time(full.finish())
                + ", after the point in time "
                + BackupSet.time(stopAt));
      } else {
        eligible.add(full);
      }
    }
    eligible.sort(NEWEST_FIRST);
    BackupSet chosen = eligible.stream().filter(BackupSet::isComplete).findFirst().orElse(null);
    for (BackupSet full : eligible) {
      if (full == chosen) {
        continue;
      }
      boolean newer = chosen == null || NEWEST_FIRST.compare(full, chosen) < 0;
      if (!full.isComplete()) {
        String reason = "incomplete: media " + full.missingText() + " absent";
        if (newer) {
          draft.missingStripe(
              full,
              chosen == null
                  ? "it cannot be restored"
                  : "it cannot be restored, so the plan falls back to the older full "
                      + chosen.label());
        } else {
          reason += ", and older than the full used, " + chosen.label();
        }
        draft.skip(full, reason);
      } else {
        draft.skip(
            full,
            "an older full (last lsn "
                + full.lastLsn()
                + ") than the one used, "
                + chosen.label()
                + " (last lsn "
                + chosen.lastLsn()
                + ")");
      }
    }
    if (chosen == null) {
      draft.problem(
          ErrorCode.NO_FULL_BACKUP,
          "no complete full backup of database '"
              + database
              + "'"
              + (stopAt == null ? "" : " finished by " + BackupSet.time(stopAt))
              + " among the files given"
              + "\nhint: deliver a full backup of '"
              + database
              + "' with all its stripes, or give the restore point the database already stands"
              + " at (--after-lsn) to plan logs only",
          List.of(),
          null,
          null);
    }
    return chosen;
  }
}
