package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.BlobVersion;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.LedgerVerifyStateStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.ledger.RestoreProgress;
import org.cloudsync.ledger.RestoreProgressStore;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.ledger.UserCheckStore;
import org.cloudsync.lock.CenterLock;
import org.cloudsync.lock.CenterLocks;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.sqlserver.OrphanedUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  static final CenterId RIVERSIDE = new CenterId("riverside");
  static final Lsn BIG = Lsn.parse("4294967295000000000100001");

  @TempDir Path tmp;
  Cli cli;

  @BeforeEach
  void init() throws Exception {
    cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    Path drop = Files.createDirectories(tmp.resolve("drop"));
    for (String id : new String[] {"riverside", "hillside"}) {
      Cli.Result r =
          cli.center(
              "add",
              id,
              "--name",
              id.toUpperCase(),
              "--source",
              drop.toString(),
              "--database",
              "Db_" + id);
      assertThat(r.status()).as(r.all()).isZero();
    }
  }

  private Ledger ledger() {
    return Ledger.open(
        "jdbc:h2:file:" + cli.home.resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
        null,
        null,
        Cli.CLOCK);
  }

  private static HeaderSummary log(Lsn first, Lsn last, LocalDateTime finish) {
    return new HeaderSummary(
        BackupType.LOG,
        "Db_riverside",
        first,
        last,
        null,
        null,
        UUID.randomUUID(),
        1,
        1,
        1,
        finish.minusMinutes(1),
        finish);
  }

  @Test
  void aCenterBeingSyncedRightNowSaysByWhom() throws Exception {
    CenterLocks locks =
        new CenterLocks(CloudsyncHome.at(cli.home).locksDir(), null, java.time.Clock.systemUTC());
    try (CenterLock held = locks.acquire(RIVERSIDE)) {
      Cli.Result r = cli.status("--center", "riverside");
      assertThat(r.out()).contains("  syncing now:     by " + held.holder() + "\n");
      JsonNode c = new ObjectMapper().readTree(cli.status("--format", "json").out()).get("centers");
      JsonNode hillside = c.get(0);
      JsonNode riverside = c.get(1);
      assertThat(hillside.get("syncing").isNull()).isTrue();
      assertThat(riverside.get("syncing").get("pid").asLong())
          .isEqualTo(ProcessHandle.current().pid());
      assertThat(riverside.get("syncing").get("host").asText()).isEqualTo(held.holder().host());
      assertThat(riverside.get("syncing").get("since").asText())
          .isEqualTo(held.holder().since().toString());
    }
    assertThat(cli.status("--center", "riverside").out()).doesNotContain("syncing now");
  }

  @Test
  void aCenterNeverSyncedIsAbsentOnTheVerifyEngineWhichSaysNothingIsRestored() throws Exception {
    Cli.Result r = cli.status("--center", "hillside");
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("hillside  HILLSIDE")
        .contains(
            "engine:          verify (checks every step by SQL Server's rules; nothing is restored)")
        .contains("database:        'Db_hillside' ABSENT")
        .contains("restore_lsn:     -")
        .contains("last verified:   -")
        .contains("files pending:   0")
        .contains("last error:      -")
        .doesNotContain("riverside");
    JsonNode j =
        new ObjectMapper().readTree(cli.status("--center", "hillside", "--format", "json").out());
    JsonNode c = j.get("centers").get(0);
    assertThat(c.get("engine").asText()).isEqualTo("verify");
    assertThat(c.get("restores_data").asBoolean()).isFalse();
    assertThat(c.get("state").asText()).isEqualTo("ABSENT");
    assertThat(c.get("restore_lsn").isNull()).isTrue();
    assertThat(c.get("last_file").isNull()).isTrue();
  }

  @Test
  void showsThePositionTheLastVerifiedFileWhatIsPendingAndTheLastError() throws Exception {
    try (Ledger ledger = ledger()) {
      BlobStore blobs = new BlobStore(ledger);
      BackupFileStore files = new BackupFileStore(ledger);
      long blob =
          blobs
              .recordListed(
                  RIVERSIDE,
                  new BlobVersion(
                      "logs/2026-11-25.zip",
                      "e1",
                      100,
                      null,
                      OffsetDateTime.parse("2026-11-25T04:00Z")))
              .id();
      Lsn a = Lsn.parse("4294967295000000000000001");
      Lsn c = Lsn.parse("4294967295000000000200001");
      long first = files.recordFound(RIVERSIDE, blob, "x_LOG_1.trn").id();
      long second = files.recordFound(RIVERSIDE, blob, "x_LOG_2.trn").id();
      long third = files.recordFound(RIVERSIDE, blob, "x_LOG_3.trn").id();
      files.recordHeader(first, log(a, BIG, LocalDateTime.of(2026, 11, 25, 1, 0)));
      files.recordHeader(second, log(BIG, c, LocalDateTime.of(2026, 11, 25, 5, 0)));
      files.recordHeader(
          third,
          log(c, Lsn.parse("4294967295000000000300001"), LocalDateTime.of(2026, 11, 25, 9, 0)));
      for (long id : new long[] {first, second, third}) {
        files.moveTo(id, FileState.STAGED, null, null, null);
        files.moveTo(id, FileState.VALIDATED, null, null, null);
      }
      files.moveTo(first, FileState.VERIFIED, "verify engine: verified", null, null);
      files.moveTo(second, FileState.VERIFIED, "verify engine: verified", null, null);
      new LedgerVerifyStateStore(ledger)
          .save(
              RIVERSIDE.value(),
              new DatabaseState(
                  DatabaseStatus.STANDBY,
                  "Db_riverside",
                  c,
                  UUID.randomUUID(),
                  UUID.randomUUID(),
                  "Db_riverside",
                  SoftwareVersion.parse("16.0.1000"),
                  "id-1"));
      new ReplayStore(ledger)
          .recordError(
              RIVERSIDE,
              ErrorCode.LOG_TOO_RECENT.name(),
              "error 4305: too recent",
              "logs/2026-11-25.zip!x_LOG_3.trn");
    }
    Cli.Result r = cli.status("--center", "riverside");
    assertThat(r.out())
        .contains("database:        'Db_riverside' ONLINE (standby, read-only)")
        .contains("restore_lsn:     4294967295000000000200001")
        .contains("last verified:   logs/2026-11-25.zip!x_LOG_2.trn")
        .contains("current through: 2026-11-25T05:00:00 (backup time, server's clock)")
        .contains("files pending:   1")
        .contains(
            "last error:      LOG_TOO_RECENT: error 4305: too recent (logs/2026-11-25.zip!x_LOG_3.trn)");
    JsonNode c = new ObjectMapper().readTree(cli.status("--format", "json").out()).get("centers");
    assertThat(c).hasSize(2);
    JsonNode riverside = c.get(1);
    assertThat(riverside.get("center").asText()).isEqualTo("riverside");
    assertThat(riverside.get("state").asText()).isEqualTo("ONLINE");
    assertThat(riverside.get("standby").asBoolean()).isTrue();
    assertThat(riverside.get("restore_lsn").isTextual()).isTrue();
    assertThat(riverside.get("restore_lsn").asText()).isEqualTo("4294967295000000000200001");
    assertThat(riverside.get("last_file").get("state").asText()).isEqualTo("verified");
    assertThat(riverside.get("last_file").get("last_lsn").asText())
        .isEqualTo("4294967295000000000200001");
    assertThat(riverside.get("current_through").asText()).isEqualTo("2026-11-25T05:00:00");
    assertThat(riverside.get("files_pending").asInt()).isEqualTo(1);
    assertThat(riverside.get("last_error").get("code").asText()).isEqualTo("LOG_TOO_RECENT");
  }

  @Test
  void aCenterOnAnUnreachableServerShowsWhyItsPositionIsUnknown() throws Exception {
    Files.writeString(tmp.resolve("pw"), "secret-pw\n");
    Cli.Result add =
        cli.server(
            "add",
            "db1",
            "--jdbc-url",
            "jdbc:sqlserver://127.0.0.1:1;loginTimeout=2",
            "--user",
            "u",
            "--password-file",
            tmp.resolve("pw").toString(),
            "--data-dir",
            "/d",
            "--log-dir",
            "/l",
            "--no-check");
    assertThat(add.status()).as(add.all()).isZero();
    assertThat(cli.center("edit", "riverside", "--server", "db1").status()).isZero();
    Cli.Result r = cli.status("--center", "riverside");
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("engine:          sqlserver (SQL Server db1)")
        .contains(
            "database:        UNKNOWN: SERVER_UNREACHABLE: cannot connect to SQL Server jdbc:sqlserver://127.0.0.1:1")
        .doesNotContain("secret-pw");
  }

  @Test
  void theVerifyEngineSaysItsUsersAreUnknownNotNoneAndShowsNoPercentage() throws Exception {
    try (Ledger ledger = ledger()) {
      new RestoreProgressStore(ledger)
          .record(
              new RestoreProgress(
                  RIVERSIDE,
                  "verify",
                  "log",
                  List.of("logs/2026-11-25.zip!x_LOG_2.trn"),
                  2,
                  4,
                  null,
                  RestoreProgress.RUNNING,
                  OffsetDateTime.parse("2026-11-26T05:59:00Z"),
                  OffsetDateTime.parse("2026-11-26T05:59:00Z")));
    }
    Cli.Result r = cli.status("--center", "riverside");
    assertThat(r.out())
        .contains("orphaned users:  unknown (verify engine)\n")
        .contains(
            "applying now:    log 'logs/2026-11-25.zip!x_LOG_2.trn' (step 2 of 4): running (the"
                + " verify engine reports no percentage) (started 2026-11-26T05:59:00Z, last"
                + " heard 2026-11-26T05:59:00Z)")
        .doesNotContain("none");
    JsonNode c =
        new ObjectMapper()
            .readTree(cli.status("--center", "riverside", "--format", "json").out())
            .get("centers")
            .get(0);
    JsonNode users = c.get("orphaned_users");
    assertThat(users.get("known").asBoolean()).isFalse();
    assertThat(users.get("reason").asText()).isEqualTo("unknown (verify engine)");
    assertThat(users.get("users").isNull()).isTrue();
    JsonNode p = c.get("restore_progress");
    assertThat(p.get("state").asText()).isEqualTo("running");
    assertThat(p.get("percent").isNull()).isTrue();
    assertThat(p.get("step").asInt()).isEqualTo(2);
    assertThat(p.get("steps").asInt()).isEqualTo(4);
    assertThat(p.get("files").get(0).asText()).isEqualTo("logs/2026-11-25.zip!x_LOG_2.trn");

    JsonNode hillside =
        new ObjectMapper()
            .readTree(cli.status("--center", "hillside", "--format", "json").out())
            .get("centers")
            .get(0);
    assertThat(hillside.get("restore_progress").isNull()).isTrue();
  }

  @Test
  void aSqlServerCentersOrphanedUsersAndRunningRestoreComeFromTheLedger() throws Exception {
    Files.writeString(tmp.resolve("pw"), "secret-pw\n");
    Cli.Result add =
        cli.server(
            "add",
            "db1",
            "--jdbc-url",
            "jdbc:sqlserver://127.0.0.1:1;loginTimeout=2",
            "--user",
            "u",
            "--password-file",
            tmp.resolve("pw").toString(),
            "--data-dir",
            "/d",
            "--log-dir",
            "/l",
            "--no-check");
    assertThat(add.status()).as(add.all()).isZero();
    assertThat(cli.center("edit", "riverside", "--server", "db1").status()).isZero();
    assertThat(cli.center("edit", "hillside", "--server", "db1").status()).isZero();
    try (Ledger ledger = ledger()) {
      new RestoreProgressStore(ledger)
          .record(
              new RestoreProgress(
                  RIVERSIDE,
                  "sqlserver",
                  "full",
                  List.of("Db_FULL_1of2.bak", "Db_FULL_2of2.bak"),
                  1,
                  3,
                  40,
                  RestoreProgress.RUNNING,
                  OffsetDateTime.parse("2026-11-26T05:00:00Z"),
                  OffsetDateTime.parse("2026-11-26T05:20:00Z")));
      new UserCheckStore(ledger)
          .record(
              new UserCheck(
                  RIVERSIDE,
                  "sqlserver",
                  "Db_riverside",
                  true,
                  List.of(
                      OrphanedUsers.Orphan.of("report'er", "S", "0x0105AB00"),
                      OrphanedUsers.Orphan.of("app]user", "S", "0x01"),
                      OrphanedUsers.Orphan.of("CLINIC\\Readers", "G", "0x0105000000000005")),
                  null,
                  OffsetDateTime.parse("2026-11-26T05:30:00Z")));
    }
    Cli.Result r = cli.status("--center", "riverside");
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out())
        .contains(
            "applying now:    full [Db_FULL_1of2.bak, Db_FULL_2of2.bak] (step 1 of 3): 40%"
                + " (started 2026-11-26T05:00:00Z, last heard 2026-11-26T05:20:00Z)")
        .contains(
            "orphaned users:  3 database users have no login on this server:"
                + " report'er (SQL user, SID 0x0105AB00), app]user (SQL user, SID 0x01),"
                + " CLINIC\\Readers (Windows group, SID 0x0105000000000005)\n")
        .contains(
            "                   hint: create logins with these SIDs:"
                + " CREATE LOGIN [report'er] WITH PASSWORD = N'<choose a password>', SID ="
                + " 0x0105AB00; CREATE LOGIN [app]]user] WITH PASSWORD = N'<choose a password>',"
                + " SID = 0x01; CREATE LOGIN [CLINIC\\Readers] FROM WINDOWS\n");
    JsonNode c =
        new ObjectMapper()
            .readTree(cli.status("--center", "riverside", "--format", "json").out())
            .get("centers")
            .get(0);
    JsonNode users = c.get("orphaned_users");
    assertThat(users.get("known").asBoolean()).isTrue();
    assertThat(users.get("reason").isNull()).isTrue();
    assertThat(users.get("database").asText()).isEqualTo("Db_riverside");
    assertThat(users.get("checked_at").asText()).isEqualTo("2026-11-26T05:30:00Z");
    assertThat(users.get("users")).hasSize(3);
    JsonNode first = users.get("users").get(0);
    assertThat(first.get("user").asText()).isEqualTo("report'er");
    assertThat(first.get("type").asText()).isEqualTo("S");
    assertThat(first.get("sid").asText()).isEqualTo("0x0105AB00");
    assertThat(first.get("create_login").asText())
        .isEqualTo(
            "CREATE LOGIN [report'er] WITH PASSWORD = N'<choose a password>', SID = 0x0105AB00");
    JsonNode p = c.get("restore_progress");
    assertThat(p.get("percent").asInt()).isEqualTo(40);
    assertThat(p.get("step_type").asText()).isEqualTo("full");
    assertThat(p.get("updated_at").asText()).isEqualTo("2026-11-26T05:20:00Z");

    // A SQL Server center never checked says so; one checked while RESTORING says why.
    assertThat(cli.status("--center", "hillside").out())
        .contains("orphaned users:  unknown (not checked yet: sync checks after applying)");
    try (Ledger ledger = ledger()) {
      new UserCheckStore(ledger)
          .record(
              new UserCheck(
                  RIVERSIDE,
                  "sqlserver",
                  "Db_riverside",
                  true,
                  List.of(),
                  null,
                  OffsetDateTime.parse("2026-11-26T06:00:00Z")));
    }
    assertThat(cli.status("--center", "riverside").out())
        .contains(
            "orphaned users:  none: every user of 'Db_riverside' has a login (checked"
                + " 2026-11-26T06:00:00Z)");
  }
}
