package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudsync.restore.SyntheticSteps.header;
import static org.cloudsync.restore.SyntheticSteps.log;
import static org.cloudsync.restore.SyntheticSteps.lsn;
import static org.cloudsync.restore.SyntheticSteps.step;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;

class SqlServerEngineTest {
  private static final TargetDatabase SALES = TargetDatabase.of("center-1", "Sales");
  private static final String BASE = "5af3e50d-a4e0-4e9b-8aef-fe52898c6359";
  private static final long P = 25000000015300001L;

  private final FakeSqlSession s = new FakeSqlSession();
  private final List<Duration> slept = new ArrayList<>();
  private final SqlServerSettings settings =
      SqlServerSettings.defaults()
          .withDirectories("D:\\Data", "L:\\Logs")
          .withStandbyDir("D:\\Standby")
          .withPathMap(
              PathMap.parse(List.of("/srv/staging=\\\\files\\staging")),
              f -> Path.of("/srv/staging/center-1", f.path()))
          .withReaders(Duration.ofSeconds(12), 2, Duration.ofSeconds(10));
  private final SqlServerEngine engine =
      new SqlServerEngine(
          () -> {
            s.opened++;
            return s;
          },
          settings,
          slept::add);

  private FakeSqlSession server2019() {
    ScriptedServer.version(s, "15.0.2000.5", 3);
    return s.on("RESTORE FILELISTONLY");
  }

  private void restoringAt(long p) {
    ScriptedServer.database(s, "RESTORING", false);
    ScriptedServer.redoStart(s, lsn(p));
    ScriptedServer.history(s, "L", lsn(p), BASE);
  }

  private static RestoreStep full() {
    return step(
        "Sales_FULL.bak",
        header(BackupType.FULL, "Sales", 1000, 2000).backupSetGuid(UUID.fromString(BASE)).build());
  }

  @Test
  void namesItselfAndRestoresData() {
    assertThat(engine.name()).isEqualTo("sqlserver");
    assertThat(engine.restoresData()).isTrue();
  }

