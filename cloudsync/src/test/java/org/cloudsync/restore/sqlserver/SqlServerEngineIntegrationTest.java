package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.Secret;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.BlobVersion;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.RestoreProgress;
import org.cloudsync.ledger.RestoreProgressStore;
import org.cloudsync.replay.ApplyPhase;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.replay.Candidate;
import org.cloudsync.replay.ProgressRecorder;
import org.cloudsync.replay.RunningStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL Server engine against a real SQL Server (2016 or later). Runs only when {@code
 * CLOUDSYNC_TEST_SQLSERVER_URL} is set; no SQL Server can run on the build machines.
 *
 * <p>Environment:
 *
 * <ul>
 *   <li>{@code CLOUDSYNC_TEST_SQLSERVER_URL}: e.g. {@code
 *       jdbc:sqlserver://db:1433;encrypt=true;trustServerCertificate=true}
 *   <li>{@code CLOUDSYNC_TEST_SQLSERVER_USER}, {@code CLOUDSYNC_TEST_SQLSERVER_PASSWORD_FILE}: a
 *       login with the permissions in {@link PermissionCheck} (or sysadmin)
 *   <li>{@code CLOUDSYNC_TEST_SQLSERVER_PATH_MAP}: {@code LOCAL=REMOTE}, where the server sees the
 *       corpus's {@code backups} directory, e.g. {@code
 *       /home/me/shared/corpus/backups=/var/opt/mssql/corpus}; unset when the server sees the same
 *       path
 *   <li>{@code CLOUDSYNC_TEST_SQLSERVER_DATA_DIR}, {@code ..._LOG_DIR}, {@code ..._STANDBY_DIR}:
 *       server-side directories; default: the instance's default data and log paths
 * </ul>
 *
 * <p>Every database it creates is named {@code cloudsync_it_<random>...} and dropped afterwards.
 */
@Tag("sqlserver")
@EnabledIfEnvironmentVariable(named = "CLOUDSYNC_TEST_SQLSERVER_URL", matches = ".+")
class SqlServerEngineIntegrationTest {
  private static final String RTC = "RestoreTimeClean/";

  private JdbcSqlSessionFactory factory;
  private SqlServerSettings settings;
  private SqlServerEngine engine;
  private final List<String> created = new ArrayList<>();
  private String prefix;

