package org.cloudsync.format.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;

/**
 * Plans a restore chain by SQL Server's rules. Pure: no I/O, no clock; the same input always gives
 * the same plan, whatever the order of the files.
 *
 * <p>The phases, each a small class: group files into backup sets by BackupSetGUID ({@code
 * SetAssembler}), choose the database ({@code DatabaseChoice}), the newest complete full ({@code
 * FullSelector}), the latest differential on it ({@code DiffSelector}), then chain the logs by LSN
 * continuity ({@code LogChain}). Every file given ends up either in a step or in {@link
 * RestorePlan#skipped()} with the reason; {@link RestorePlan#problems()} says what stops the chain.
 *
 * <p>Rules where SQL Server leaves a choice:
 *
 * <ul>
 *   <li>Database names compare case-insensitively and ignoring trailing spaces (default
 *       collations).
 *   <li>A newer full or differential that lacks a stripe is a {@code MISSING_STRIPE} problem; the
 *       plan falls back to the newest complete one so it still goes as far as it can.
 *   <li>A differential whose base full is absent is a {@code DIFF_BASE_MISSING} problem only when
 *       it would bring the database further than the plan does; otherwise it is skipped.
 *   <li>With a start point, logs that end at or before it are skipped (SQL Server's error 4326),
 *       not reported: the database is simply ahead of them.
 *   <li>Recovery forks are compared only when both the base's (or start point's) and the log's are
 *       known, and only for logs that would otherwise be applied; older logs of another fork are
 *       just skipped.
 *   <li>Of two deliveries of the same media family of one set, the one whose path sorts first is
 *       used; the other is skipped as a duplicate.
 *   <li>Where several logs hold the current LSN, the one reaching furthest is used.
 *   <li>A differential whose header lacks DifferentialBaseGUID (e.g. imported backup history)
 *       matches its full by DifferentialBaseLSN, else DatabaseBackupLSN, against the full's
 *       CheckpointLSN.
 *   <li>With {@code stopAt}, fulls and differentials must have finished by then, and the last log
 *       is the first that finished at or after it. A chain that ends before {@code stopAt} is not a
 *       problem.
 * </ul>
 */
public final class Planner {
  private Planner() {}

  /**
   * The restore plan for {@code files}.
   *
   * @param files headers of whatever files were found, in any order
   * @param request the database, an optional start point, options
   */
  public static RestorePlan plan(Collection<BackupFile> files, PlanRequest request) {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(request, "request");
    PlanDraft draft = new PlanDraft();
    List<BackupSet> sets = SetAssembler.assemble(files, draft);
    DatabaseChoice database = DatabaseChoice.choose(sets, request.database(), draft);
    if (database.name() == null) {
      return draft.toPlan(null);
    }
    Map<BackupType, List<BackupSet>> byType = new LinkedHashMap<>();
    for (BackupType type : BackupType.values()) {
      byType.put(type, new ArrayList<>());
    }
    for (BackupSet set : database.sets()) {
      byType.get(set.type()).add(set);
    }
    // Newest first, so that problems and choices never depend on the order of the input.
    byType.get(BackupType.FULL).sort(FullSelector.NEWEST_FIRST);
    byType.get(BackupType.DIFFERENTIAL).sort(FullSelector.NEWEST_FIRST);
    List<BackupSet> fulls = byType.get(BackupType.FULL);
    List<BackupSet> diffs = byType.get(BackupType.DIFFERENTIAL);
    List<BackupSet> logs = byType.get(BackupType.LOG);
    if (request.start() != null) {
      planFromStart(fulls, diffs, logs, request, draft);
    } else {
      planFromFull(database.name(), fulls, diffs, logs, request, draft);
    }
    return draft.toPlan(database.name());
  }

  private static void planFromStart(
      List<BackupSet> fulls,
      List<BackupSet> diffs,
      List<BackupSet> logs,
      PlanRequest request,
      PlanDraft draft) {
    Lsn p = request.start().restorePoint();
    String reason =
        "not needed: the database already stands at lsn " + p + "; only logs are planned";
    fulls.forEach(s -> draft.skip(s, reason));
    diffs.forEach(s -> draft.skip(s, reason));
    if (request.ignoreLogs()) {
      logs.forEach(s -> draft.skip(s, "logs ignored by request"));
      return;
    }
    new LogChain(p, request.start().recoveryForkId(), true, request.stopAt(), draft).extend(logs);
  }

