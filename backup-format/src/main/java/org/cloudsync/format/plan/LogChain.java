package org.cloudsync.format.plan;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;

/**
 * Chains log backups from a restore point by LSN continuity alone, as SQL Server does: the next log
 * is one with {@code FirstLSN <= current < LastLSN}. Sorting once by FirstLSN and walking once
 * keeps it O(n log n) for any number of logs.
 *
 * <p>Where several logs hold the current LSN (overlapping deliveries), the one reaching furthest is
 * used and the others are skipped as covered by it. The walk stops at the first point where no log
 * holds the current LSN (a gap, or a log that is too recent for a given start point), at a log that
 * lacks a stripe, or after the first log finished at or after {@code stopAt}.
 */
final class LogChain {
  /** FirstLSN ascending, then LastLSN descending (the widest first), then BackupSetGUID. */
  private static final Comparator<BackupSet> BY_FIRST_LSN =
      (a, b) -> {
        int c = a.firstLsn().compareTo(b.firstLsn());
        if (c != 0) {
          return c;
        }
        c = b.lastLsn().compareTo(a.lastLsn());
        return c != 0 ? c : a.guid().compareTo(b.guid());
      };

  private final Lsn start;
  private final UUID fork;
  private final boolean startGiven;
  private final LocalDateTime stopAt;
  private final PlanDraft draft;

  /**
   * @param start the restore point p the first log must hold
   * @param fork the recovery fork the database is on, or null when unknown
   * @param startGiven true when p is where the database already stands (not a full or diff)
   */
  LogChain(Lsn start, UUID fork, boolean startGiven, LocalDateTime stopAt, PlanDraft draft) {
    this.start = start;
    this.fork = fork;
    this.startGiven = startGiven;
    this.stopAt = stopAt;
    this.draft = draft;
  }

  void extend(List<BackupSet> given) {
    // Sorted once, first of all: the walk needs it, and problems then list logs in LSN order.
    List<BackupSet> logs = new ArrayList<>(given);
    logs.sort(BY_FIRST_LSN);
    List<BackupSet> usable = new ArrayList<>(logs.size());
    Map<UUID, List<BackupSet>> otherForks = new LinkedHashMap<>();
    for (BackupSet log : logs) {
      UUID logFork = log.recoveryForkId();
      if (log.lastLsn().isBefore(log.firstLsn())) {
        draft.skip(
            log,
            "impossible lsn range: last lsn "
                + log.lastLsn()
                + " before first lsn "
                + log.firstLsn());
      } else if (log.firstLsn().equals(log.lastLsn())) {
        draft.skip(
            log, "empty log: first lsn = last lsn = " + log.lastLsn() + ", nothing to apply");
      } else if (log.lastLsn().compareTo(start) <= 0) {
        draft.skip(log, whollyBefore(log));
      } else if (fork != null && logFork != null && !fork.equals(logFork)) {
        // Only a log that would otherwise matter is a problem: old logs of an earlier fork are not.
        otherForks.computeIfAbsent(logFork, k -> new ArrayList<>()).add(log);
        draft.skip(log, "on recovery fork " + logFork + ", not " + fork);
      } else {
        usable.add(log);
      }
    }
    otherForks.forEach(this::forkMismatch);
    walk(usable);
  }

  private String whollyBefore(BackupSet log) {
    if (startGiven) {
      return "ends at lsn "
          + log.lastLsn()
          + ", at or before the restore point "
          + start
          + ": already applied (sql server would refuse it as too early, error 4326)";
    }
    return "ends at lsn "
        + log.lastLsn()
        + ", at or before lsn "
        + start
        + " where "
        + draft.last().label()
        + " leaves the database: nothing to apply";
  }

  private void walk(List<BackupSet> usable) {
    Lsn current = start;
    int i = 0;
    int n = usable.size();
    List<BackupSet> covered = new ArrayList<>();
    while (i < n) {
      BackupSet best = null;
      BackupSet bestIncomplete = null;
      covered.clear();
      while (i < n && usable.get(i).firstLsn().compareTo(current) <= 0) {
        BackupSet log = usable.get(i++);
        if (log.lastLsn().compareTo(current) <= 0) {
          covered.add(log);
        } else if (!log.isComplete()) {
          if (bestIncomplete == null || log.lastLsn().isAfter(bestIncomplete.lastLsn())) {
            bestIncomplete = log;
          }
          covered.add(log);
        } else if (best == null || log.lastLsn().isAfter(best.lastLsn())) {
          if (best != null) {
            covered.add(best);
          }
          best = log;
        } else {
          covered.add(log);
        }
      }
      if (best == null) {
        if (bestIncomplete != null) {
          covered.remove(bestIncomplete);
          skipCovered(covered, null);
          draft.missingStripe(
              bestIncomplete, "the chain stops at lsn " + current + " before this log");
          draft.skip(
              bestIncomplete, "incomplete: media " + bestIncomplete.missingText() + " absent");
          skipRest(usable, i, "after the log that lacks a stripe at lsn " + current);
        } else {
          skipCovered(covered, null);
          if (i < n) {
            skipRest(usable, i, gap(current, usable.get(i), n - i));
          }
        }
        return;
      }
      skipCovered(covered, best);
      draft.apply(best);
      current = best.lastLsn();
      if (stopAt != null && best.finish() != null && !best.finish().isBefore(stopAt)) {
        skipRest(
            usable,
            i,
            "after the point in time "
                + BackupSet.time(stopAt)
                + ": "
                + best.label()
                + " is the last log restored");
        return;
      }
    }
  }

