package org.cloudsync.restore.sqlserver;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.OldCopyDrop;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.RestoreRules;
import org.cloudsync.restore.SpaceCheck;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores on a SQL Server (2016 or later, Linux or Windows) over mssql-jdbc.
 *
 * <p>For each step, {@link #apply}:
 *
 * <ol>
 *   <li>reads the database's real position ({@link ServerPosition}); unknown means refused;
 *   <li>runs the pre-flight: SQL Server's acceptance rules ({@link RestoreRules}, the verify
 *       engine's) on that position, the version and edition checks ({@link VersionRules}) and, for
 *       a full or differential, the TDE certificate check ({@code FILELISTONLY}'s TDEThumbprint
 *       against {@code sys.certificates}). A refusal leaves the server untouched;
 *   <li>on a standby database, lets readers finish for the grace period, then ends their sessions;
 *   <li>runs the {@code RESTORE} ({@link RestoreStatements}: all stripes, {@code MOVE} to the
 *       configured directories, {@code FILE = n}, {@code NORECOVERY} or {@code STANDBY}, no {@code
 *       CHECKSUM}) without a query timeout, reporting {@code STATS} progress, retrying after error
 *       3101 when a reader reconnected;
 *   <li>reports {@link StepOutcome.Kind#APPLIED} only when SQL Server confirmed the restore
 *       (message 3014) or the position re-read afterwards is the step's LastLSN.
 * </ol>
 *
 * <p>At most {@link SqlServerSettings#maxConcurrentRestores()} restores run at once per engine (one
 * engine per instance); the others wait for a slot after their pre-flight.
 *
 * <p>{@link #cancel()} cancels the running restore from another thread (the outcome is {@code
 * RESTORE_CANCELLED}). An interrupted step is resumed by applying the same step again after reading
 * the position: a log whose restore did not complete is still the next one; an interrupted full
 * leaves the database {@code RESTORING} without a restore point, onto which only that full
 * (optionally {@code WITH RESTART}) can go.
 */
public final class SqlServerEngine implements RestoreEngine {
  /** The engine's name in every output. */
  public static final String NAME = "sqlserver";

  private static final Logger LOG = LoggerFactory.getLogger(SqlServerEngine.class);

  /** SQL Server's error 300: a permission was denied (e.g. VIEW SERVER STATE). */
  private static final int PERMISSION_DENIED = 300;

  private final SqlSessionFactory sessions;
  private final SqlServerSettings settings;
  private final ReaderSessions readers;
  private final ReaderSessions.Sleeper sleeper;
  private final Map<String, SqlSession> running = new ConcurrentHashMap<>();
  private final Semaphore permits;

  public SqlServerEngine(SqlSessionFactory sessions, SqlServerSettings settings) {
    this(sessions, settings, d -> Thread.sleep(d.toMillis()));
  }

  SqlServerEngine(
      SqlSessionFactory sessions, SqlServerSettings settings, ReaderSessions.Sleeper sleeper) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sleeper = sleeper;
    this.readers = new ReaderSessions(sleeper);
    this.permits = new Semaphore(settings.maxConcurrentRestores(), true);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean restoresData() {
    return true;
  }

  @Override
  public DatabaseState position(TargetDatabase target) {
    try (SqlSession s = sessions.open()) {
      return ServerPosition.read(s, target);
    } catch (SQLException e) {
      Refusal r = ServerErrors.map(e, List.of());
      throw new CloudsyncException(
          r.code() == ErrorCode.RESTORE_FAILED ? ErrorCode.POSITION_UNKNOWN : r.code(),
          "the restore position of database '" + target.name() + "' cannot be read: " + r.reason(),
          List.of(
              "the service login needs VIEW ANY DEFINITION (or dbcreator) and SELECT on"
                  + " msdb.dbo.restorehistory and msdb.dbo.backupset"),
          null);
    }
  }

  /** The instance's version and edition. */
  public ServerInfo serverInfo() {
    try (SqlSession s = sessions.open()) {
      return ServerInfo.read(s);
    } catch (SQLException e) {
      throw ServerErrors.map(e, List.of()).toException("reading the server's version");
    }
  }

  /**
   * Every backup set in a staged file as the server reads it ({@code RESTORE LABELONLY}, {@code
   * HEADERONLY}, {@code FILELISTONLY}): for files the offline reader cannot read.
   *
   * @param file the file as a person knows it, for messages
   * @param staged where cloudsync staged it (mapped to the server's view by the path map)
   */
  public List<ServerHeaders.ServerBackupSet> headers(String file, Path staged) {
    try (SqlSession s = sessions.open()) {
      return ServerHeaders.read(s, file, settings.pathMap().toServer(staged));
    }
  }

  /** The {@code RESTORE} statement {@link #apply} would run, for scripts and dry runs. */
  public String statement(TargetDatabase target, RestoreStep step, ApplyOptions options) {
    return RestoreStatements.forStep(step, restoreTarget(target), settings::serverPath, options);
  }

  /**
   * The users of {@code target} with no login on this server, with the SIDs their logins need
   * ({@link OrphanedUsers}). Readable only when the database is in standby or online.
   *
   * @throws CloudsyncException with the mapped code when the server cannot answer
   */
  public List<OrphanedUsers.Orphan> orphanedUsers(TargetDatabase target) {
    try (SqlSession s = sessions.open()) {
      return OrphanedUsers.find(s, target.name());
    } catch (SQLException e) {
      throw ServerErrors.map(e, List.of())
          .toException("reading the users of database '" + target.name() + "'");
    }
  }

  /** Cancels every restore this engine is running (from another thread), e.g. at shutdown. */
  public void cancel() {
    running.values().forEach(SqlSession::cancel);
  }

  /** Cancels the restore running for {@code target}, if any (from another thread). */
  public void cancel(TargetDatabase target) {
    SqlSession s = running.get(target.key());
    if (s != null) {
      s.cancel();
    }
  }

  /** What {@code server add} learns: the version and edition, and the permissions missing. */
  public record ServerReport(ServerInfo info, List<PermissionCheck.Missing> missing) {}

  /** The checks of {@code server add}: version, edition, the service login's permissions. */
  public ServerReport checkServer() {
    try (SqlSession s = sessions.open()) {
      return new ServerReport(ServerInfo.read(s), PermissionCheck.missing(s));
    } catch (SQLException e) {
      throw ServerErrors.map(e, List.of()).toException("checking the server");
    }
  }

  /**
   * The exclusive window of a side-by-side re-baseline: ends the sessions of both databases, then
   * renames the live copy to {@code retired} and the new copy to the live name ({@link
   * Rebaseline#swapStatements}). When the second rename fails, the first is undone and the failure
   * thrown. Call only after {@link #sideBySideRefusal} passed.
   *
   * @throws CloudsyncException with the mapped code and the server's reason
   */
  public void swap(String live, String temporary, String retired) {
    List<String> statements = Rebaseline.swapStatements(live, temporary, retired);
    try (SqlSession s = sessions.open()) {
      try {
        readers.clear(s, live, settings.readerGrace());
        readers.clear(s, temporary, settings.readerGrace());
        s.execute(statements.get(0), m -> {});
      } catch (SQLException e) {
        throw ServerErrors.map(e, List.of())
            .toException("renaming '" + live + "' to '" + retired + "'");
      }
      try {
        s.execute(statements.get(1), m -> {});
      } catch (SQLException e) {
        Refusal r = ServerErrors.map(e, List.of());
        try {
          s.execute(Rebaseline.undoStatement(live, retired), m -> {});
        } catch (SQLException undo) {
          throw new CloudsyncException(
              ErrorCode.REBASELINE_UNSUPPORTED,
              "renaming '"
                  + temporary
                  + "' to '"
                  + live
                  + "' failed ("
                  + r.reason()
                  + ") and the live copy could not get its name back from '"
                  + retired
                  + "': "
                  + undo.getMessage(),
              List.of("rename '" + retired + "' back to '" + live + "' by hand"),
              null);
        }
        throw new CloudsyncException(
            r.code(),
            "renaming '"
                + temporary
                + "' to '"
                + live
                + "' failed; the live copy kept its name: "
                + r.reason(),
            r.hints(),
            null);
      }
      LOG.info("swapped [{}] in as [{}]; the old copy is [{}]", temporary, live, retired);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudsyncException(
          ErrorCode.RESTORE_CANCELLED, "interrupted before the rename of '" + live + "'");
    }
  }

  /**
   * Why a side-by-side re-baseline cannot run on this instance ({@link
   * Rebaseline#checkSideBySide}), or null.
   */
  public Refusal sideBySideRefusal() {
    return Rebaseline.checkSideBySide(settings);
  }

  /**
   * The identity ({@code database_id@create_date}, which a rename keeps) of the database named
   * {@code name}, empty when none has that name: what a half-done swap is recognised by.
   *
   * @throws CloudsyncException with the mapped code when the server cannot answer
   */
  public Optional<String> identity(String name) {
    try (SqlSession s = sessions.open()) {
      List<Row> dbs = s.query(ServerPosition.DATABASE_SQL, name);
      return dbs.isEmpty() ? Optional.empty() : Optional.of(ServerPosition.identity(dbs.get(0)));
    } catch (SQLException e) {
      throw ServerErrors.map(e, List.of()).toException("reading database '" + name + "'");
    }
  }

  /**
   * Renames {@code from} to {@code to} ({@link Rebaseline#renameStatement}) after its readers had
   * the grace period: the one rename left when a swap was interrupted between its two.
   *
   * @throws CloudsyncException with the mapped code and the server's reason
   */
  public void rename(String from, String to) {
    String statement = Rebaseline.renameStatement(from, to);
    try (SqlSession s = sessions.open()) {
      readers.clear(s, from, settings.readerGrace());
      s.execute(statement, m -> {});
      LOG.info("renamed [{}] to [{}]", from, to);
    } catch (SQLException e) {
      throw ServerErrors.map(e, List.of()).toException("renaming '" + from + "' to '" + to + "'");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudsyncException(
          ErrorCode.RESTORE_CANCELLED, "interrupted before the rename of '" + from + "'");
    }
  }

  /**
   * The free-space pre-flight ({@link FreeSpace}): the full's file sizes from its header, or from
   * {@code RESTORE FILELISTONLY} when the header has no file list. A check that cannot be made
   * (e.g. no {@code VIEW SERVER STATE}) is reported as not performed, with the reason.
   */
  @Override
  public SpaceCheck checkSpace(TargetDatabase target, RestoreStep full, SpaceCheck.Mode mode) {
    try (SqlSession s = sessions.open()) {
      List<DatabaseFile> files = full.header().files();
      if (files.isEmpty()) {
        List<String> paths = full.files().stream().map(settings::serverPath).toList();
        files =
            ServerHeaders.databaseFiles(
                s.query(ServerHeaders.fileListOnly(paths, full.position())));
      }
      return FreeSpace.check(s, target.name(), files, settings.dataDir(), settings.logDir(), mode);
    } catch (SQLException e) {
      return SpaceCheck.notPerformed(
          "the server's free space cannot be read: "
              + ServerErrors.map(e, List.of()).reason()
              + (e.getErrorCode() == PERMISSION_DENIED
                  ? " (the service login needs VIEW SERVER STATE)"
                  : ""),
          mode.text());
    } catch (CloudsyncException e) {
      return SpaceCheck.notPerformed(
          "the server's free space cannot be read: " + e.getMessage(), mode.text());
    }
  }

  /**
   * Drops an old copy only when the database of that name has the identity ({@code
   * database_id@create_date}, which the swap's rename keeps) recorded when it was kept, and is not
   * the live name; readers of a standby copy get the grace period first.
   */
  @Override
  public OldCopyDrop dropOldCopy(TargetDatabase target, String name, String identity) {
    if (name.equals(target.name())) {
      return new OldCopyDrop(
          OldCopyDrop.Kind.NOT_OURS,
          "'" + name + "' is the live database's name; an old copy never has it; not dropped");
    }
    String statement;
    try {
      statement = Rebaseline.dropStatement(name);
    } catch (CloudsyncException e) {
      return new OldCopyDrop(OldCopyDrop.Kind.FAILED, e.getMessage());
    }
    try (SqlSession s = sessions.open()) {
      List<Row> dbs = s.query(ServerPosition.DATABASE_SQL, name);
      if (dbs.isEmpty()) {
        return new OldCopyDrop(
            OldCopyDrop.Kind.GONE, "no database '" + name + "' exists any more on the server");
      }
      String found = ServerPosition.identity(dbs.get(0));
      if (!found.equals(identity)) {
        return new OldCopyDrop(
            OldCopyDrop.Kind.NOT_OURS,
            "database '"
                + name
                + "' has identity "
                + found
                + ", not the "
                + identity
                + " recorded when cloudsync kept it; not dropped");
      }
      readers.clear(s, name, settings.readerGrace());
      s.execute(statement, m -> {});
      LOG.info("dropped old copy [{}] ({})", name, identity);
      return new OldCopyDrop(OldCopyDrop.Kind.DROPPED, "dropped old copy '" + name + "'");
    } catch (SQLException e) {
      return new OldCopyDrop(
          OldCopyDrop.Kind.FAILED,
          "dropping old copy '" + name + "' failed: " + ServerErrors.map(e, List.of()).reason());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new OldCopyDrop(
          OldCopyDrop.Kind.FAILED, "interrupted before dropping old copy '" + name + "'");
    } catch (CloudsyncException e) {
      return new OldCopyDrop(OldCopyDrop.Kind.FAILED, e.getMessage());
    }
  }

  @Override
  public StepOutcome apply(
      TargetDatabase target, RestoreStep step, ApplyOptions options, StepProgress progress) {
    try (SqlSession s = sessions.open()) {
      DatabaseState state;
      try {
        state = ServerPosition.read(s, target);
      } catch (CloudsyncException e) {
        return StepOutcome.refused(
            NAME, step, null, new Refusal(e.code(), 0, e.getMessage(), e.hints()));
      } catch (SQLException e) {
        return StepOutcome.refused(NAME, step, null, ServerErrors.map(e, List.of()));
      }
      Refusal r;
      try {
        r = preflight(s, state, step, options);
      } catch (SQLException e) {
        r = ServerErrors.map(e, List.of());
      } catch (CloudsyncException e) {
        r = new Refusal(e.code(), 0, e.getMessage(), e.hints());
      }
      if (r != null) {
        return StepOutcome.refused(NAME, step, state, r);
      }
      String sql;
      try {
        sql = statement(target, step, options);
      } catch (CloudsyncException e) {
        return StepOutcome.refused(
            NAME, step, state, new Refusal(e.code(), 0, e.getMessage(), e.hints()));
      }
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return StepOutcome.refused(
            NAME,
            step,
            state,
            Refusal.of(
                ErrorCode.RESTORE_CANCELLED,
                0,
                "interrupted while waiting for a restore slot on the server",
                "run the cycle again"));
      }
      try {
        return run(s, target, state, step, options, sql, progress);
      } finally {
        permits.release();
      }
    } catch (CloudsyncException e) {
      return StepOutcome.failed(
          NAME, step, null, new Refusal(e.code(), 0, e.getMessage(), e.hints()));
    }
  }

  private Refusal preflight(
      SqlSession s, DatabaseState state, RestoreStep step, ApplyOptions options)
      throws SQLException {
    Refusal r = RestoreRules.check(state, step, options);
    if (r != null) {
      return r;
    }
    if (options.finish() == ApplyOptions.Finish.STANDBY && settings.standbyDir() == null) {
      return Refusal.of(
          ErrorCode.RESTORE_REFUSED,
          0,
          "STANDBY was asked but the server has no standby directory",
          "give the server a --standby-dir, or set the center to NORECOVERY throughout");
    }
    ServerInfo info = ServerInfo.read(s);
    Thumbprint tde = null;
    if (settings.checkTde() && step.type() != BackupType.LOG) {
      List<String> paths = step.files().stream().map(settings::serverPath).toList();
      tde =
          ServerHeaders.tdeThumbprint(s.query(ServerHeaders.fileListOnly(paths, step.position())));
    }
    r = VersionRules.check(info, step.header().softwareVersion(), options.finish(), tde != null);
    if (r != null) {
      return r;
    }
    return tde == null ? null : Tde.checkBackup(step.paths().get(0), tde, Tde.installed(s));
  }

  private StepOutcome run(
      SqlSession s,
      TargetDatabase target,
      DatabaseState state,
      RestoreStep step,
      ApplyOptions options,
      String sql,
      StepProgress progress) {
    int attempts = settings.exclusiveAccessRetries() + 1;
    Refusal last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      List<ServerMessage> seen = new ArrayList<>();
      try {
        if (state.status() == DatabaseStatus.STANDBY) {
          List<Integer> ended = readers.clear(s, target.name(), settings.readerGrace());
          if (!ended.isEmpty()) {
            LOG.info(
                "ended {} reader session(s) of standby database [{}] before restoring",
                ended.size(),
                target.name());
          }
        }
        progress.percent(0);
        running.put(target.key(), s);
        try {
          s.execute(sql, messages(seen, progress));
        } finally {
          running.remove(target.key(), s);
        }
        return confirmed(s, target, state, step, options, seen, progress);
      } catch (SQLException e) {
        last = ServerErrors.map(e, seen);
        if (last.code() != ErrorCode.DATABASE_IN_USE || attempt == attempts) {
          break;
        }
        LOG.info(
            "database [{}] in use (error 3101); retry {} of {}",
            target.name(),
            attempt,
            attempts - 1);
        try {
          sleeper.sleep(settings.retryDelay());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        last =
            Refusal.of(
                ErrorCode.RESTORE_CANCELLED,
                0,
                "interrupted while waiting for readers to leave",
                "run the cycle again");
        break;
      }
    }
    return StepOutcome.failed(NAME, step, state, last);
  }

  private static Consumer<ServerMessage> messages(List<ServerMessage> seen, StepProgress progress) {
    return m -> {
      seen.add(m);
      StatsMessage.percent(m).ifPresent(progress::percent);
    };
  }

  private StepOutcome confirmed(
      SqlSession s,
      TargetDatabase target,
      DatabaseState before,
      RestoreStep step,
      ApplyOptions options,
      List<ServerMessage> seen,
      StepProgress progress) {
    boolean reported = seen.stream().anyMatch(m -> m.number() == ServerMessage.RESTORE_SUCCEEDED);
    DatabaseState expected = RestoreRules.after(before, step, options, () -> before.identity());
    DatabaseState reread;
    try {
      reread = ServerPosition.read(s, target);
    } catch (CloudsyncException | SQLException e) {
      reread = null; // the restore's own confirmation decides; the next cycle reconciles
    }
    boolean atExpected =
        reread != null
            && reread.restorePoint() != null
            && reread.restorePoint().equals(step.lastLsn());
    if (!reported && !atExpected) {
      return StepOutcome.failed(
          NAME,
          step,
          reread != null ? reread : before,
          Refusal.of(
              ErrorCode.RESTORE_FAILED,
              0,
              "SQL Server returned without confirming the restore (no message 3014) and the"
                  + " database's position is "
                  + (reread == null ? "unknown" : reread.describe())
                  + ", not the step's LastLSN "
                  + step.lastLsn().toDecimalString(),
              "run the cycle again: it reconciles with the server's position before going on"));
    }
    progress.percent(100);
    return StepOutcome.success(
        NAME, StepOutcome.Kind.APPLIED, step, atExpected ? reread : expected);
  }

  private RestoreTarget restoreTarget(TargetDatabase target) {
    return new RestoreTarget(
        target.name(),
        settings.dataDir(),
        settings.logDir(),
        settings.standbyDir(),
        target.fileStem());
  }
}