  private static void planFromFull(
      String database,
      List<BackupSet> fulls,
      List<BackupSet> diffs,
      List<BackupSet> logs,
      PlanRequest request,
      PlanDraft draft) {
    BackupSet full = FullSelector.select(database, fulls, request.stopAt(), draft);
    DiffSelector diffSelector = new DiffSelector(fulls);
    BackupSet diff = null;
    if (request.ignoreDiffs()) {
      diffs.forEach(s -> draft.skip(s, "differentials ignored by request"));
    } else {
      diff = diffSelector.select(full, diffs, request.stopAt(), draft);
    }
    if (full == null) {
      logs.forEach(s -> draft.skip(s, "no complete full backup to restore them onto"));
      orphans(diffSelector.orphans(), null, draft);
      return;
    }
    draft.apply(full);
    if (diff != null) {
      draft.apply(diff);
    }
    BackupSet base = draft.last();
    if (request.ignoreLogs()) {
      logs.forEach(s -> draft.skip(s, "logs ignored by request"));
    } else {
      UUID fork = base.recoveryForkId() != null ? base.recoveryForkId() : full.recoveryForkId();
      new LogChain(base.lastLsn(), fork, false, request.stopAt(), draft).extend(logs);
    }
    orphans(diffSelector.orphans(), draft.last(), draft);
  }

  /**
   * Reports differentials whose base full is absent when they would bring the database further than
   * the plan reaches ({@code reached} null: the plan has nothing), and skips the others.
   */
  private static void orphans(List<BackupSet> orphans, BackupSet reached, PlanDraft draft) {
    Map<String, List<BackupSet>> byBase = new LinkedHashMap<>();
    for (BackupSet diff : orphans) {
      if (reached == null || diff.lastLsn().isAfter(reached.lastLsn())) {
        byBase.computeIfAbsent(baseName(diff), k -> new ArrayList<>()).add(diff);
        draft.skip(diff, "its base full, " + baseName(diff) + ", is absent");
      } else {
        draft.skip(
            diff,
            "its base full, "
                + baseName(diff)
                + ", is absent; not needed: the plan reaches lsn "
                + reached.lastLsn()
                + " with "
                + reached.label());
      }
    }
    byBase.forEach(
        (base, diffsOfBase) -> {
          diffsOfBase.sort(FullSelector.NEWEST_FIRST);
          BackupSet newest = diffsOfBase.get(0);
          List<String> paths = new ArrayList<>();
          diffsOfBase.forEach(d -> paths.addAll(d.paths()));
          Lsn baseLsn = newest.header().differentialBaseLsn();
          draft.problem(
              ErrorCode.DIFF_BASE_MISSING,
              diffsOfBase.size()
                  + " differential(s) are based on the full "
                  + base
                  + ", which is absent; the newest, "
                  + newest.describe()
                  + ", would bring the database to lsn "
                  + newest.lastLsn()
                  + (reached == null
                      ? ""
                      : ", beyond lsn " + reached.lastLsn() + " that the plan reaches")
                  + "\nhint: deliver the full backup "
                  + base.replace("backup set ", "with BackupSetGUID ")
                  + " of this database",
              paths,
              baseLsn,
              newest.lastLsn());
        });
  }

  private static String baseName(BackupSet diff) {
    BackupHeader h = diff.header();
    if (h.differentialBaseGuid() != null) {
      return "backup set "
          + h.differentialBaseGuid()
          + (h.differentialBaseLsn() == null
              ? ""
              : " (checkpoint lsn " + h.differentialBaseLsn() + ")");
    }
    Lsn base = h.differentialBaseLsn() != null ? h.differentialBaseLsn() : h.databaseBackupLsn();
    return "with checkpoint lsn " + base;
  }
}
