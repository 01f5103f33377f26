package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.restore.SyntheticSteps.header;
import static org.cloudsync.restore.SyntheticSteps.log;
import static org.cloudsync.restore.SyntheticSteps.lsn;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.cloudsync.center.Centers;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.ledger.UserCheckStore;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.replay.Candidate;
import org.cloudsync.replay.UserCheckPhase;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply phase on the SQL Server engine, the server scripted at the session seam (none can run
 * on the build machines): the position and identity come from the server, each log is recorded
 * applied only after the server confirmed it, a new full outside the maintenance window is pending.
 */
class SqlServerApplyPhaseTest {
  private static final Clock CLOCK = ScriptedApply.CLOCK;
  private static final CenterId CENTER = ScriptedApply.CENTER;
  private static final String BASE = ScriptedApply.BASE;
  private static final long P = 25000000015300001L;

  @TempDir Path tmp;
  private final ScriptedApply fixture = new ScriptedApply();
  private final FakeSqlSession s = fixture.session;
  private final List<Candidate> validated = fixture.validated;
  private Ledger ledger;
  private Centers centers;
  private SqlServerEngine engine;

  @BeforeEach
  void open() {
    fixture.open(tmp);
    ledger = fixture.ledger;
    centers = fixture.centers;
    engine = fixture.engine;
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private void restoringAt(long p) {
    fixture.restoringAt(p);
  }

  private void validate(RestoreStep step) {
    fixture.validate(step);
  }

  private ApplyReport apply(Placement placement, boolean dryRun) {
    return fixture.apply(placement, dryRun);
  }

  @Test
  void eachLogIsRecordedAppliedAfterTheServerConfirmedItStandbyOnTheLast() {
    restoringAt(P);
    RestoreStep l1 = log("Sales", P, P + 100_000);
    RestoreStep l2 = log("Sales", P + 100_000, P + 200_000);
    validate(l1);
    validate(l2);
    s.then(FakeSqlSession.Execution.silentlyThen(() -> restoringAt(P + 100_000)));
    s.then(FakeSqlSession.Execution.silentlyThen(() -> restoringAt(P + 200_000)));
    ApplyReport r = apply(Placement.DEFAULT.withServer("db1"), false);
    assertThat(r.stop()).isNull();
    assertThat(r.engine()).isEqualTo("sqlserver");
    assertThat(r.steps()).hasSize(2).allMatch(x -> x.startsWith("sqlserver engine: applied log"));
    assertThat(s.executed("RESTORE LOG"))
        .hasSize(2)
        .satisfies(x -> assertThat(x.get(0)).endsWith("WITH NORECOVERY"))
        .satisfies(
            x -> assertThat(x.get(1)).endsWith("WITH STANDBY = N'D:\\Standby\\Sales_undo.ldf'"));
    assertThat(new BackupFileStore(ledger).list(CENTER, FileState.APPLIED)).hasSize(2);
    assertThat(new BackupFileStore(ledger).list(CENTER, FileState.VERIFIED)).isEmpty();
    assertThat(new ReplayStore(ledger).known(CENTER).orElseThrow().identity())
        .startsWith("7@")
        .isEqualTo(r.after().identity());
  }

  private static final byte[] SID_A = {0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x15};
  private static final byte[] SID_B = {(byte) 0xAB, (byte) 0xCD};

  @Test
  void afterTheNightUsersWithoutALoginAreRecordedWithTheirSids() {
    restoringAt(P);
    RestoreStep l1 = log("Sales", P, P + 100_000);
    validate(l1);
    s.then(
        FakeSqlSession.Execution.silentlyThen(
            () -> {
              ScriptedServer.database(s, "ONLINE", true);
              ScriptedServer.history(s, "L", lsn(P + 100_000), BASE);
            }));
    s.onContaining(
        "sys.database_principals",
        Row.of("name", "report]er", "type", "S", "sid", SID_A),
        Row.of("name", "CLINIC\\Readers", "type", "G", "sid", SID_B));
    ApplyReport r = apply(Placement.DEFAULT.withServer("db1"), false);
    assertThat(r.stop()).isNull();
    assertThat(r.after().status()).isEqualTo(org.cloudsync.restore.DatabaseStatus.STANDBY);

    UserCheck check =
        new UserCheckPhase(ledger, CLOCK)
            .run(CENTER, engine, TargetDatabase.of(CENTER.value(), "Sales"), r.after());
    assertThat(s.queried)
        .contains(
            "SELECT dp.name, dp.type, dp.sid FROM [Sales].sys.database_principals AS dp"
                + " LEFT JOIN sys.server_principals AS sp ON sp.sid = dp.sid"
                + " WHERE dp.type IN ('S', 'U', 'G') AND dp.principal_id > 4"
                + " AND dp.authentication_type_desc <> 'NONE' AND sp.sid IS NULL"
                + " ORDER BY dp.name");
    assertThat(check.readable()).isTrue();
    assertThat(check.engine()).isEqualTo("sqlserver");
    UserCheck stored = new UserCheckStore(ledger).find(CENTER).orElseThrow();
    assertThat(stored).isEqualTo(check);
    assertThat(stored.orphans())
        .extracting(OrphanedUsers.Orphan::createLogin)
        .containsExactlyInAnyOrder(
            "CREATE LOGIN [report]]er] WITH PASSWORD = N'<choose a password>',"
                + " SID = 0x010500000000000515",
            "CREATE LOGIN [CLINIC\\Readers] FROM WINDOWS");
  }

  @Test
  void syncsReplayOnASqlServerChecksUsersAfterApplyingAndReportsThem() throws Exception {
    restoringAt(P);
    RestoreStep l1 =
        log("Sales", P, P + 100_000, UUID.fromString("A1B2C3D4-0000-1111-2222-333344445555"));
    validate(l1);
    // Replay reads the staged copies' headers.
    Path staged = tmp.resolve("staged").resolve(l1.paths().get(0));
    java.nio.file.Files.createDirectories(staged.getParent());
    org.cloudsync.format.synthetic.SyntheticBackupWriter.headerOnly().write(l1.header(), staged);
    s.then(
        FakeSqlSession.Execution.silentlyThen(
            () -> {
              ScriptedServer.database(s, "ONLINE", true);
              ScriptedServer.history(s, "L", lsn(P + 100_000), BASE);
            }));
    s.onContaining("sys.database_principals", Row.of("name", "reader", "type", "S", "sid", SID_B));
    org.cloudsync.server.Servers servers =
        new org.cloudsync.server.Servers(
            ledger, new SecretBox(MasterKey.generate()), (url, user, pw) -> () -> s, CLOCK);
    servers.add(
        new org.cloudsync.server.ServerSpec(
            "db1",
            "jdbc:sqlserver://db1:1433",
            "svc",
            org.cloudsync.config.Secret.of("pw"),
            "D:\\Data",
            "L:\\Logs",
            "D:\\Standby",
            List.of(),
            1),
        false);
    centers.place(CENTER, p -> p.withServer("db1"));
    ApplyReport r =
        new org.cloudsync.replay.Replay(ledger, centers, servers, CLOCK)
            .apply(centers.get(CENTER), x -> tmp.resolve("staged").resolve(x.substring(13)), false);
    assertThat(r.stop()).isNull();
    assertThat(r.steps()).singleElement().asString().startsWith("sqlserver engine: applied log");
    assertThat(r.users().orphans()).containsExactly(new OrphanedUsers.Orphan("reader", "S", SID_B));
    assertThat(new UserCheckStore(ledger).find(CENTER)).contains(r.users());

    // A dry run checks nothing.
    ApplyReport dry =
        new org.cloudsync.replay.Replay(ledger, centers, servers, CLOCK)
            .apply(centers.get(CENTER), x -> tmp.resolve("staged").resolve(x.substring(13)), true);
    assertThat(dry.users()).isNull();
  }

  @Test
  void aDatabaseLeftRestoringIsRecordedUnreadableNotWithoutOrphans() {
    restoringAt(P);
    UserCheck check =
        new UserCheckPhase(ledger, CLOCK)
            .run(
                CENTER,
                engine,
                TargetDatabase.of(CENTER.value(), "Sales"),
                engine.position(TargetDatabase.of(CENTER.value(), "Sales")));
    assertThat(check.readable()).isFalse();
    assertThat(check.note())
        .isEqualTo(
            "database 'Sales' is RESTORING: its users can be read only once it is in standby or"
                + " online");
    assertThat(s.queried).noneMatch(q -> q.contains("database_principals"));
    assertThat(new UserCheckStore(ledger).find(CENTER)).contains(check);
  }

  @Test
  void aServerThatCannotListUsersIsRecordedUnreadableAndTheSyncGoesOn() {
    ScriptedServer.database(s, "ONLINE", true);
    ScriptedServer.history(s, "L", lsn(P), BASE);
    s.failOn(
        "SELECT dp.name",
        FakeSqlSession.error(
            916,
            "The server principal \"svc\" is not able to access the database \"Sales\" under the current security context."));
    TargetDatabase t = TargetDatabase.of(CENTER.value(), "Sales");
    UserCheck check = new UserCheckPhase(ledger, CLOCK).run(CENTER, engine, t, engine.position(t));
    assertThat(check.readable()).isFalse();
    assertThat(check.note()).startsWith("the users could not be read: ").contains("916");
  }

  @Test
  void aFailedRestoreStopsWithTheServersReasonAndLeavesTheFileValidated() {
    restoringAt(P);
    RestoreStep l1 = log("Sales", P, P + 100_000);
    validate(l1);
    s.then(
        FakeSqlSession.Execution.fail(
            FakeSqlSession.error(3257, "There is insufficient free space on disk volume 'D:\\'.")));
    ApplyReport r = apply(Placement.DEFAULT.withServer("db1"), false);
    assertThat(r.stop()).isNotNull();
    assertThat(r.stop().code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
    var file = new BackupFileStore(ledger).list(CENTER).get(0);
    assertThat(file.state()).isEqualTo(FileState.VALIDATED);
    assertThat(file.errorCode()).isEqualTo("SERVER_DISK_FULL");
    assertThat(new ReplayStore(ledger).inFlight(CENTER)).isEmpty();
  }

  @Test
  void dryRunPrintsTheEnginesStatementsAndTouchesNothing() {
    restoringAt(P);
    validate(log("Sales", P, P + 100_000));
    ApplyReport r = apply(Placement.DEFAULT.withServer("db1").withNorecoveryOnly(true), true);
    assertThat(r.statements())
        .singleElement()
        .asString()
        .startsWith("RESTORE LOG [Sales] FROM DISK")
        .endsWith("WITH NORECOVERY");
    assertThat(s.executed("RESTORE")).isEmpty();
    assertThat(new BackupFileStore(ledger).list(CENTER, FileState.VALIDATED)).hasSize(1);
  }

  @Test
  void anInPlaceNewFullOutsideTheMaintenanceWindowIsPendingAndTheDatabaseUntouchedByIt() {
    restoringAt(P);
    validate(log("Sales", P, P + 100_000));
    // The base the server reports, in the ledger as applied.
    RestoreStep base =
        org.cloudsync.restore.SyntheticSteps.step(
            "Sales_FULL_1.bak",
            header(BackupType.FULL, "Sales", 1000, 2000)
                .backupSetGuid(UUID.fromString(BASE))
                .build());
    validate(base);
    new BackupFileStore(ledger)
        .moveTo(validated.get(1).record().id(), FileState.APPLIED, "earlier", null, null);
    validated.remove(1);
    RestoreStep newFull =
        org.cloudsync.restore.SyntheticSteps.step(
            "Sales_FULL_2.bak",
            header(BackupType.FULL, "Sales", P + 50_000, P + 60_000)
                .backupSetGuid(UUID.randomUUID())
                .build());
    validate(newFull);
    s.then(FakeSqlSession.Execution.silentlyThen(() -> restoringAt(P + 100_000)));
    Placement p =
        Placement.DEFAULT
            .withServer("db1")
            .withRebaseline(Placement.RebaselineStrategy.IN_PLACE)
            .withMaintenanceWindow(java.time.LocalTime.of(1, 0), java.time.LocalTime.of(3, 0));
    ApplyReport r = apply(p, false);
    assertThat(r.steps()).singleElement().asString().startsWith("sqlserver engine: applied log");
    assertThat(r.stop().code()).isEqualTo(ErrorCode.REBASELINE_PENDING);
    assertThat(r.stop().message())
        .startsWith("re-baseline pending: a new full backup (Sales_FULL_2.bak)");
    assertThat(s.executed("RESTORE DATABASE")).isEmpty();
    assertThat(new RebaselineStore(ledger).list(CENTER))
        .singleElement()
        .satisfies(x -> assertThat(x.state()).isEqualTo("pending"));
  }
}