  @Test
  void initialFullIsRestoredWithMoveOfMappedPathsAndReportsStatsProgress() {
    server2019();
    ScriptedServer.absent(s);
    s.then(
        FakeSqlSession.Execution.ok(
            new ServerMessage(3211, 0, "10 percent processed."),
            new ServerMessage(3211, 0, "60 percent processed."),
            new ServerMessage(3211, 0, "100 percent processed."),
            new ServerMessage(4035, 0, "Processed 368 pages for database 'Sales', file 'Sales'."),
            new ServerMessage(
                3014, 0, "RESTORE DATABASE successfully processed 370 pages in 0.1 seconds.")));
    List<Integer> progress = new ArrayList<>();
    StepOutcome o = engine.apply(SALES, full(), ApplyOptions.norecovery(), progress::add);
    assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(o.describe()).startsWith("sqlserver engine: applied full 'Sales_FULL.bak'");
    assertThat(s.executed("RESTORE"))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'\\\\files\\staging\\center-1\\Sales_FULL.bak'"
                + " WITH MOVE N'Sales' TO N'D:\\Data\\Sales_Sales.mdf',"
                + " MOVE N'Sales_log' TO N'L:\\Logs\\Sales_Sales_log.ldf', NORECOVERY, STATS = 10");
    assertThat(progress).containsExactly(0, 10, 60, 100, 100);
    assertThat(o.after().status()).isEqualTo(DatabaseStatus.RESTORING);
    assertThat(o.after().restorePoint()).isEqualTo(lsn(2000));
  }

  @Test
  void aLogThatWouldBe4305IsRefusedBeforeTouchingTheServer() {
    server2019();
    restoringAt(P);
    StepOutcome o =
        engine.apply(
            SALES,
            log("Sales", P + 100_000, P + 200_000),
            ApplyOptions.norecovery(),
            StepProgress.NONE);
    assertThat(o.kind()).isEqualTo(StepOutcome.Kind.REFUSED);
    assertThat(o.code()).isEqualTo(ErrorCode.LOG_TOO_RECENT);
    assertThat(o.describe()).startsWith("sqlserver engine: refused log").contains("error 4305");
    assertThat(s.executed).isEmpty();
  }

  @Test
  void anUnknownPositionIsARefusal() {
    server2019();
    ScriptedServer.database(s, "ONLINE", true);
    s.onContaining("FROM msdb.dbo.restorehistory");
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.code()).isEqualTo(ErrorCode.POSITION_UNKNOWN);
    assertThat(s.executed).isEmpty();
  }

  @Test
  void lastLogOfTheNightGoesToStandbyOthersNoRecovery() {
    server2019();
    restoringAt(P);
    RestoreStep l1 = log("Sales", P, P + 100_000);
    engine.apply(SALES, l1, ApplyOptions.forNight(0, 2, true), StepProgress.NONE);
    restoringAt(P + 100_000);
    RestoreStep l2 = log("Sales", P + 100_000, P + 200_000);
    StepOutcome o = engine.apply(SALES, l2, ApplyOptions.forNight(1, 2, true), StepProgress.NONE);
    assertThat(o.succeeded()).isTrue();
    assertThat(s.executed("RESTORE"))
        .containsExactly(
            "RESTORE LOG [Sales] FROM DISK = N'\\\\files\\staging\\center-1\\Sales_log_"
                + P
                + ".trn' WITH NORECOVERY",
            "RESTORE LOG [Sales] FROM DISK = N'\\\\files\\staging\\center-1\\Sales_log_"
                + (P + 100_000)
                + ".trn' WITH STANDBY = N'D:\\Standby\\Sales_undo.ldf'");
  }

  @Test
  void readersOfAStandbyDatabaseGetTheGracePeriodThenAreKilledAnd3101IsRetried() {
    server2019();
    ScriptedServer.database(s, "ONLINE", true);
    ScriptedServer.history(s, "L", lsn(P), BASE);
    s.on(ReaderSessions.SESSIONS_SQL, Row.of("session_id", 61), Row.of("session_id", 75));
    s.then(
        FakeSqlSession.Execution.fail(
            FakeSqlSession.error(3013, "RESTORE LOG is terminating abnormally."),
            FakeSqlSession.errorMessage(
                3101, "Exclusive access could not be obtained because the database is in use.")));
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.standby(), StepProgress.NONE);
    assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
    // 12 s grace polled every 5 s (5 + 5 + 5 >= 12), then KILL; again on the retry.
    assertThat(slept)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    assertThat(s.executed.stream().map(x -> x.startsWith("RESTORE LOG") ? "RESTORE LOG" : x))
        .containsExactly("KILL 61", "KILL 75", "RESTORE LOG", "KILL 61", "KILL 75", "RESTORE LOG");
  }

  @Test
  void exclusiveAccessRetriesEndInAFailureNamingTheCause() {
    server2019();
    ScriptedServer.database(s, "ONLINE", true);
    ScriptedServer.history(s, "L", lsn(P), BASE);
    ScriptedServer.noReaders(s);
    for (int i = 0; i < 3; i++) {
      s.then(
          FakeSqlSession.Execution.fail(
              FakeSqlSession.error(
                  3101, "Exclusive access could not be obtained because the database is in use.")));
    }
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.standby(), StepProgress.NONE);
    assertThat(o.kind()).isEqualTo(StepOutcome.Kind.FAILED);
    assertThat(o.code()).isEqualTo(ErrorCode.DATABASE_IN_USE);
    assertThat(o.refusal().sqlServerError()).isEqualTo(3101);
    assertThat(s.executed("RESTORE")).hasSize(3);
    assertThat(slept).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void theServersSpecificErrorWinsOverTheGeneric3013() {
    server2019();
    restoringAt(P);
    s.then(
        FakeSqlSession.Execution.fail(
            FakeSqlSession.error(3013, "RESTORE LOG is terminating abnormally."),
            FakeSqlSession.errorMessage(
                3201,
                "Cannot open backup device '\\\\files\\staging\\x.trn'. Operating system error"
                    + " 5(Access is denied.).")));
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.kind()).isEqualTo(StepOutcome.Kind.FAILED);
    assertThat(o.code()).isEqualTo(ErrorCode.SERVER_PATH_NOT_FOUND);
    assertThat(o.refusal().reason()).startsWith("error 3201: Cannot open backup device");
    assertThat(o.hints()).anyMatch(h -> h.contains("--path-map"));
  }

  @Test
  void cancellationStopsTheRestoreAndTheSameLogIsAppliedNextTime() throws Exception {
    server2019();
    restoringAt(P);
    s.then(FakeSqlSession.Execution.hangUntilCancelled());
    RestoreStep l = log("Sales", P, P + 100_000);
    CompletableFuture<StepOutcome> running =
        CompletableFuture.supplyAsync(
            () -> engine.apply(SALES, l, ApplyOptions.norecovery(), StepProgress.NONE));
    assertThat(s.started.await(10, TimeUnit.SECONDS)).isTrue();
    engine.cancel(TargetDatabase.of("another-center", "Sales"));
    Thread.sleep(100);
    assertThat(running).isNotDone();
    engine.cancel(SALES);
    StepOutcome cancelled = running.get(10, TimeUnit.SECONDS);
    assertThat(cancelled.kind()).isEqualTo(StepOutcome.Kind.FAILED);
    assertThat(cancelled.code()).isEqualTo(ErrorCode.RESTORE_CANCELLED);
    // The server's position did not move: the same log is next and applies.
    StepOutcome resumed = engine.apply(SALES, l, ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(resumed.kind()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(s.executed("RESTORE LOG")).hasSize(2).allMatch(x -> x.equals(s.executed.get(0)));
  }

  @Test
  void anInterruptedFullIsRestoredAgainWithRestartWhenAsked() {
    server2019();
    ScriptedServer.database(s, "RESTORING", false);
    ScriptedServer.redoStart(s, null);
    s.onContaining("FROM msdb.dbo.restorehistory");
    assertThat(
            engine
                .apply(
                    SALES,
                    log("Sales", P, P + 100_000),
                    ApplyOptions.norecovery(),
                    StepProgress.NONE)
                .code())
        .isEqualTo(ErrorCode.POSITION_UNKNOWN);
    StepOutcome o =
        engine.apply(SALES, full(), ApplyOptions.norecovery().withRestart(), StepProgress.NONE);
    assertThat(o.succeeded()).as(o.describe()).isTrue();
    assertThat(s.executed("RESTORE DATABASE").get(0)).contains(", RESTART, NORECOVERY, STATS = 10");
  }

  @Test
  void withoutConfirmationAndWithoutTheExpectedPositionTheStepFailed() {
    server2019();
    restoringAt(P);
    s.then(FakeSqlSession.Execution.ok());
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.kind()).isEqualTo(StepOutcome.Kind.FAILED);
    assertThat(o.refusal().message()).contains("without confirming the restore");
  }

  @Test
  void withoutTheMessageButAtTheExpectedPositionTheStepWasApplied() {
    server2019();
    restoringAt(P);
    s.then(FakeSqlSession.Execution.silentlyThen(() -> restoringAt(P + 100_000)));
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(o.after().restorePoint()).isEqualTo(lsn(P + 100_000));
    assertThat(o.after().identity()).isEqualTo("7@2026-11-01T02:00");
  }

  @Test
  void aConfirmedRestoreStaysAppliedWhenThePositionCannotBeReReadAfterwards() {
    server2019();
    restoringAt(P);
    s.then(
        new FakeSqlSession.Execution(
            List.of(FakeSqlSession.CONFIRMED),
            null,
            false,
            () -> s.failQueries(sql -> FakeSqlSession.error(-1, "connection broken"))));
    StepOutcome o =
        engine.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(o.after().restorePoint()).isEqualTo(lsn(P + 100_000));
  }

  @Test
  void aFileTheServerCannotOpenDuringThePreflightIsARefusal() {
    ScriptedServer.version(s, "15.0.2000.5", 3);
    ScriptedServer.absent(s);
    s.failOn(
        "RESTORE FILELISTONLY",
        FakeSqlSession.error(
            3201, "Cannot open backup device '\\\\files\\staging\\x'. Operating system error 2."));
    StepOutcome o = engine.apply(SALES, full(), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.kind()).isEqualTo(StepOutcome.Kind.REFUSED);
    assertThat(o.code()).isEqualTo(ErrorCode.SERVER_PATH_NOT_FOUND);
    assertThat(s.executed).isEmpty();
  }

  @Test
  void restoresBeyondTheInstancesLimitWaitForASlot() throws Exception {
    server2019();
    restoringAt(P);
    SqlServerEngine one =
        new SqlServerEngine(() -> s, settings.withMaxConcurrentRestores(1), slept::add);
    s.then(FakeSqlSession.Execution.hangUntilCancelled());
    RestoreStep l = log("Sales", P, P + 100_000);
    CompletableFuture<StepOutcome> first =
        CompletableFuture.supplyAsync(
            () -> one.apply(SALES, l, ApplyOptions.norecovery(), StepProgress.NONE));
    assertThat(s.started.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<StepOutcome> second =
        CompletableFuture.supplyAsync(
            () ->
                one.apply(
                    TargetDatabase.of("center-2", "Sales"),
                    l,
                    ApplyOptions.norecovery(),
                    StepProgress.NONE));
    Thread.sleep(300);
    assertThat(second).isNotDone();
    assertThat(s.executed("RESTORE")).hasSize(1);
    one.cancel();
    assertThat(first.get(10, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.RESTORE_CANCELLED);
    assertThat(second.get(10, TimeUnit.SECONDS).kind()).isEqualTo(StepOutcome.Kind.APPLIED);
    assertThat(s.executed("RESTORE")).hasSize(2);
  }

  @Test
  void swapRenamesLiveThenNewAfterEndingReaders() {
    ScriptedServer.noReaders(s);
    engine.swap("Sales", "Sales_cloudsync_new", "Sales_cloudsync_old_20261126");
    assertThat(s.executed)
        .containsExactly(
            "ALTER DATABASE [Sales] MODIFY NAME = [Sales_cloudsync_old_20261126]",
            "ALTER DATABASE [Sales_cloudsync_new] MODIFY NAME = [Sales]");
  }

  @Test
  void aFailedSecondRenameGivesTheLiveCopyItsNameBack() {
    ScriptedServer.noReaders(s);
    s.failStatements(
        sql ->
            sql.startsWith("ALTER DATABASE [Sales_cloudsync_new]")
                ? FakeSqlSession.error(
                    5030, "The database could not be exclusively locked to perform the operation.")
                : null);
    assertThatThrownBy(
            () -> engine.swap("Sales", "Sales_cloudsync_new", "Sales_cloudsync_old_20261126"))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("the live copy kept its name: error 5030");
    assertThat(s.executed)
        .containsExactly(
            "ALTER DATABASE [Sales] MODIFY NAME = [Sales_cloudsync_old_20261126]",
            "ALTER DATABASE [Sales_cloudsync_new] MODIFY NAME = [Sales]",
            "ALTER DATABASE [Sales_cloudsync_old_20261126] MODIFY NAME = [Sales]");
  }

  @Test
  void serverAddLearnsVersionAndMissingPermissions() {
    ScriptedServer.version(s, "16.0.1000.6", 3);
    s.on(PermissionCheck.SQL, Row.of("sysadmin", 1));
    SqlServerEngine.ServerReport r = engine.checkServer();
    assertThat(r.info().describe())
        .isEqualTo("SQL Server 2022 (16.0.1000.6, Developer Edition (64-bit))");
    assertThat(r.missing()).isEmpty();
  }

  @Test
  void aBackupFromANewerServerIsRefusedWithBothVersions() {
    ScriptedServer.version(s, "14.0.3456.2", 3);
    s.on("RESTORE FILELISTONLY");
    ScriptedServer.absent(s);
    RestoreStep f =
        step(
            "new.bak",
            header(BackupType.FULL, "Sales", 1000, 2000)
                .softwareVersion(new SoftwareVersion(15, 0, 2000))
                .build());
    StepOutcome o = engine.apply(SALES, f, ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.code()).isEqualTo(ErrorCode.SERVER_VERSION_TOO_OLD);
    assertThat(o.refusal().message())
        .contains("SQL Server 2019 (15.0.2000)")
        .contains("SQL Server 2017 (14.0.3456.2");
    assertThat(s.executed).isEmpty();
  }

  @Test
  void standbyAcrossVersionsIsRefused() {
    server2019();
    ScriptedServer.absent(s);
    RestoreStep f =
        step(
            "RestoreTimeClean.bak",
            header(BackupType.FULL, "Sales", 1000, 2000)
                .softwareVersion(new SoftwareVersion(10, 50, 1600))
                .build());
    StepOutcome o = engine.apply(SALES, f, ApplyOptions.standby(), StepProgress.NONE);
    assertThat(o.code()).isEqualTo(ErrorCode.STANDBY_ACROSS_VERSIONS);
    assertThat(o.refusal().message()).contains("SQL Server 2008 R2 (10.50.1600)");
    assertThat(o.hints()).anyMatch(h -> h.contains("NORECOVERY throughout"));
    assertThat(engine.apply(SALES, f, ApplyOptions.norecovery(), StepProgress.NONE).succeeded())
        .isTrue();
  }

  @Test
  void tdeBackupWhoseCertificateIsNotInstalledIsRefusedPlainly() {
    ScriptedServer.version(s, "15.0.2000.5", 2);
    ScriptedServer.absent(s);
    byte[] needed = new byte[20];
    needed[0] = (byte) 0xAB;
    byte[] other = new byte[20];
    other[0] = 0x01;
    s.on("RESTORE FILELISTONLY", Row.of("LogicalName", "Sales", "TDEThumbprint", needed));
    s.on(Tde.THUMBPRINTS_SQL, Row.of("name", "old", "thumbprint", other));
    StepOutcome o = engine.apply(SALES, full(), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.code()).isEqualTo(ErrorCode.TDE_CERTIFICATE_MISMATCH);
    assertThat(o.refusal().message())
        .startsWith("TDE credentials do not match this backup; ask eCW for the current certificate")
        .contains("0xAB00000000000000000000000000000000000000")
        .contains("0x0100000000000000000000000000000000000000");
    assertThat(s.executed).isEmpty();
  }

  @Test
  void tdeOnStandardEditionBefore2019IsRefused() {
    ScriptedServer.version(s, "14.0.3456.2", 2);
    ScriptedServer.absent(s);
    s.on("RESTORE FILELISTONLY", Row.of("LogicalName", "Sales", "TDEThumbprint", new byte[20]));
    StepOutcome o = engine.apply(SALES, full(), ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(o.code()).isEqualTo(ErrorCode.EDITION_UNSUPPORTED);
    assertThat(o.refusal().message()).contains("before SQL Server 2019, TDE needs Enterprise");
  }

  @Test
  void standbyWithoutAStandbyDirectoryIsRefused() {
    ScriptedServer.version(s, "15.0.2000.5", 3);
    restoringAt(P);
    SqlServerEngine noStandby =
        new SqlServerEngine(() -> s, SqlServerSettings.defaults(), slept::add);
    StepOutcome o =
        noStandby.apply(
            SALES, log("Sales", P, P + 100_000), ApplyOptions.standby(), StepProgress.NONE);
    assertThat(o.code()).isEqualTo(ErrorCode.RESTORE_REFUSED);
    assertThat(o.refusal().message()).contains("no standby directory");
  }

  @Test
  void theStatementADryRunPrintsIsTheOneApplied() {
    server2019();
    restoringAt(P);
    RestoreStep l = log("Sales", P, P + 100_000);
    String dry = engine.statement(SALES, l, ApplyOptions.norecovery());
    engine.apply(SALES, l, ApplyOptions.norecovery(), StepProgress.NONE);
    assertThat(s.executed("RESTORE")).containsExactly(dry);
  }
}