  @BeforeEach
  void connect() throws Exception {
    String url = System.getenv("CLOUDSYNC_TEST_SQLSERVER_URL");
    String user = System.getenv("CLOUDSYNC_TEST_SQLSERVER_USER");
    Path passwordFile = Path.of(System.getenv("CLOUDSYNC_TEST_SQLSERVER_PASSWORD_FILE"));
    Secret password = Secret.of(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
    factory = new JdbcSqlSessionFactory(url, user, password);
    String dataDir = System.getenv("CLOUDSYNC_TEST_SQLSERVER_DATA_DIR");
    String logDir = System.getenv("CLOUDSYNC_TEST_SQLSERVER_LOG_DIR");
    if (dataDir == null || logDir == null) {
      try (SqlSession s = factory.open()) {
        Row r =
            s.query(
                    "SELECT CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(260)) AS d,"
                        + " CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(260)) AS l")
                .get(0);
        dataDir = r.string("d");
        logDir = r.string("l");
      }
    }
    String map = System.getenv("CLOUDSYNC_TEST_SQLSERVER_PATH_MAP");
    Path backups = Corpus.backups();
    settings =
        SqlServerSettings.defaults()
            .withDirectories(dataDir, logDir)
            .withStandbyDir(
                System.getenv().getOrDefault("CLOUDSYNC_TEST_SQLSERVER_STANDBY_DIR", dataDir))
            .withPathMap(
                map == null ? PathMap.identity() : PathMap.parse(List.of(map)),
                f -> backups.resolve(f.path()));
    engine = new SqlServerEngine(factory, settings);
    prefix = "cloudsync_it_" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void dropDatabases() {
    try (SqlSession s = factory.open()) {
      for (String db : created) {
        try {
          if (!s.query(ServerPosition.DATABASE_SQL, db).isEmpty()) {
            s.execute("DROP DATABASE " + SqlText.identifier("database", db), m -> {});
          }
        } catch (SQLException e) {
          System.err.println("could not drop " + db + ": " + e.getMessage());
        }
      }
    }
  }

  private TargetDatabase target(String suffix) {
    String name = prefix + suffix;
    created.add(name);
    return TargetDatabase.of(name, name);
  }

  /** The corpus files of a set, with headers as the server reads them (file lists for MOVE). */
  private List<BackupFile> serverHeaders(String dir) throws Exception {
    List<BackupFile> files = new ArrayList<>();
    try (var paths = Files.list(Corpus.backups().resolve(dir))) {
      for (Path p : paths.sorted().toList()) {
        String rel = Corpus.backups().relativize(p).toString().replace('\\', '/');
        for (ServerHeaders.ServerBackupSet set : engine.headers(rel, p)) {
          files.add(new BackupFile(rel, set.header()));
        }
      }
    }
    return files;
  }

  private RestorePlan plan(List<BackupFile> files, DatabaseState position) {
    return Planner.plan(files, PlanRequest.all().withStart(position.startPoint()));
  }

  @Test
  void versionEditionAndPermissions() throws Exception {
    ServerInfo info = engine.serverInfo();
    System.out.println("target: " + info.describe());
    assertThat(info.major()).isGreaterThanOrEqualTo(13);
    try (SqlSession s = factory.open()) {
      List<PermissionCheck.Missing> missing = PermissionCheck.missing(s);
      System.out.println("missing permissions: " + missing);
    }
  }

  /**
   * RestoreTimeClean (SQL Server 2008 R2 backups): NORECOVERY throughout (STANDBY is refused across
   * versions), the position re-read after every step equals the step's LastLSN (the proof that
   * {@code redo_start_lsn} is the restore point while RESTORING), then RECOVERY on a copy and the
   * rows of {@code steps} as the corpus README states.
   */
  @Test
  void restoreTimeCleanNoRecoveryThroughoutThenRecoveryOnACopy() throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    TargetDatabase t = target("_rtc");
    RestorePlan plan = plan(files, engine.position(t));
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.steps()).hasSize(5);

    StepOutcome standby =
        engine.apply(t, plan.steps().get(0), ApplyOptions.standby(), StepProgress.NONE);
    assertThat(standby.code()).isEqualTo(ErrorCode.STANDBY_ACROSS_VERSIONS);
    assertThat(engine.position(t).status()).isEqualTo(DatabaseStatus.ABSENT);

    String identity = null;
    List<Integer> progress = new ArrayList<>();
    for (RestoreStep step : plan.steps()) {
      StepOutcome o = engine.apply(t, step, ApplyOptions.norecovery(), progress::add);
      assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
      DatabaseState p = engine.position(t);
      assertThat(p.status()).isEqualTo(DatabaseStatus.RESTORING);
      assertThat(p.restorePoint())
          .as("redo_start_lsn after " + step.paths())
          .isEqualTo(step.lastLsn());
      identity = identity == null ? p.identity() : identity;
      assertThat(p.identity()).isEqualTo(identity);
    }
    assertThat(progress).contains(100);

    // Reconciliation: a second cycle plans nothing; a log again is refused before the server.
    assertThat(plan(files, engine.position(t)).steps()).isEmpty();
    StepOutcome again =
        engine.apply(t, plan.steps().get(4), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(again.code()).isEqualTo(ErrorCode.LOG_TOO_EARLY);

    TargetDatabase copy = target("_rtc_copy");
    List<RestoreStep> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      ApplyOptions o = i == steps.size() - 1 ? ApplyOptions.recovery() : ApplyOptions.norecovery();
      assertThat(engine.apply(copy, steps.get(i), o, StepProgress.NONE).succeeded()).isTrue();
    }
    assertThat(engine.position(copy).status()).isEqualTo(DatabaseStatus.ONLINE);
    try (SqlSession s = factory.open()) {
      Row r =
          s.query(
                  "SELECT CONVERT(varchar(23), MIN(dt), 121) AS mn,"
                      + " CONVERT(varchar(23), MAX(dt), 121) AS mx, COUNT(*) AS n FROM "
                      + SqlText.identifier("database", copy.name())
                      + ".dbo.steps")
              .get(0);
      assertThat(r.string("mn")).isEqualTo("2017-06-01 12:59:12.970");
      assertThat(r.string("mx")).isEqualTo("2017-06-01 13:28:43.320");
      assertThat(r.integer("n")).isEqualTo(60);
    }
    // The orphaned-user query runs on a real server against the online copy.
    List<OrphanedUsers.Orphan> orphans = engine.orphanedUsers(copy);
    System.out.println("users of the copy without a login: " + orphans);
    assertThat(orphans).allSatisfy(u -> assertThat(u.sidHex()).startsWith("0x"));
  }