  private void skipCovered(List<BackupSet> covered, BackupSet best) {
    for (BackupSet log : covered) {
      if (!log.isComplete()) {
        draft.skip(
            log,
            "incomplete: media "
                + log.missingText()
                + " absent, not needed"
                + (best == null ? "" : ": " + best.label() + " covers its lsn range"));
      } else {
        draft.skip(
            log,
            "covered: its lsn range "
                + log.firstLsn()
                + " to "
                + log.lastLsn()
                + " is already applied"
                + (best == null ? "" : " or held by " + best.label()));
      }
    }
  }

  private void skipRest(List<BackupSet> usable, int from, String reason) {
    for (int j = from; j < usable.size(); j++) {
      draft.skip(usable.get(j), reason);
    }
  }

  /** Reports why no log holds {@code current}; returns the skip reason for the logs beyond. */
  private String gap(Lsn current, BackupSet next, int remaining) {
    BackupSet before = draft.last();
    if (startGiven && before == null) {
      draft.problem(
          ErrorCode.LOG_TOO_RECENT,
          "the log in backup set "
              + next.label()
              + " begins at lsn "
              + next.firstLsn()
              + " ("
              + next.firstLsn().toHexString()
              + "), which is too recent to apply to the database at restore point "
              + current
              + " ("
              + current.toHexString()
              + "); an earlier log backup that includes lsn "
              + current
              + " can be restored (sql server error 4305); next log: "
              + next.describe()
              + "\nhint: deliver the log backup(s) covering lsn "
              + current
              + " to "
              + next.firstLsn()
              + ", taken before "
              + BackupSet.time(next.header().backupStartDate()),
          next.paths(),
          current,
          next.firstLsn());
      return "too recent: the logs given begin at lsn "
          + next.firstLsn()
          + ", after the restore point "
          + current
          + " (sql server error 4305)";
    }
    List<String> files = new ArrayList<>(before.paths());
    files.addAll(next.paths());
    draft.problem(
        ErrorCode.LSN_GAP,
        "log backups are missing for lsn "
            + current
            + " to "
            + next.firstLsn()
            + " ("
            + current.toHexString()
            + " to "
            + next.firstLsn().toHexString()
            + "): the chain ends with "
            + before.describe()
            + "; the next log available is "
            + next.describe()
            + " ("
            + remaining
            + " log backup set(s) lie beyond the gap)"
            + "\nhint: deliver the log backups taken between "
            + BackupSet.time(before.header().backupStartDate())
            + " and "
            + BackupSet.time(next.header().backupStartDate())
            + " that cover lsn "
            + current
            + " up to "
            + next.firstLsn(),
        files,
        current,
        next.firstLsn());
    return "after the missing lsn range " + current + " to " + next.firstLsn();
  }

  private void forkMismatch(UUID logFork, List<BackupSet> logs) {
    List<String> files = new ArrayList<>();
    Lsn from = null;
    Lsn to = null;
    for (BackupSet log : logs) {
      files.addAll(log.paths());
      from = from == null || log.firstLsn().isBefore(from) ? log.firstLsn() : from;
      to = to == null || log.lastLsn().isAfter(to) ? log.lastLsn() : to;
    }
    draft.problem(
        ErrorCode.RECOVERY_FORK_MISMATCH,
        logs.size()
            + " log backup set(s) are on recovery fork "
            + logFork
            + ", not on "
            + fork
            + " where the database is"
            + (draft.last() == null ? "" : " after " + draft.last().label())
            + ": "
            + logs.get(0).label()
            + (logs.size() > 1 ? " and " + (logs.size() - 1) + " more" : "")
            + ", lsn "
            + from
            + " to "
            + to
            + "\nhint: these logs belong to another restore path of the database; deliver the logs of"
            + " fork "
            + fork
            + ", or restore a full backup taken on fork "
            + logFork,
        files,
        from,
        to);
  }
}
