package org.cloudsync.replay;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cloudsync.center.Center;
import org.cloudsync.center.Centers;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.sqlserver.RestoreStatements;
import org.cloudsync.restore.sqlserver.RestoreTarget;
import org.cloudsync.restore.sqlserver.SqlServerEngine;
import org.cloudsync.server.Servers;

/**
 * The replay step of a sync for one center: its engine, its files read from staging, the {@link
 * ApplyPhase}, then on a SQL Server the check for users without a login ({@link UserCheckPhase}). A
 * center whose engine cannot be made (its SQL Server unregistered, its password unreadable) gets a
 * report that says why, and the others go on.
 */
public final class Replay {
  /** Where the verify engine's dry runs say a SQL Server would keep undo files. */
  static final String EXAMPLE_STANDBY_DIR = "D:\\cloudsync\\standby";

  private final Ledger ledger;
  private final Centers centers;
  private final Engines engines;
  private final ApplyPhase phase;
  private final UserCheckPhase users;

  /** Staged files by plan name, for the center being applied (centers are applied one by one). */
  private final Map<String, Path> staged = new ConcurrentHashMap<>();

  /**
   * @param servers the registered SQL Servers, null to use the verify engine only
   */
  public Replay(Ledger ledger, Centers centers, Servers servers, Clock clock) {
    this.ledger = ledger;
    this.centers = centers;
    this.engines =
        new Engines(ledger, servers, f -> staged.getOrDefault(f.path(), Path.of(f.path())));
    this.phase = new ApplyPhase(ledger, clock);
    this.users = new UserCheckPhase(ledger, clock);
  }

  /** Also reports each step's progress to {@code display} (the CLI's progress bar). */
  public Replay withProgress(ApplyProgress display) {
    phase.withProgress(display);
    return this;
  }

  /**
   * Applies (or with {@code dryRun}, prints the statements of) what the center's validated files
   * allow.
   *
   * @param stagedFile the file a ledger staged path names
   */
  public ApplyReport apply(Center center, Function<String, Path> stagedFile, boolean dryRun) {
    Placement placement = centers.placement(center.id());
    RestoreEngine engine;
    try {
      engine = engines.of(placement);
    } catch (CloudsyncException e) {
      return new ApplyReport(
          "sqlserver",
          true,
          dryRun,
          null,
          null,
          List.of(),
          0,
          List.of(),
          List.of(),
          new ApplyReport.Stop(e.code(), e.getMessage(), placement.serverName(), e.hints()),
          null,
          null);
    }
    CandidateReader reader = new CandidateReader(ledger, stagedFile);
    List<Candidate> validated = reader.read(center.id(), EnumSet.of(FileState.VALIDATED));
    staged.clear();
    for (Candidate c :
        reader.read(
            center.id(), EnumSet.of(FileState.VALIDATED, FileState.APPLIED, FileState.VERIFIED))) {
      staged.put(c.file().path(), stagedFile.apply(c.record().stagedPath()));
    }
    ApplyPhase.Statements statements =
        engine instanceof SqlServerEngine sql
            ? sql::statement
            : (target, step, options) ->
                RestoreStatements.forStep(
                    step,
                    RestoreTarget.of(target.name()).withStandby(EXAMPLE_STANDBY_DIR),
                    f -> staged.getOrDefault(f.path(), Path.of(f.path())).toString(),
                    options);
    ApplyReport report =
        phase.run(
            center,
            placement,
            engine,
            validated,
            () ->
                reader.read(
                    center.id(),
                    EnumSet.of(FileState.VALIDATED, FileState.APPLIED, FileState.VERIFIED)),
            statements,
            dryRun);
    if (engine instanceof SqlServerEngine sql && !dryRun) {
      UserCheck check =
          users.run(
              center.id(),
              sql,
              Engines.target(center, new RebaselineStore(ledger), sql.name()),
              report.after());
      if (check != null) {
        report = report.withUsers(check);
      }
    }
    return report;
  }
}
