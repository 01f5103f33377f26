package org.cloudsync.replay;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.cloudsync.center.Center;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.InFlight;
import org.cloudsync.ledger.KnownDatabase;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.OldCopyDrop;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.RestoreRules;
import org.cloudsync.restore.SpaceCheck;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.TargetDatabase;
import org.cloudsync.restore.sqlserver.Rebaseline;
import org.cloudsync.restore.sqlserver.SqlServerEngine;
import org.cloudsync.restore.verify.VerifyEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apply: brings one center's database forward with its engine, after the sync cycle planned.
 *
 * <ol>
 *   <li><b>Reconcile.</b> Read the engine's real position (the truth after a crash; unreadable:
 *       stop with that reason, never guess). Compare the database's identity with the one the
 *       ledger recorded: a different one, or a database gone, stops the center ({@code
 *       DATABASE_REPLACED}). A step noted in flight is recorded as done when the position is at or
 *       past its LastLSN; otherwise it is simply planned and applied again (never skipped).
 *   <li><b>Plan</b> the validated files from that position ({@code withStart}), or from a full when
 *       the database is absent. Logs the database is already past are marked skipped with the
 *       planner's reason.
 *   <li><b>Pre-flight</b> the whole night by SQL Server's rules ({@link RestoreRules#checkPlan}): a
 *       refusal touches nothing and is recorded.
 *   <li><b>Apply</b> each step with {@link ApplyOptions#forNight} ({@code STANDBY} on the night's
 *       last unless the center is NORECOVERY-only): note it in flight, apply, then record its files
 *       {@code applied} (SQL Server) or {@code verified} (verify engine) only after the engine
 *       confirmed. Stop at the first failure with its exact reason on the file and the center. Each
 *       step's start, the engine's percentages (at a bounded rate) and its end are recorded ({@link
 *       ProgressRecorder}) and passed to the display given with {@link #withProgress}.
 *   <li><b>Chain problems</b> (a gap): after the steps that can go, stop with the planner's code
 *       and the exact LSN range.
 *   <li><b>Re-baseline</b> when a newer full than the database's base is validated: see {@link
 *       #rebaseline}.
 *   <li><b>Old copies</b> kept by side-by-side re-baselines are dropped once their retention ended
 *       ({@link #dropOldCopiesDue}).
 * </ol>
 *
 * <p>An initial load and a re-baseline are pre-flighted for free space on the server first ({@link
 * RestoreEngine#checkSpace}).
 *
 * <p>The in-flight note, the engine's step and the record are separate transactions on purpose: SQL
 * Server's restore cannot join the ledger's transaction, and the verify engine is run the same way
 * so that the crash reconciliation it relies on is exercised everywhere.
 */
public final class ApplyPhase {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyPhase.class);

  /** Turns a planned step into the T-SQL a SQL Server would run (dry runs). */
  @FunctionalInterface
  public interface Statements {
    String of(TargetDatabase target, RestoreStep step, ApplyOptions options);
  }

  private final Ledger ledger;
  private final BackupFileStore files;
  private final ReplayStore replay;
  private final RebaselineStore rebaselines;
  private final Clock clock;
  private final ProgressRecorder recorder;
  private ApplyProgress progress;

  public ApplyPhase(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.files = new BackupFileStore(ledger);
    this.replay = new ReplayStore(ledger);
    this.rebaselines = new RebaselineStore(ledger);
    this.clock = clock;
    this.recorder = new ProgressRecorder(ledger, clock);
    this.progress = recorder;
  }

  /**
   * Also reports each step's progress to {@code display} (the CLI's progress bar); the ledger
   * always hears it.
   */
  public ApplyPhase withProgress(ApplyProgress display) {
    this.progress = ApplyProgress.both(recorder, display);
    return this;
  }

  /**
   * Runs the phase for one center.
   *
   * @param validated the center's validated files with their headers
   * @param everything the center's validated, applied and verified files with headers (read only
   *     for a re-baseline, which replays from the new full)
   * @param statements the T-SQL of a step, for {@code dryRun}
   * @param dryRun plan and print, record and apply nothing
   */
  public ApplyReport run(
      Center center,
      Placement placement,
      RestoreEngine engine,
      List<Candidate> validated,
      Supplier<List<Candidate>> everything,
      Statements statements,
      boolean dryRun) {
    Run run = new Run(center, placement, engine, dryRun);
    // Old copies first: a re-baseline of this run keeps its own until a later sync.
    dropOldCopiesDue(run);
    try {
      body(run, validated, everything, statements);
    } catch (CloudsyncException e) {
      run.stop(e.code(), e.getMessage(), null, e.hints());
    }
    if (!dryRun) {
      if (run.stop == null) {
        replay.clearError(center.id());
      } else {
        replay.recordError(
            center.id(), run.stop.code().name(), run.stop.message(), run.stop.subject());
      }
    }
    return run.report();
  }

  private void body(
      Run run,
      List<Candidate> validated,
      Supplier<List<Candidate>> everything,
      Statements statements) {
    if (!resolveSwap(run)) {
      return;
    }
    TargetDatabase target = Engines.target(run.center, rebaselines, run.engine.name());
    DatabaseState pos;
    try {
      pos = run.engine.position(target);
    } catch (CloudsyncException e) {
      run.stop(
          e.code(),
          "the position of database '"
              + target.name()
              + "' cannot be determined: "
              + e.getMessage(),
          target.name(),
          e.hints());
      return;
    }
    run.before = pos;
    run.after = pos;
    if (!checkIdentity(run, pos)) {
      return;
    }
    if (!run.dryRun) {
      reconcileInFlight(run, pos, validated);
      validated = validated.stream().filter(c -> stillValidated(c)).toList();
    }
    Lsn baseFullLast = baseFullLastLsn(pos, run);
    List<Candidate> newFulls = newFulls(pos, validated, baseFullLast);
    List<Candidate> usable =
        validated.stream()
            .filter(c -> !newFulls.contains(c) || pos.status() == DatabaseStatus.ABSENT)
            .toList();
    String database = expectedDatabase(pos, usable);
    RestorePlan plan =
        Planner.plan(
            files(usable), PlanRequest.all().withDatabase(database).withStart(pos.startPoint()));
    if (!run.dryRun) {
      markSkipped(run, plan, usable, pos);
    }
    boolean standby = !run.placement.norecoveryOnly();
    List<RestoreStep> steps = chained(pos, plan.steps());
    run.plan = plan;
    if (!run.dryRun
        && pos.status() == DatabaseStatus.ABSENT
        && !steps.isEmpty()
        && !initialLoadFits(run, target, steps.get(0))) {
      return;
    }
    if (!night(run, target, pos, steps, standby, statements, byPath(usable), false, false)) {
      return;
    }
    run.plan = plan;
    if (!plan.problems().isEmpty() || steps.size() < plan.steps().size()) {
      ChainProblem p =
          plan.problems().isEmpty()
              ? gap(run.after, plan.steps().get(steps.size()))
              : plan.problems().get(0);
      if (p.code() == ErrorCode.LOG_TOO_RECENT) {
        // The planner's word for a gap right at the database's position: the same gap as one
        // between two delivered logs, so it is reported the same way.
        p = new ChainProblem(ErrorCode.LSN_GAP, p.message(), p.files(), p.fromLsn(), p.toLsn());
      }
      List<ChainProblem> problems = new ArrayList<>(plan.problems());
      if (problems.isEmpty()) {
        problems.add(p);
      } else {
        problems.set(0, p);
      }
      run.plan = new RestorePlan(plan.database(), steps, problems, plan.skipped());
      run.stop(
          p.code(),
          p.message()
              + (p.fromLsn() == null
                  ? ""
                  : " (missing LSN range "
                      + p.fromLsn().toDecimalString()
                      + " to "
                      + (p.toLsn() == null ? "?" : p.toLsn().toDecimalString())
                      + ")"),
          p.files().isEmpty() ? null : String.join(", ", p.files()),
          List.of(
              p.code() == ErrorCode.LSN_GAP
                  ? "ask eCW to resend the log backups covering that range; the next sync resumes"
                      + " once they arrive"
                  : "see 'cloudsync plan' on the staged files for details"));
      return;
    }
    if (!newFulls.isEmpty() && run.before.status() != DatabaseStatus.ABSENT) {
      rebaseline(run, target, newFulls.get(0), everything, statements);
    }
  }

  /**
   * The free-space pre-flight of an initial load: refused (nothing touched) when a volume of the
   * server has too little room for the full's files; a check that could not be made is noted.
   */
  private boolean initialLoadFits(Run run, TargetDatabase target, RestoreStep full) {
    SpaceCheck space = run.engine.checkSpace(target, full, SpaceCheck.Mode.NEW_DATABASE);
    run.notes.add("initial load: " + space.describe());
    Refusal refused = space.refusal("the initial load of database '" + target.name() + "'", false);
    if (refused == null) {
      return true;
    }
    run.stop(
        refused.code(),
        "initial load refused before starting: " + refused.message(),
        String.join(", ", full.paths()),
        refused.hints());
    return false;
  }

  /**
   * Drops the old copies side-by-side re-baselines kept whose retention has ended, by the engine
   * that kept them; only names the ledger recorded as cloudsync's old copies, and only when the
   * database of that name is still the one kept ({@link RestoreEngine#dropOldCopy}). Every attempt
   * is recorded; one that fails is tried again at the next sync and does not stop the center.
   */
  private void dropOldCopiesDue(Run run) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<RebaselineRecord> due;
    try {
      due = rebaselines.oldCopiesDue(run.center.id(), run.engine.name(), now);
    } catch (CloudsyncException e) {
      run.notes.add("old copies not checked: " + e.getMessage());
      return;
    }
    TargetDatabase target = Engines.target(run.center);
    for (RebaselineRecord r : due) {
      String what =
          "old copy '"
              + r.retiredName()
              + "' (kept since "
              + r.swappedAt()
              + ", retention ended "
              + r.dropAfter()
              + ")";
      if (run.dryRun) {
        run.notes.add(what + " would be dropped");
        continue;
      }
      OldCopyDrop d = run.engine.dropOldCopy(target, r.retiredName(), r.oldIdentity());
      switch (d.kind()) {
        case DROPPED, GONE -> rebaselines.recordDropped(r.id(), now, d.message());
        case NOT_OURS, FAILED -> rebaselines.recordDropRefused(r.id(), d.message());
      }
      run.notes.add(what + ": " + d.message());
      LOG.info("center {}: {}: {}", run.center.id(), what, d.message());
    }
  }

  /** The steps that follow on from the position without a break (the rest waits for a gap). */
  private static List<RestoreStep> chained(DatabaseState pos, List<RestoreStep> steps) {
    Lsn p = pos.restorePoint();
    List<RestoreStep> out = new ArrayList<>();
    for (RestoreStep step : steps) {
      if (step.type() == BackupType.FULL) {
        p = step.lastLsn();
      } else if (p != null && step.firstLsn().isAfter(p)) {
        break;
      } else {
        p = step.lastLsn();
      }
      out.add(step);
    }
    return out;
  }

  private static ChainProblem gap(DatabaseState at, RestoreStep next) {
    Lsn p = at.restorePoint();
    return new ChainProblem(
        ErrorCode.LSN_GAP,
        "log backups are missing: the database stands at LSN "
            + (p == null ? "-" : p.toDecimalString())
            + ", the next log delivered ("
            + String.join(", ", next.paths())
            + ") begins at LSN "
            + next.firstLsn().toDecimalString(),
        next.paths(),
        p,
        next.firstLsn());
  }

  private boolean stillValidated(Candidate c) {
    return files.find(c.record().id()).map(r -> r.state() == FileState.VALIDATED).orElse(false);
  }

  /** The database the center's files are of: the position's, else the newest full's. */
  private static String expectedDatabase(DatabaseState pos, List<Candidate> usable) {
    if (pos.backupDatabaseName() != null) {
      return pos.backupDatabaseName();
    }
    return usable.stream()
        .filter(c -> c.file().header().backupType() == BackupType.FULL)
        .max((a, b) -> a.file().header().lastLsn().compareTo(b.file().header().lastLsn()))
        .map(c -> c.file().header().databaseName())
        .orElse(null);
  }

  private boolean checkIdentity(Run run, DatabaseState pos) {
    var known = replay.known(run.center.id());
    if (known.isEmpty()) {
      return true;
    }
    KnownDatabase k = known.get();
    if (!k.engine().equals(run.engine.name())) {
      return true; // the center moved to another engine: its records describe another copy
    }
    if (pos.status() == DatabaseStatus.ABSENT) {
      run.stop(
          ErrorCode.DATABASE_REPLACED,
          "the database was replaced or changed behind cloudsync's back: database '"
              + pos.name()
              + "' no longer exists, the ledger knows it at LSN "
              + (k.restoreLsn() == null ? "-" : k.restoreLsn().toDecimalString()),
          pos.name(),
          List.of(
              "find out who dropped it; to start over from the full backup, re-baseline the"
                  + " center"));
      return false;
    }
    if (pos.identity() != null && !pos.identity().equals(k.identity())) {
      run.stop(
          ErrorCode.DATABASE_REPLACED,
          "the database was replaced or changed behind cloudsync's back: database '"
              + pos.name()
              + "' has identity "
              + pos.identity()
              + ", the ledger's records are of "
              + k.identity(),
          pos.name(),
          List.of("find out who restored over it; nothing was applied to it"));
      return false;
    }
    return true;
  }

  private void reconcileInFlight(Run run, DatabaseState pos, List<Candidate> validated) {
    var inFlight = replay.inFlight(run.center.id());
    if (inFlight.isEmpty()) {
      return;
    }
    InFlight f = inFlight.get();
    boolean done = pos.restorePoint() != null && !pos.restorePoint().isBefore(f.lastLsn());
    if (done) {
      List<Candidate> stepFiles = sameSet(validated, f.backupFileId());
      recordDone(run, stepFiles, pos, doneReason(run, f.firstLsn(), f.lastLsn()));
      run.notes.add(
          "reconciled: the step noted in flight before a stop ("
              + stepFiles.size()
              + " file(s), LastLSN "
              + f.lastLsn().toDecimalString()
              + ") had been "
              + doneWord(run)
              + "; recorded now");
    } else {
      replay.clearInFlight(run.center.id());
      run.notes.add(
          "reconciled: the step noted in flight before a stop (LastLSN "
              + f.lastLsn().toDecimalString()
              + ") had not completed; it is applied again");
    }
  }

  private static List<Candidate> sameSet(List<Candidate> validated, long fileId) {
    Candidate first =
        validated.stream().filter(c -> c.record().id() == fileId).findFirst().orElse(null);
    if (first == null) {
      return List.of();
    }
    UUID set = first.file().header().backupSetGuid();
    int position = first.file().header().position();
    return validated.stream()
        .filter(c -> c.file().header().backupSetGuid().equals(set))
        .filter(c -> c.file().header().position() == position)
        .toList();
  }

  /**
   * The reason recorded with an applied or verified file: the same whether the step was recorded
   * right after the engine confirmed it or reconciled after a restart (the notes say which).
   */
  private static String doneReason(Run run, Lsn first, Lsn last) {
    return run.engine.name()
        + " engine: "
        + doneWord(run)
        + " (LSN "
        + first.toDecimalString()
        + " to "
        + last.toDecimalString()
        + ")"
        + (run.engine.restoresData() ? "" : "; nothing was restored");
  }

  private static String doneWord(Run run) {
    return run.engine.restoresData() ? "applied" : "verified";
  }

  /** Records {@code s} as the database the center's engine now holds. */
  private void recordKnown(Run run, DatabaseState s) {
    replay.recordKnown(
        new KnownDatabase(
            run.center.id(),
            run.engine.name(),
            s.identity(),
            s.name(),
            s.restorePoint(),
            s.baseBackupSetGuid(),
            null));
  }

  /** Files of the step, moved to applied/verified, the known database and in-flight cleared. */
  private void recordDone(Run run, List<Candidate> stepFiles, DatabaseState after, String reason) {
    FileState next = run.engine.restoresData() ? FileState.APPLIED : FileState.VERIFIED;
    ledger.inTransaction(
        c -> {
          for (Candidate f : stepFiles) {
            if (files.find(f.record().id()).orElseThrow().state() == FileState.VALIDATED) {
              files.moveTo(f.record().id(), next, reason, null, null);
            }
          }
          if (after.identity() != null && after.status() != DatabaseStatus.ABSENT) {
            recordKnown(run, after);
          }
          replay.clearInFlight(run.center.id());
          return null;
        });
    run.filesDone += stepFiles.size();
  }

  /** The LastLSN of the full the database was restored from, from the ledger; null when unknown. */
  private Lsn baseFullLastLsn(DatabaseState pos, Run run) {
    if (pos.baseBackupSetGuid() == null) {
      return null;
    }
    for (var r : files.list(run.center.id())) {
      if (r.header() != null
          && r.header().type() == BackupType.FULL
          && r.header().backupSetGuid().equals(pos.baseBackupSetGuid())) {
        return r.header().lastLsn();
      }
    }
    return null;
  }

  /** Validated fulls newer than the database's base full (a new initial dump). */
  private static List<Candidate> newFulls(
      DatabaseState pos, List<Candidate> validated, Lsn baseLast) {
    if (pos.status() == DatabaseStatus.ABSENT || pos.baseBackupSetGuid() == null) {
      return List.of();
    }
    return validated.stream()
        .filter(c -> c.file().header().backupType() == BackupType.FULL)
        .filter(c -> !c.file().header().backupSetGuid().equals(pos.baseBackupSetGuid()))
        .filter(c -> baseLast == null || c.file().header().lastLsn().isAfter(baseLast))
        .sorted((a, b) -> b.file().header().lastLsn().compareTo(a.file().header().lastLsn()))
        .toList();
  }

  private void markSkipped(Run run, RestorePlan plan, List<Candidate> usable, DatabaseState pos) {
    Map<String, List<Candidate>> byPath = byPath(usable);
    // Only what the database is already past (or the chosen full supersedes) is skipped: a log
    // after a gap waits, and a newer full is a re-baseline's business.
    Lsn reference =
        pos.restorePoint() != null
            ? pos.restorePoint()
            : plan.steps().isEmpty() ? null : plan.steps().get(0).lastLsn();
    for (RestorePlan.Skipped s : plan.skipped()) {
      for (Candidate c : byPath.getOrDefault(s.path(), List.of())) {
        boolean old = reference != null && !c.file().header().lastLsn().isAfter(reference);
        if (old && stillValidated(c)) {
          files.moveTo(c.record().id(), FileState.SKIPPED, s.reason(), null, null);
          run.notes.add("skipped " + s.path() + ": " + s.reason());
        }
      }
    }
  }

  private static Map<String, List<Candidate>> byPath(List<Candidate> candidates) {
    Map<String, List<Candidate>> m = new HashMap<>();
    for (Candidate c : candidates) {
      m.computeIfAbsent(c.file().path(), k -> new ArrayList<>()).add(c);
    }
    return m;
  }

  private static List<BackupFile> files(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::file).toList();
  }

  /**
   * Pre-flights and applies {@code steps}; returns whether all went. With {@code replaceFirst} the
   * first step (a full) replaces the database. A {@code temporary} target (the new copy of a
   * side-by-side re-baseline) is neither noted in flight nor recorded: its own position on the
   * server is where the next sync resumes it, and its files are recorded when the swap makes it the
   * live copy.
   */
  private boolean night(
      Run run,
      TargetDatabase target,
      DatabaseState pos,
      List<RestoreStep> steps,
      boolean standby,
      Statements statements,
      Map<String, List<Candidate>> byPath,
      boolean replaceFirst,
      boolean temporary) {
    if (steps.isEmpty()) {
      return true;
    }
    List<ApplyOptions> options = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      ApplyOptions o = ApplyOptions.forNight(i, steps.size(), standby);
      options.add(replaceFirst && i == 0 ? o.withReplace() : o);
    }
    RestoreRules.PlanRefusal refusal = RestoreRules.checkPlan(pos, steps, options);
    if (refusal != null) {
      String subject = String.join(", ", refusal.step().paths());
      if (!run.dryRun) {
        for (Candidate c : stepCandidates(refusal.step(), byPath)) {
          files.noteProblem(c.record().id(), refusal.refusal().reason(), refusal.refusal().code());
        }
      }
      run.stop(
          refusal.refusal().code(),
          "pre-flight refused step "
              + (refusal.index() + 1)
              + " of "
              + steps.size()
              + " ("
              + subject
              + "); nothing was "
              + doneWord(run)
              + " tonight: "
              + refusal.refusal().reason(),
          subject,
          refusal.refusal().hints());
      return false;
    }
    if (run.dryRun) {
      for (int i = 0; i < steps.size(); i++) {
        run.statements.add(statements.of(target, steps.get(i), options.get(i)));
        run.steps.add(
            run.engine.name()
                + " engine would "
                + (run.engine.restoresData() ? "apply " : "verify ")
                + steps.get(i).type().shortName()
                + " "
                + String.join(", ", steps.get(i).paths()));
      }
      return true;
    }
    for (int i = 0; i < steps.size(); i++) {
      RestoreStep step = steps.get(i);
      List<Candidate> stepFiles = stepCandidates(step, byPath);
      if (!stepFiles.isEmpty() && !temporary) {
        replay.begin(
            new InFlight(
                run.center.id(),
                stepFiles.get(0).record().id(),
                step.firstLsn(),
                step.lastLsn(),
                OffsetDateTime.now(clock)));
      }
      LOG.debug("ApplyPhase: {}: in flight {}", run.center.id(), step.paths());
      RunningStep running =
          new RunningStep(
              run.center.id(),
              run.engine.name(),
              run.engine.restoresData(),
              step,
              i + 1,
              steps.size());
      StepOutcome o = run.engine.apply(target, step, options.get(i), progress.started(running));
      progress.finished(running, o);
      LOG.debug("ApplyPhase: {}: {}", run.center.id(), o.describe());
      run.steps.add(o.describe());
      if (!o.succeeded()) {
        for (Candidate c : stepFiles) {
          // A log the live copy already applied keeps its record; the reason is on the center.
          if (!temporary || stillValidated(c)) {
            files.noteProblem(c.record().id(), o.refusal().reason(), o.code());
          }
        }
        replay.clearInFlight(run.center.id());
        if (o.after() != null) {
          run.after = o.after();
        }
        run.stop(
            o.code(),
            o.kind().word() + " " + String.join(", ", step.paths()) + ": " + o.refusal().reason(),
            String.join(", ", step.paths()),
            o.hints());
        return false;
      }
      if (!temporary) {
        recordDone(run, stepFiles, o.after(), doneReason(run, step.firstLsn(), step.lastLsn()));
        LOG.debug("ApplyPhase: {}: recorded {}", run.center.id(), step.paths());
      }
      run.after = o.after();
    }
    return true;
  }

  private static List<Candidate> stepCandidates(
      RestoreStep step, Map<String, List<Candidate>> byPath) {
    List<Candidate> out = new ArrayList<>();
    for (BackupFile f : step.files()) {
      for (Candidate c : byPath.getOrDefault(f.path(), List.of())) {
        if (c.file().header().backupSetGuid().equals(f.header().backupSetGuid())
            && c.file().header().position() == f.header().position()
            && !out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * A newer full than the database's base was validated (a new initial dump). The nightly logs were
   * applied to the current copy first, so it is as current as the feed allows.
   *
   * <ul>
   *   <li>verify engine: the re-baseline is modelled: the new full is restored {@code WITH REPLACE}
   *       (a new identity) and every log after it replayed. Side by side, the old copy is then kept
   *       in its model under {@link Rebaseline#retiredName} for the center's retention, as the swap
   *       would leave it on a SQL Server; in place nothing is kept.
   *   <li>SQL Server, side by side (the default): see {@link #sideBySide}: the new copy is restored
   *       under a temporary name with its own files and brought forward beside the live copy, which
   *       is not touched until the swap renames both in a short exclusive window.
   *   <li>SQL Server, in place (and any other engine): {@code WITH REPLACE}, only inside the
   *       center's maintenance window; outside it the re-baseline is recorded pending and the
   *       database is not touched.
   * </ul>
   *
   * <p>Before starting, the free-space pre-flight ({@link RestoreEngine#checkSpace}): too little
   * room refuses the re-baseline with the figures ({@code SERVER_DISK_FULL}; it stays pending, the
   * next sync checks again); the verify engine's check is recorded as not performed. Everything is
   * recorded on the re-baseline's row: strategy, engine, figures, swap, old copy, drop.
   */
  private void rebaseline(
      Run run,
      TargetDatabase target,
      Candidate newFull,
      Supplier<List<Candidate>> everything,
      Statements statements) {
    DatabaseState old = run.after;
    UUID newBase = newFull.file().header().backupSetGuid();
    boolean verify = !run.engine.restoresData();
    VerifyEngine model =
        run.engine instanceof VerifyEngine v
                && run.placement.rebaseline() == Placement.RebaselineStrategy.SIDE_BY_SIDE
            ? v
            : null;
    SqlServerEngine server =
        run.engine instanceof SqlServerEngine e
                && run.placement.rebaseline() == Placement.RebaselineStrategy.SIDE_BY_SIDE
            ? e
            : null;
    Placement.RebaselineStrategy strategy =
        model != null || server != null
            ? Placement.RebaselineStrategy.SIDE_BY_SIDE
            : Placement.RebaselineStrategy.IN_PLACE;
    if (run.dryRun) {
      run.notes.add(
          "a new full backup ("
              + newFull.file().path()
              + ") would re-baseline database '"
              + target.name()
              + "' "
              + strategy.label()
              + (server == null
                  ? ""
                  : " (restored as '"
                      + Rebaseline.temporaryName(target.name(), newBase)
                      + "' with its own files, brought forward, then swapped in)"));
      return;
    }
    RebaselineRecord r =
        rebaselines.notice(
            run.center.id(),
            run.engine.name(),
            strategy.label(),
            newBase,
            old.baseBackupSetGuid(),
            old.identity(),
            old.restorePoint(),
            "new full " + newFull.file().path() + " noticed");
    if (server != null) {
      sideBySide(run, target, server, r, newFull, everything, statements);
      return;
    }
    if (!verify) {
      if (run.placement.rebaseline() == Placement.RebaselineStrategy.SIDE_BY_SIDE) {
        run.notes.add(
            "side-by-side re-baseline is not available on the "
                + run.engine.name()
                + " engine; in place WITH REPLACE inside the maintenance window instead");
      }
      LocalTime now = ZonedDateTime.now(clock.withZone(run.center.timeZone())).toLocalTime();
      if (!run.placement.inMaintenanceWindow(now)) {
        run.stop(
            ErrorCode.REBASELINE_PENDING,
            "re-baseline pending: a new full backup ("
                + newFull.file().path()
                + ") waits for the maintenance window"
                + (run.placement.maintenanceStart() == null
                    ? " (none is set)"
                    : " " + run.placement.maintenanceStart() + "-" + run.placement.maintenanceEnd())
                + "; database '"
                + target.name()
                + "' was not touched by it",
            newFull.file().path(),
            List.of(
                "set one with 'cloudsync center edit "
                    + run.center.id()
                    + " --maintenance-window HH:MM-HH:MM'"));
        return;
      }
    }
    List<Candidate> all = everything.get();
    RestorePlan plan =
        Planner.plan(
            files(all), PlanRequest.all().withDatabase(newFull.file().header().databaseName()));
    if (plan.steps().isEmpty() || !plan.steps().get(0).header().backupSetGuid().equals(newBase)) {
      rebaselines.finish(r.id(), false, null, "the plan from the new full could not be made");
      run.stop(
          ErrorCode.NO_FULL_BACKUP,
          "re-baseline: no complete plan starts from the new full " + newFull.file().path(),
          newFull.file().path(),
          List.of("check that every stripe of the new full arrived"));
      return;
    }
    if (!rebaselineFits(run, target, r, plan.steps().get(0), model != null)) {
      return;
    }
    if (model != null) {
      // The names checked before anything is replaced (a name too long for SQL Server stops here).
      Rebaseline.temporaryName(target.name());
      Rebaseline.retiredName(target.name(), OffsetDateTime.now(clock).toLocalDateTime());
    }
    int before = run.filesDone;
    boolean ok =
        night(
            run,
            target,
            old,
            plan.steps(),
            !run.placement.norecoveryOnly(),
            statements,
            byPath(all),
            true,
            false);
    if (!ok) {
      rebaselines.finish(r.id(), false, null, run.stop == null ? "failed" : run.stop.message());
      return;
    }
    String note =
        "re-baselined "
            + strategy.label()
            + " onto full "
            + newFull.file().path()
            + " with "
            + (plan.steps().size() - 1)
            + " log(s) "
            + (verify ? "verified" : "applied")
            + " after it ("
            + (run.filesDone - before)
            + " file(s) newly recorded); retired position "
            + (old.restorePoint() == null ? "-" : old.restorePoint().toDecimalString())
            + " of base "
            + old.baseBackupSetGuid()
            + " (identity "
            + old.identity()
            + ")";
    String retired = null;
    if (model != null) {
      OffsetDateTime swapped = OffsetDateTime.now(clock);
      retired = Rebaseline.retiredName(target.name(), swapped.toLocalDateTime());
      OffsetDateTime dropAfter = swapped.plusDays(run.placement.oldCopyRetentionDays());
      model.keepOldCopy(target, old, retired);
      rebaselines.recordSwap(
          r.id(), Rebaseline.temporaryName(target.name()), retired, swapped, dropAfter);
      note +=
          "; the old copy is kept as '"
              + retired
              + "' until "
              + dropAfter
              + " ("
              + run.placement.oldCopyRetentionDays()
              + " day(s)), then dropped (modelled by the verify engine)";
    } else {
      note +=
          "; in place: WITH REPLACE overwrote the old copy, so none is kept and no retention"
              + " applies";
    }
    rebaselines.finish(r.id(), true, retired, note);
    run.notes.add(note);
    LOG.info("center {}: {}", run.center.id(), note);
  }

  /**
   * A side-by-side re-baseline on a SQL Server, every step recorded on the re-baseline's row and
   * each resumable from what the server shows:
   *
   * <ol>
   *   <li>the temporary name ({@link Rebaseline#temporaryName(String, UUID)}, one per new full) is
   *       recorded; the data and log directories are required ({@code MOVE} gives the new copy its
   *       own files, named after the temporary name);
   *   <li>the temporary database's own position is read. Absent: the free-space pre-flight (beside
   *       the live copy), then the new full {@code NORECOVERY}. Restoring with neither restore
   *       point nor history (a full interrupted): the full again {@code WITH REPLACE} onto it.
   *       Otherwise it must have been restored from the new full (msdb says so), else it is not
   *       touched and the center stops;
   *   <li>the logs that follow, from that position, the last {@code STANDBY} unless the center is
   *       NORECOVERY-only. These steps are not noted in flight nor recorded: the temporary
   *       database's position is the record;
   *   <li>once the new copy is at least as far as the live one, the names of the swap are recorded
   *       ({@link RebaselineStore#recordSwapStarting}), then {@link SqlServerEngine#swap} (readers
   *       of both given the grace period, then ended): the live copy becomes {@link
   *       Rebaseline#retiredName}, the new copy takes the live name;
   *   <li>{@link #completeSwap} records the swap, the old copy kept for the retention, the new full
   *       applied and the new identity. A swap that fails is undone (the live copy keeps its name
   *       and content), the temporary database is left for inspection and the center stops with
   *       {@code REBASELINE_UNSUPPORTED} and a hint; one interrupted is resolved by {@link
   *       #resolveSwap} at the next sync.
   * </ol>
   *
   * <p>The live copy is not touched before the swap: tonight's logs went to it first, and a sync
   * stopped anywhere in here leaves it serving readers.
   */
  private void sideBySide(
      Run run,
      TargetDatabase live,
      SqlServerEngine server,
      RebaselineRecord r,
      Candidate newFull,
      Supplier<List<Candidate>> everything,
      Statements statements) {
    DatabaseState old = run.after;
    Refusal cannot = server.sideBySideRefusal();
    if (cannot != null) {
      rebaselines.stillPending(r.id(), "refused before starting: " + cannot.message());
      run.stop(
          cannot.code(),
          "side-by-side re-baseline refused before starting: "
              + cannot.message()
              + "; database '"
              + live.name()
              + "' was not touched",
          live.name(),
          cannot.hints());
      return;
    }
    UUID newBase = r.newBaseGuid();
    String temp = Rebaseline.temporaryName(live.name(), newBase);
    TargetDatabase tempTarget = new TargetDatabase(live.key(), temp, List.of());
    rebaselines.recordTemporary(r.id(), temp);
    DatabaseState t;
    try {
      t = server.position(tempTarget);
    } catch (CloudsyncException e) {
      rebaselines.stillPending(r.id(), "the new copy's position is unknown: " + e.getMessage());
      run.stop(
          e.code(),
          "re-baseline: the position of the new copy '"
              + temp
              + "' cannot be determined: "
              + e.getMessage()
              + "; database '"
              + live.name()
              + "' was not touched",
          temp,
          e.hints());
      return;
    }
    boolean interrupted =
        t.status() == DatabaseStatus.RESTORING
            && t.restorePoint() == null
            && t.baseBackupSetGuid() == null;
    boolean fresh = t.status() == DatabaseStatus.ABSENT || interrupted;
    if (!fresh && (t.status() == DatabaseStatus.ONLINE || !newBase.equals(t.baseBackupSetGuid()))) {
      String why =
          "database '"
              + temp
              + "' exists but is not the new copy of this re-baseline ("
              + t.describe()
              + ", restored from full "
              + t.baseBackupSetGuid()
              + ", not "
              + newBase
              + "); cloudsync neither restores over it nor drops it";
      rebaselines.stillPending(r.id(), why);
      run.stop(
          ErrorCode.REBASELINE_UNSUPPORTED,
          "re-baseline stopped: " + why + "; database '" + live.name() + "' was not touched",
          temp,
          List.of("inspect '" + temp + "'; drop it by hand to let the re-baseline start again"));
      return;
    }
    List<Candidate> all = everything.get();
    RestorePlan plan =
        Planner.plan(
            files(all),
            PlanRequest.all()
                .withDatabase(newFull.file().header().databaseName())
                .withStart(fresh ? null : t.startPoint()));
    if (fresh
        && (plan.steps().isEmpty()
            || !plan.steps().get(0).header().backupSetGuid().equals(newBase))) {
      rebaselines.stillPending(r.id(), "the plan from the new full could not be made");
      run.stop(
          ErrorCode.NO_FULL_BACKUP,
          "re-baseline: no complete plan starts from the new full " + newFull.file().path(),
          newFull.file().path(),
          List.of("check that every stripe of the new full arrived"));
      return;
    }
    if (t.status() == DatabaseStatus.ABSENT
        && !rebaselineFits(run, live, r, plan.steps().get(0), true)) {
      return;
    }
    if (interrupted) {
      run.notes.add(
          "re-baseline: the restore of the new full into '"
              + temp
              + "' was interrupted (RESTORING, no restore point, no history); restored again WITH"
              + " REPLACE onto it");
    }
    List<RestoreStep> steps = chained(t, plan.steps());
    Map<String, List<Candidate>> byPath = byPath(all);
    boolean ok =
        night(
            run,
            tempTarget,
            t,
            steps,
            !run.placement.norecoveryOnly(),
            statements,
            byPath,
            interrupted,
            true);
    DatabaseState newCopy = steps.isEmpty() ? t : run.after;
    run.after = old;
    if (!ok) {
      rebaselines.stillPending(
          r.id(),
          "the new copy '"
              + temp
              + "' stopped at "
              + newCopy.describe()
              + ": "
              + (run.stop == null ? "failed" : run.stop.message())
              + "; the next sync resumes it from there");
      return;
    }
    Lsn livePoint = old.restorePoint();
    if (newCopy.restorePoint() == null
        || (livePoint != null && newCopy.restorePoint().isBefore(livePoint))) {
      String why =
          "the new copy "
              + newCopy.describe()
              + " is behind the live copy "
              + old.describe()
              + (plan.problems().isEmpty() ? "" : ": " + plan.problems().get(0).message())
              + "; no swap until it has caught up";
      rebaselines.stillPending(r.id(), why);
      run.stop(
          ErrorCode.REBASELINE_PENDING,
          "re-baseline pending: " + why,
          temp,
          List.of("the next sync brings it forward with the logs that arrive"));
      return;
    }
    OffsetDateTime swappedAt = OffsetDateTime.now(clock);
    String retired = Rebaseline.retiredName(live.name(), swappedAt.toLocalDateTime());
    rebaselines.recordSwapStarting(
        r.id(),
        temp,
        retired,
        "swapping: '"
            + live.name()
            + "' (identity "
            + old.identity()
            + ") becomes '"
            + retired
            + "', '"
            + temp
            + "' "
            + newCopy.describe()
            + " takes its name");
    try {
      server.swap(live.name(), temp, retired);
    } catch (CloudsyncException e) {
      swapFailed(run, live, server, r, e);
      return;
    }
    List<Candidate> applied = new ArrayList<>();
    for (RestoreStep step : steps) {
      applied.addAll(stepCandidates(step, byPath));
    }
    completeSwap(run, r, live, server, swappedAt, applied, "swapped");
  }

  /**
   * A swap that threw: when the server shows the live copy under its own name with its own identity
   * and no old copy, it was undone: the re-baseline stays pending, the temporary database is left
   * for inspection, and the center stops with the reason and the in-place hint. Otherwise (the undo
   * failed, or the names cannot be read) the started swap stays recorded for {@link #resolveSwap}.
   */
  private void swapFailed(
      Run run,
      TargetDatabase live,
      SqlServerEngine server,
      RebaselineRecord r,
      CloudsyncException e) {
    RebaselineRecord now = rebaselines.find(run.center.id(), r.newBaseGuid()).orElse(r);
    String temp = now.temporaryName();
    String retired = now.retiredName();
    boolean undone;
    String shown;
    try {
      Names names = Names.read(server, live.name(), now.temporaryName(), retired);
      undone = names.swapNotBegun(r.oldIdentity());
      shown = names.describe();
    } catch (CloudsyncException unread) {
      undone = false;
      shown = "the names could not be read: " + unread.getMessage();
    }
    String inPlace =
        "if this server cannot rename a RESTORING or standby database, switch the center to in"
            + " place: 'cloudsync center edit "
            + run.center.id()
            + " --rebaseline in-place' (then drop '"
            + temp
            + "' by hand)";
    if (undone) {
      String why =
          "the swap failed and was undone: "
              + e.getMessage()
              + "; database '"
              + live.name()
              + "' kept its name and was not changed; the new copy is left as '"
              + temp
              + "' for inspection";
      rebaselines.recordSwapUndone(r.id(), why);
      List<String> hints = new ArrayList<>(e.hints());
      hints.add(inPlace);
      run.stop(
          ErrorCode.REBASELINE_UNSUPPORTED,
          "side-by-side re-baseline stopped: " + why,
          temp,
          hints);
      return;
    }
    rebaselines.stillPending(
        r.id(), "the swap failed and could not be seen undone (" + shown + "): " + e.getMessage());
    run.stop(
        ErrorCode.REBASELINE_UNSUPPORTED,
        "side-by-side re-baseline stopped half way: "
            + e.getMessage()
            + "; the server shows "
            + shown
            + "; the next sync completes or undoes the swap from the names on the server",
        live.name(),
        List.of(
            "until then, database '" + live.name() + "' may be under the name '" + retired + "'",
            inPlace));
  }

  /**
   * Records a swap the server shows done: only when the database now under the live name was
   * restored from the new full (msdb, searched under the temporary name too). In one transaction:
   * the swap and the old copy's retention, the files of the new copy still validated as applied,
   * the new identity the ledger keys the center's database by, the re-baseline done.
   */
  private boolean completeSwap(
      Run run,
      RebaselineRecord r,
      TargetDatabase live,
      SqlServerEngine server,
      OffsetDateTime swappedAt,
      List<Candidate> applied,
      String how) {
    RebaselineRecord now = rebaselines.find(run.center.id(), r.newBaseGuid()).orElse(r);
    String temp = now.temporaryName();
    String retired = now.retiredName();
    List<String> former = new ArrayList<>(live.formerNames());
    former.add(temp);
    TargetDatabase after = new TargetDatabase(live.key(), live.name(), former, temp);
    DatabaseState pos = server.position(after);
    if (!r.newBaseGuid().equals(pos.baseBackupSetGuid())) {
      run.stop(
          ErrorCode.REBASELINE_UNSUPPORTED,
          "re-baseline: database '"
              + live.name()
              + "' after the swap is "
              + pos.describe()
              + " restored from full "
              + pos.baseBackupSetGuid()
              + ", not the new full "
              + r.newBaseGuid()
              + "; the swap is not recorded as done",
          live.name(),
          List.of("check the names on the server by hand; cloudsync renames and drops nothing"));
      return false;
    }
    OffsetDateTime dropAfter = swappedAt.plusDays(run.placement.oldCopyRetentionDays());
    String reason =
        run.engine.name()
            + " engine: applied to the new copy restored as '"
            + temp
            + "', which took the live name at "
            + swappedAt;
    String note =
        "re-baselined side by side onto full "
            + r.newBaseGuid()
            + ": restored as '"
            + temp
            + "' with its own files, "
            + how
            + " in at "
            + swappedAt
            + ", now "
            + pos.describe()
            + " (identity "
            + pos.identity()
            + "); the old copy (identity "
            + r.oldIdentity()
            + ", position "
            + (r.oldRestoreLsn() == null ? "-" : r.oldRestoreLsn().toDecimalString())
            + ") is kept as '"
            + retired
            + "' until "
            + dropAfter
            + " ("
            + run.placement.oldCopyRetentionDays()
            + " day(s)), then dropped";
    List<Long> newFull = new ArrayList<>();
    for (var f : files.list(run.center.id())) {
      if (f.state() == FileState.VALIDATED
          && f.header() != null
          && f.header().backupSetGuid().equals(r.newBaseGuid())) {
        newFull.add(f.id());
      }
    }
    for (Candidate c : applied) {
      if (!newFull.contains(c.record().id())) {
        newFull.add(c.record().id());
      }
    }
    ledger.inTransaction(
        c -> {
          rebaselines.recordSwap(r.id(), temp, retired, swappedAt, dropAfter);
          for (long id : newFull) {
            if (files.find(id).orElseThrow().state() == FileState.VALIDATED) {
              files.moveTo(id, FileState.APPLIED, reason, null, null);
            }
          }
          recordKnown(run, pos);
          rebaselines.finish(r.id(), true, retired, note);
          return null;
        });
    run.filesDone += newFull.size();
    run.after = pos;
    run.notes.add(note);
    LOG.info("center {}: {}", run.center.id(), note);
    return true;
  }

  /**
   * Resolves a swap the ledger recorded as started but not done (the process stopped inside it),
   * from the names and identities on the server, before anything else runs; never a guess:
   *
   * <ul>
   *   <li>the live name has the old identity and no old copy exists: nothing was renamed (or it was
   *       undone); the re-baseline goes on and swaps again;
   *   <li>the old copy has the old identity, the live name is free and the temporary database
   *       exists: the first rename happened; the second is done now (undone when it fails);
   *   <li>the old copy has the old identity and the live name a new one, the temporary name free:
   *       the swap happened; it is recorded ({@link #completeSwap});
   *   <li>anything else: the center stops with what the server shows; nothing is renamed.
   * </ul>
   *
   * @return whether the sync may go on
   */
  private boolean resolveSwap(Run run) {
    if (!(run.engine instanceof SqlServerEngine server)) {
      return true;
    }
    RebaselineRecord r = null;
    for (RebaselineRecord x : rebaselines.list(run.center.id())) {
      if (run.engine.name().equals(x.engine()) && x.swapStarted()) {
        r = x;
      }
    }
    if (r == null) {
      return true;
    }
    TargetDatabase live = Engines.target(run.center, rebaselines, run.engine.name());
    String temp = r.temporaryName();
    String retired = r.retiredName();
    if (run.dryRun) {
      run.stop(
          ErrorCode.REBASELINE_PENDING,
          "a swap of '" + temp + "' into '" + live.name() + "' was interrupted",
          live.name(),
          List.of("run 'cloudsync sync' (not a dry run): it completes or undoes the swap"));
      return false;
    }
    Names names;
    try {
      names = Names.read(server, live.name(), temp, retired);
    } catch (CloudsyncException e) {
      run.stop(
          e.code(),
          "an interrupted swap cannot be resolved: " + e.getMessage(),
          live.name(),
          e.hints());
      return false;
    }
    String old = r.oldIdentity();
    if (names.swapNotBegun(old)) {
      rebaselines.recordSwapUndone(
          r.id(), "the swap had renamed nothing when cloudsync stopped (" + names.describe() + ")");
      run.notes.add(
          "reconciled: an interrupted swap had renamed nothing (" + names.describe() + ")");
      return true;
    }
    boolean oldKept = names.retired().isPresent() && names.retired().get().equals(old);
    if (oldKept && names.live().isEmpty() && names.temporary().isPresent()) {
      try {
        server.rename(temp, live.name());
      } catch (CloudsyncException e) {
        try {
          server.rename(retired, live.name());
        } catch (CloudsyncException undo) {
          run.stop(
              ErrorCode.REBASELINE_UNSUPPORTED,
              "an interrupted swap could neither be completed ("
                  + e.getMessage()
                  + ") nor undone ("
                  + undo.getMessage()
                  + "); database '"
                  + live.name()
                  + "' is under the name '"
                  + retired
                  + "'",
              live.name(),
              List.of("rename '" + retired + "' back to '" + live.name() + "' by hand"));
          return false;
        }
        swapFailed(run, live, server, r, e);
        return false;
      }
      run.notes.add(
          "reconciled: an interrupted swap had renamed '"
              + live.name()
              + "' to '"
              + retired
              + "' only; '"
              + temp
              + "' was renamed to '"
              + live.name()
              + "' now");
      return completeSwap(
          run, r, live, server, OffsetDateTime.now(clock), List.of(), "completed after a stop and");
    }
    if (oldKept
        && names.live().isPresent()
        && !names.live().get().equals(old)
        && names.temporary().isEmpty()) {
      run.notes.add("reconciled: an interrupted swap had completed; recorded now");
      return completeSwap(
          run,
          r,
          live,
          server,
          OffsetDateTime.now(clock),
          List.of(),
          "found swapped after a stop and");
    }
    run.stop(
        ErrorCode.REBASELINE_UNSUPPORTED,
        "a swap the ledger recorded as started matches nothing the server shows ("
            + names.describe()
            + "; the old copy's identity is "
            + old
            + "); cloudsync renames and drops nothing",
        live.name(),
        List.of(
            "find out who renamed or dropped these databases; put '"
                + live.name()
                + "' back by hand, then run the sync again"));
    return false;
  }

  /** The identities under the three names of a swap, as the server shows them. */
  private record Names(
      String liveName,
      Optional<String> live,
      String temporaryName,
      Optional<String> temporary,
      String retiredName,
      Optional<String> retired) {
    static Names read(SqlServerEngine server, String live, String temporary, String retired) {
      return new Names(
          live,
          server.identity(live),
          temporary,
          server.identity(temporary),
          retired,
          retired == null ? Optional.empty() : server.identity(retired));
    }

    /** The live name has the old identity, the new copy is still under its temporary name. */
    boolean swapNotBegun(String oldIdentity) {
      return live.isPresent()
          && live.get().equals(oldIdentity)
          && retired.isEmpty()
          && temporary.isPresent();
    }

    String describe() {
      return shown(liveName, live)
          + ", "
          + shown(temporaryName, temporary)
          + ", "
          + shown(retiredName, retired);
    }

    private static String shown(String name, Optional<String> identity) {
      return "'" + name + "' " + identity.map(i -> "identity " + i).orElse("absent");
    }
  }

  /**
   * The free-space pre-flight of a re-baseline, recorded on its row; refuses (the re-baseline stays
   * pending, the database untouched) when a volume has too little room.
   */
  private boolean rebaselineFits(
      Run run, TargetDatabase target, RebaselineRecord r, RestoreStep full, boolean besideLive) {
    SpaceCheck space =
        run.engine.checkSpace(
            target, full, besideLive ? SpaceCheck.Mode.BESIDE_LIVE : SpaceCheck.Mode.REPLACE_LIVE);
    SpaceCheck.Volume tightest = space.tightest();
    rebaselines.recordSpace(
        r.id(),
        space.describe(),
        tightest == null ? null : tightest.neededBytes(),
        tightest == null ? null : tightest.availableBytes());
    run.notes.add("re-baseline: " + space.describe());
    Refusal refused =
        space.refusal(
            "the "
                + (besideLive ? "side-by-side" : "in-place")
                + " re-baseline of database '"
                + target.name()
                + "'",
            besideLive);
    if (refused == null) {
      return true;
    }
    rebaselines.stillPending(r.id(), "refused before starting: " + refused.message());
    run.stop(
        refused.code(),
        "re-baseline refused before starting: "
            + refused.message()
            + "; database '"
            + target.name()
            + "' was not touched",
        target.name(),
        refused.hints());
    return false;
  }

  /** One center's pass. */
  private static final class Run {
    final Center center;
    final Placement placement;
    final RestoreEngine engine;
    final boolean dryRun;
    DatabaseState before;
    DatabaseState after;
    final List<String> steps = new ArrayList<>();
    final List<String> statements = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    int filesDone;
    ApplyReport.Stop stop;
    RestorePlan plan;

    Run(Center center, Placement placement, RestoreEngine engine, boolean dryRun) {
      this.center = Objects.requireNonNull(center);
      this.placement = placement;
      this.engine = engine;
      this.dryRun = dryRun;
    }

    void stop(ErrorCode code, String message, String subject, List<String> hints) {
      if (stop == null) {
        stop = new ApplyReport.Stop(code, message, subject, hints);
      }
    }

    ApplyReport report() {
      return new ApplyReport(
          engine.name(),
          engine.restoresData(),
          dryRun,
          before,
          after,
          steps,
          filesDone,
          statements,
          notes,
          stop,
          plan,
          null);
    }
  }
}