  /**
   * {@code STATS} messages arrive while the full runs (through mssql-jdbc's message handler) and
   * reach the ledger through the apply phase's recorder: the step ends done at 100 percent.
   */
  @Test
  void statsProgressOfTheFullReachesTheLedger(@TempDir Path tmp) throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    TargetDatabase t = target("_progress");
    RestoreStep full = plan(files, engine.position(t)).steps().get(0);
    java.time.Clock clock = java.time.Clock.systemUTC();
    try (Ledger ledger = Ledger.open("jdbc:h2:file:" + tmp.resolve("ledger"), null, null, clock)) {
      CenterId center = new CenterId("it-center");
      new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, clock)
          .add(center, new CenterSettings().name("IT").sourceDirectory(tmp).databaseName(t.name()));
      ProgressRecorder recorder = new ProgressRecorder(ledger, clock);
      RunningStep running = new RunningStep(center, engine.name(), true, full, 1, 1);
      StepProgress toLedger = recorder.started(running);
      List<Integer> heard = new ArrayList<>();
      StepOutcome o =
          engine.apply(
              t,
              full,
              ApplyOptions.norecovery(),
              p -> {
                heard.add(p);
                toLedger.percent(p);
              });
      recorder.finished(running, o);
      assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
      System.out.println("progress heard during the full: " + heard);
      // The engine reports 0 and, on confirmation, 100 itself: anything more came from STATS.
      assertThat(heard.size()).as("STATS messages during execution: " + heard).isGreaterThan(2);
      RestoreProgress p = new RestoreProgressStore(ledger).find(center).orElseThrow();
      assertThat(p.state()).isEqualTo("done");
      assertThat(p.percent()).isEqualTo(100);
      assertThat(p.engine()).isEqualTo("sqlserver");
      assertThat(p.files()).isEqualTo(full.paths());
    }
  }

  /** The server's own error numbers reach the same codes as the pre-flight's. */
  @Test
  void serverErrorsMapToTheSameCodes() throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    TargetDatabase t = target("_err");
    RestorePlan plan = plan(files, engine.position(t));
    engine.apply(t, plan.steps().get(0), ApplyOptions.norecovery(), StepProgress.NONE);
    BackupFile log2 =
        files.stream().filter(f -> f.path().endsWith("RestoreTimeClean_2.trn")).findFirst().get();
    String sql =
        RestoreStatements.forStep(
            new RestoreStep(List.of(log2)),
            RestoreTarget.of(t.name()),
            settings::serverPath,
            ApplyOptions.norecovery());
    try (SqlSession s = factory.open()) {
      List<ServerMessage> seen = new ArrayList<>();
      try {
        s.execute(sql, seen::add);
        throw new AssertionError("SQL Server accepted a log that starts after the restore point");
      } catch (SQLException e) {
        assertThat(ServerErrors.map(e, seen).code()).isEqualTo(ErrorCode.LOG_TOO_RECENT);
      }
    }
  }

  /** Cancel mid-restore, then resume: the same step again reaches the same position. */
  @Test
  void interruptedRestoreIsResumed() throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    TargetDatabase t = target("_cancel");
    RestoreStep full = plan(files, engine.position(t)).steps().get(0);
    CompletableFuture<StepOutcome> running =
        CompletableFuture.supplyAsync(
            () -> engine.apply(t, full, ApplyOptions.norecovery(), StepProgress.NONE));
    Thread.sleep(50);
    engine.cancel();
    StepOutcome first = running.get(5, TimeUnit.MINUTES);
    assumeTrue(
        first.code() == ErrorCode.RESTORE_CANCELLED,
        "the restore finished before the cancel arrived: " + first.describe());
    DatabaseState after = engine.position(t);
    System.out.println("after cancel: " + after.describe());
    StepOutcome resumed = engine.apply(t, full, ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(resumed.kind()).as(resumed.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(engine.position(t).restorePoint()).isEqualTo(full.lastLsn());
  }

  /**
   * The undocumented part of a side-by-side re-baseline: renaming a RESTORING database (and, where
   * the server's version allows STANDBY for the corpus's 2016 backups, a standby one) with MODIFY
   * NAME; the identity survives and the position is found under the new name. Then in place, WITH
   * REPLACE.
   */
  @Test
  void rebaselineRenameWhileRestoringAndInStandbyThenInPlace() throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    String live = prefix + "_rb";
    TargetDatabase temp = target(Rebaseline.temporaryName(live).substring(prefix.length()));
    RestoreStep full = plan(files, engine.position(temp)).steps().get(0);
    assertThat(engine.apply(temp, full, ApplyOptions.norecovery(), StepProgress.NONE).succeeded())
        .isTrue();
    DatabaseState before = engine.position(temp);
    created.add(live);
    try (SqlSession s = factory.open()) {
      s.execute(Rebaseline.renameStatement(temp.name(), live), m -> {});
    }
    TargetDatabase renamed = new TargetDatabase(live, live, List.of(temp.name()));
    DatabaseState after = engine.position(renamed);
    assertThat(after.status()).isEqualTo(DatabaseStatus.RESTORING);
    assertThat(after.identity()).isEqualTo(before.identity());
    assertThat(after.restorePoint()).isEqualTo(before.restorePoint());
    System.out.println(
        "PROVEN: MODIFY NAME of a RESTORING database on " + engine.serverInfo().describe());

    ServerInfo info = engine.serverInfo();
    if (info.major() == 13) {
      List<BackupFile> v2016 = serverHeaders("restoretimeclean2016/");
      TargetDatabase sb = target("_sb");
      RestorePlan p = plan(v2016, engine.position(sb));
      for (int i = 0; i < p.steps().size(); i++) {
        ApplyOptions o = ApplyOptions.forNight(i, p.steps().size(), true);
        assertThat(engine.apply(sb, p.steps().get(i), o, StepProgress.NONE).succeeded()).isTrue();
      }
      assertThat(engine.position(sb).status()).isEqualTo(DatabaseStatus.STANDBY);
      String sbLive = prefix + "_sb_live";
      created.add(sbLive);
      try (SqlSession s = factory.open()) {
        s.execute(Rebaseline.renameStatement(sb.name(), sbLive), m -> {});
      }
      assertThat(engine.position(new TargetDatabase(sbLive, sbLive, List.of(sb.name()))).status())
          .isEqualTo(DatabaseStatus.STANDBY);
      System.out.println("PROVEN: MODIFY NAME of a STANDBY database on " + info.describe());
    } else {
      System.out.println(
          "standby rename not exercised: the corpus's same-version backups are SQL Server 2016,"
              + " the target is "
              + info.describe().toLowerCase(Locale.ROOT));
    }

    // The whole swap: a new copy beside the (renamed) live one, then the exclusive window. Its
    // own temporary name, so that its MOVE targets differ from the live copy's (restored as the
    // first temporary name).
    TargetDatabase next =
        target(Rebaseline.temporaryName(live, UUID.randomUUID()).substring(prefix.length()));
    assertThat(engine.apply(next, full, ApplyOptions.norecovery(), StepProgress.NONE).succeeded())
        .isTrue();
    String nextIdentity = engine.position(next).identity();
    String retired = Rebaseline.retiredName(live, java.time.LocalDateTime.now());
    created.add(retired);
    engine.swap(live, next.name(), retired);
    assertThat(engine.position(new TargetDatabase(live, live, List.of(next.name()))).identity())
        .isEqualTo(nextIdentity);
    assertThat(engine.position(TargetDatabase.of(retired, retired)).identity())
        .isEqualTo(before.identity());

    StepOutcome replaced =
        engine.apply(renamed, full, ApplyOptions.norecovery().withReplace(), StepProgress.NONE);
    assertThat(replaced.kind()).as(replaced.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(engine.position(renamed).restorePoint()).isEqualTo(full.lastLsn());
  }

  /**
   * A side-by-side re-baseline end to end through the apply phase, on {@code RestoreTimeStripe}
   * (SQL Server 2008 R2, striped, two fulls; NORECOVERY throughout): the first sync loads the first
   * full and every log; the second, once the second full arrived, restores it under its temporary
   * name with its own files beside the live copy, applies the logs after it and swaps the names.
   * The live name then holds the new copy (found through msdb under the temporary name), the old
   * copy keeps its identity under the retired name, and with a retention of 0 days the next sync
   * drops it. This is the proof that renaming RESTORING databases works on the server under test.
   */
  @Test
  void sideBySideRebaselineThroughTheApplyPhase(@TempDir Path home) throws Exception {
    String stripes = "sql2008-backups/RestoreTimeStripe/";
    List<BackupFile> files = new ArrayList<>(serverHeaders(stripes + "Stripe1/"));
    files.addAll(serverHeaders(stripes + "Stripe2/"));
    UUID second =
        files.stream()
            .filter(f -> f.header().backupType() == BackupType.FULL)
            .max(Comparator.comparing(f -> f.header().lastLsn()))
            .orElseThrow()
            .header()
            .backupSetGuid();
    String live = prefix + "_sbs";
    String temp = Rebaseline.temporaryName(live, second);
    created.add(live);
    created.add(temp);
    Clock clock = Clock.systemUTC();
    try (Ledger ledger = Ledger.open("jdbc:h2:file:" + home.resolve("ledger"), null, null, clock)) {
      Centers centers =
          new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, clock);
      CenterId id = new CenterId("it-sbs");
      centers.add(id, new CenterSettings().name("IT").sourceDirectory(home).databaseName(live));
      Placement placement =
          Placement.DEFAULT.withServer("it").withNorecoveryOnly(true).withOldCopyRetentionDays(0);
      List<Candidate> all = new ArrayList<>();
      for (BackupFile f : files) {
        if (!f.header().backupSetGuid().equals(second)) {
          all.add(validated(ledger, id, f));
        }
      }
      ApplyReport first = applyPhase(ledger, centers, id, placement, all);
      assertThat(first.stop()).as(String.valueOf(first.stop())).isNull();
      DatabaseState before = engine.position(TargetDatabase.of(id.value(), live));
      assertThat(before.status()).isEqualTo(DatabaseStatus.RESTORING);

      for (BackupFile f : files) {
        if (f.header().backupSetGuid().equals(second)) {
          all.add(validated(ledger, id, f));
        }
      }
      ApplyReport r = applyPhase(ledger, centers, id, placement, all);
      RebaselineRecord rec = new RebaselineStore(ledger).list(id).get(0);
      if (rec.retiredName() != null) {
        created.add(rec.retiredName());
      }
      System.out.println("side-by-side re-baseline: " + r.notes() + " / " + rec.note());
      assertThat(r.stop()).as(String.valueOf(r.stop())).isNull();
      assertThat(rec.state()).isEqualTo("done");
      assertThat(rec.temporaryName()).isEqualTo(temp);
      DatabaseState after = engine.position(new TargetDatabase(id.value(), live, List.of(temp)));
      assertThat(after.baseBackupSetGuid()).isEqualTo(second);
      assertThat(after.identity()).isNotEqualTo(before.identity());
      assertThat(after.restorePoint()).isEqualTo(before.restorePoint());
      assertThat(engine.identity(rec.retiredName())).contains(before.identity());
      assertThat(engine.identity(temp)).isEmpty();
      System.out.println(
          "PROVEN: side-by-side swap of RESTORING databases on " + engine.serverInfo().describe());

      ApplyReport next = applyPhase(ledger, centers, id, placement, all);
      assertThat(next.stop()).as(String.valueOf(next.stop())).isNull();
      assertThat(engine.identity(rec.retiredName())).isEmpty();
      assertThat(new RebaselineStore(ledger).list(id).get(0).droppedAt()).isNotNull();
    }
  }

  private static Candidate validated(Ledger ledger, CenterId center, BackupFile f) {
    BackupFileStore store = new BackupFileStore(ledger);
    long blob =
        new BlobStore(ledger)
            .recordListed(
                center,
                new BlobVersion(
                    f.path() + "@" + f.header().position(),
                    "e1",
                    1,
                    null,
                    java.time.OffsetDateTime.now(ZoneOffset.UTC)))
            .id();
    long id = store.recordFound(center, blob, f.path()).id();
    store.recordHeader(id, HeaderSummary.of(f.header()));
    store.moveTo(id, FileState.STAGED, null, null, f.path());
    return new Candidate(store.moveTo(id, FileState.VALIDATED, null, null, null), f);
  }

  private ApplyReport applyPhase(
      Ledger ledger, Centers centers, CenterId id, Placement placement, List<Candidate> all) {
    BackupFileStore store = new BackupFileStore(ledger);
    List<Candidate> now =
        all.stream()
            .filter(c -> store.find(c.record().id()).orElseThrow().state() == FileState.VALIDATED)
            .toList();
    List<Candidate> everything =
        all.stream()
            .filter(
                c -> {
                  FileState st = store.find(c.record().id()).orElseThrow().state();
                  return st == FileState.VALIDATED || st == FileState.APPLIED;
                })
            .toList();
    return new ApplyPhase(ledger, Clock.systemUTC())
        .run(centers.get(id), placement, engine, now, () -> everything, engine::statement, false);
  }

  /**
   * The free-space pre-flight on the server's real volumes ({@code sys.dm_os_volume_stats}): for a
   * center without a database yet its directories' volumes are learnt from other files (master's,
   * or another database's); after the full is restored, from its own files. The figures are the
   * server's, so only their consistency is asserted: a performed check, available bytes below the
   * volume's total, and the full's file sizes needed.
   */
  @Test
  void freeSpaceIsReadFromTheServersVolumes() throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    TargetDatabase t = target("_space");
    RestoreStep full = plan(files, engine.position(t)).steps().get(0);
    long fileBytes = full.header().files().stream().mapToLong(f -> f.sizeBytes()).sum();
    org.cloudsync.restore.SpaceCheck fresh =
        engine.checkSpace(t, full, org.cloudsync.restore.SpaceCheck.Mode.NEW_DATABASE);
    System.out.println("free space before the initial load: " + fresh.describe());
    assertThat(fresh.outcome()).isNotEqualTo(org.cloudsync.restore.SpaceCheck.Outcome.NOT_ENOUGH);
    assertThat(engine.apply(t, full, ApplyOptions.norecovery(), StepProgress.NONE).succeeded())
        .isTrue();
    org.cloudsync.restore.SpaceCheck beside =
        engine.checkSpace(t, full, org.cloudsync.restore.SpaceCheck.Mode.BESIDE_LIVE);
    System.out.println("free space beside the restored copy: " + beside.describe());
    assertThat(beside.outcome()).isEqualTo(org.cloudsync.restore.SpaceCheck.Outcome.ENOUGH);
    assertThat(beside.unchecked()).isEmpty();
    assertThat(beside.volumes().stream().mapToLong(v -> v.neededBytes()).sum())
        .isEqualTo(fileBytes);
    assertThat(beside.volumes()).allMatch(v -> v.availableBytes() > 0);
    org.cloudsync.restore.SpaceCheck replace =
        engine.checkSpace(t, full, org.cloudsync.restore.SpaceCheck.Mode.REPLACE_LIVE);
    // WITH REPLACE over the same files: the restored files are the backup's sizes, nothing grows.
    assertThat(replace.volumes()).allMatch(v -> v.neededBytes() == 0);
  }

  /**
   * The retention's end: after a swap, the old copy is dropped only under the identity recorded
   * when it was kept; another identity, the live name, or a name already gone are never dropped.
   */
  @Test
  void anOldCopyIsDroppedOnlyUnderItsRecordedIdentity() throws Exception {
    List<BackupFile> files = serverHeaders(RTC);
    String live = prefix + "_old";
    created.add(live);
    TargetDatabase liveTarget = TargetDatabase.of(live, live);
    RestoreStep full = plan(files, engine.position(liveTarget)).steps().get(0);
    assertThat(
            engine
                .apply(liveTarget, full, ApplyOptions.norecovery(), StepProgress.NONE)
                .succeeded())
        .isTrue();
    String keptIdentity = engine.position(liveTarget).identity();
    TargetDatabase next = target(Rebaseline.temporaryName(live).substring(prefix.length()));
    assertThat(engine.apply(next, full, ApplyOptions.norecovery(), StepProgress.NONE).succeeded())
        .isTrue();
    String retired = Rebaseline.retiredName(live, java.time.LocalDateTime.now());
    created.add(retired);
    engine.swap(live, next.name(), retired);

    org.cloudsync.restore.OldCopyDrop wrong =
        engine.dropOldCopy(liveTarget, retired, "1@2000-01-01T00:00");
    assertThat(wrong.kind()).isEqualTo(org.cloudsync.restore.OldCopyDrop.Kind.NOT_OURS);
    assertThat(engine.dropOldCopy(liveTarget, live, keptIdentity).kind())
        .isEqualTo(org.cloudsync.restore.OldCopyDrop.Kind.NOT_OURS);
    assertThat(engine.position(TargetDatabase.of(retired, retired)).identity())
        .isEqualTo(keptIdentity);

    org.cloudsync.restore.OldCopyDrop dropped =
        engine.dropOldCopy(liveTarget, retired, keptIdentity);
    assertThat(dropped.kind())
        .as(dropped.message())
        .isEqualTo(org.cloudsync.restore.OldCopyDrop.Kind.DROPPED);
    assertThat(engine.position(TargetDatabase.of(retired, retired)).status())
        .isEqualTo(DatabaseStatus.ABSENT);
    assertThat(engine.dropOldCopy(liveTarget, retired, keptIdentity).kind())
        .isEqualTo(org.cloudsync.restore.OldCopyDrop.Kind.GONE);
    assertThat(engine.position(liveTarget).status()).isEqualTo(DatabaseStatus.RESTORING);
  }
}
