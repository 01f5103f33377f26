package org.cloudsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's contract, run against every database it supports. A subclass provides a fresh, empty
 * database per test.
 */
abstract class LedgerContract {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
  static final CenterId CLINIC = new CenterId("riverside-chc");

  Ledger ledger;
  CenterStore centers;
  BlobStore blobs;
  BackupFileStore files;
  RunStore runs;

  /** A JDBC URL, user and password of a new empty database. */
  abstract String[] freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    String[] db = freshDatabase();
    ledger = Ledger.open(db[0], db[1], db[2], CLOCK);
    centers = new CenterStore(ledger);
    blobs = new BlobStore(ledger);
    files = new BackupFileStore(ledger);
    runs = new RunStore(ledger);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  static CenterRow row(CenterId id) {
    OffsetDateTime t = OffsetDateTime.now(CLOCK);
    return new CenterRow(
        id,
        "Riverside CHC",
        "America/Chicago",
        "riverside",
        LocalTime.of(5, 30),
        false,
        "directory",
        "/srv/drop/riverside",
        null,
        null,
        "203.0.113.7",
        null,
        null,
        null,
        null,
        t,
        t);
  }

  private void addClinic() {
    centers.insert(row(CLINIC), List.of(new Contact(ContactKind.HEALTH_CENTER, "it@r.org")));
  }

  static BlobVersion blob(String name, String etag) {
    return new BlobVersion(
        name, etag, 1234, "1B2M2Y8AsgTpgAmY7PhCfg==", OffsetDateTime.parse("2026-11-25T04:00Z"));
  }

  private long count(String table) {
    return ledger.inTransaction(
        c -> {
          try (var st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void migrationsApplyOnceAndReopeningChangesNothing() throws Exception {
    assertThat(ledger.appliedVersions()).containsExactly("1", "2", "4", "5");
    addClinic();
    ledger.close();
    ledger = reopen();
    assertThat(ledger.appliedVersions()).containsExactly("1", "2", "4", "5");
    assertThat(new CenterStore(ledger).find(CLINIC)).isPresent();
  }

  abstract Ledger reopen() throws Exception;

  @Test
  void centersRoundTripAndTheirIdIsUnique() {
    addClinic();
    CenterRow stored = centers.find(CLINIC).orElseThrow();
    assertThat(stored).usingRecursiveComparison().isEqualTo(row(CLINIC));
    assertThatThrownBy(() -> centers.insert(row(CLINIC), List.of()))
        .isInstanceOf(CloudsyncException.class)
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.CENTER_EXISTS);
    assertThat(count("centers")).isEqualTo(1);

    CenterRow changed =
        new CenterRow(
            CLINIC,
            "Riverside",
            "UTC",
            null,
            null,
            false,
            "azure",
            null,
            "v1:k:CIPHER",
            "https://a/c?sig=***",
            null,
            "Q0VSVA==",
            "ABCD",
            "v1:k:KEY",
            "v1:k:PW",
            stored.createdAt(),
            stored.updatedAt().plusHours(1));
    centers.update(changed);
    assertThat(centers.find(CLINIC).orElseThrow()).usingRecursiveComparison().isEqualTo(changed);
    assertThat(centers.list()).extracting(CenterRow::id).containsExactly(CLINIC);
  }

  @Test
  void theDatabaseRefusesASourceKindWithoutItsLocation() {
    OffsetDateTime t = OffsetDateTime.now(CLOCK);
    CenterRow azureWithoutUrl =
        new CenterRow(
            CLINIC, "x", "UTC", null, null, false, "azure", null, null, null, null, null, null,
            null, null, t, t);
    assertThatThrownBy(() -> centers.insert(azureWithoutUrl, List.of()))
        .isInstanceOf(CloudsyncException.class)
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.LEDGER_UNAVAILABLE);
    assertThat(count("centers")).isZero();
  }

  @Test
  void pauseResumeContactsChecklistAndMissingCenters() {
    addClinic();
    assertThat(centers.setPaused(CLINIC, true)).isTrue();
    assertThat(centers.setPaused(CLINIC, true)).isFalse();
    assertThat(centers.find(CLINIC).orElseThrow().paused()).isTrue();
    assertThat(centers.setPaused(CLINIC, false)).isTrue();

    centers.replaceContacts(
        CLINIC,
        ContactKind.OPERATOR,
        List.of(
            new Contact(ContactKind.OPERATOR, "ops@host.net"),
            new Contact(ContactKind.OPERATOR, "OPS@host.net")));
    assertThat(centers.contacts(CLINIC))
        .containsExactly(
            new Contact(ContactKind.HEALTH_CENTER, "it@r.org"),
            new Contact(ContactKind.OPERATOR, "ops@host.net"));
    centers.replaceContacts(CLINIC, ContactKind.HEALTH_CENTER, List.of());
    assertThat(centers.contacts(CLINIC))
        .containsExactly(new Contact(ContactKind.OPERATOR, "ops@host.net"));

    centers.setChecklist(CLINIC, ChecklistItem.SAS_URL, LocalDate.of(2026, 11, 2));
    centers.setChecklist(CLINIC, ChecklistItem.SAS_URL, LocalDate.of(2026, 11, 3));
    centers.setChecklist(CLINIC, ChecklistItem.SERVICE_AGREEMENT, LocalDate.of(2026, 10, 1));
    centers.setChecklist(CLINIC, ChecklistItem.SERVICE_AGREEMENT, null);
    assertThat(centers.checklist(CLINIC))
        .containsExactlyEntriesOf(Map.of(ChecklistItem.SAS_URL, LocalDate.of(2026, 11, 3)));

    CenterId other = new CenterId("nowhere");
    assertThatThrownBy(() -> centers.setPaused(other, true))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.CENTER_NOT_FOUND);
    assertThatThrownBy(() -> centers.delete(other))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.CENTER_NOT_FOUND);
  }

  @Test
  void theSameBlobListedTwiceIsRecordedOnce() {
    addClinic();
    BlobRecord first = blobs.recordListed(CLINIC, blob("logs/2026-11-25.zip", "0x8DD1"));
    BlobRecord again = blobs.recordListed(CLINIC, blob("logs/2026-11-25.zip", "0x8DD1"));
    assertThat(again).isEqualTo(first);
    assertThat(first.state()).isEqualTo(BlobState.DISCOVERED);
    assertThat(first.kind()).isEqualTo(BlobKind.UNCLASSIFIED);
    assertThat(first.version()).isEqualTo(blob("logs/2026-11-25.zip", "0x8DD1"));
    assertThat(first.firstSeen()).isEqualTo(OffsetDateTime.now(CLOCK));
    assertThat(count("blobs")).isEqualTo(1);

    BlobRecord replaced = blobs.recordListed(CLINIC, blob("logs/2026-11-25.zip", "0x8DD2"));
    assertThat(replaced.id()).isNotEqualTo(first.id());
    assertThat(blobs.list(CLINIC))
        .extracting(BlobRecord::id)
        .containsExactly(first.id(), replaced.id());
  }

  @Test
  void listersRacingOnOneBlobRecordItOnce() throws Exception {
    addClinic();
    int racers = 6;
    var pool = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 5; round++) {
        BlobVersion v = blob("race-" + round + ".zip", "e1");
        var start = new CountDownLatch(1);
        List<Future<Long>> ids = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          ids.add(
              pool.submit(
                  () -> {
                    start.await();
                    return blobs.recordListed(CLINIC, v).id();
                  }));
        }
        start.countDown();
        long first = ids.get(0).get();
        for (var id : ids) {
          assertThat(id.get()).isEqualTo(first);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("blobs")).isEqualTo(5);
  }

  @Test
  void theDatabaseItselfRefusesADuplicateBlob() {
    addClinic();
    blobs.recordListed(CLINIC, blob("a.zip", "e1"));
    assertThatThrownBy(
            () ->
                ledger.inTransaction(
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "INSERT INTO blobs (center_id, name, etag, size_bytes, first_seen,"
                                  + " state, updated_at) VALUES (?, 'a.zip', 'e1', 1, ?, "
                                  + "'discovered', ?)")) {
                        ps.setString(1, CLINIC.value());
                        ps.setObject(2, OffsetDateTime.now(CLOCK));
                        ps.setObject(3, OffsetDateTime.now(CLOCK));
                        return ps.executeUpdate();
                      }
                    }))
        .isInstanceOf(CloudsyncException.class)
        .hasCauseInstanceOf(SQLException.class);
    assertThat(count("blobs")).isEqualTo(1);
  }

  @Test
  void blobStatesMoveOnlyAlongAllowedTransitions() {
    addClinic();
    long id = blobs.recordListed(CLINIC, blob("full.bak", "e1")).id();
    assertThat(blobs.classify(id, BlobKind.INITIAL_DUMP).kind()).isEqualTo(BlobKind.INITIAL_DUMP);
    BlobRecord fetched = blobs.moveTo(id, BlobState.FETCHED, null, null, "staging/full.bak");
    assertThat(fetched.state()).isEqualTo(BlobState.FETCHED);
    assertThat(fetched.stagedPath()).isEqualTo("staging/full.bak");
    assertThat(blobs.list(CLINIC, BlobState.FETCHED))
        .extracting(BlobRecord::id)
        .containsExactly(id);
    assertThat(blobs.list(CLINIC, BlobState.DISCOVERED)).isEmpty();

    BlobRecord bad =
        blobs.moveTo(id, BlobState.QUARANTINED, "md5 mismatch", ErrorCode.ZIP_INVALID, null);
    assertThat(bad.reason()).isEqualTo("md5 mismatch");
    assertThat(bad.errorCode()).isEqualTo("ZIP_INVALID");
    assertThat(bad.stagedPath()).isEqualTo("staging/full.bak");

    assertThatThrownBy(() -> blobs.moveTo(id, BlobState.FETCHED, null, null, null))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("from quarantined to fetched")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.STATE_TRANSITION_INVALID);
    assertThat(blobs.find(id).orElseThrow().state()).isEqualTo(BlobState.QUARANTINED);
    assertThatThrownBy(() -> blobs.moveTo(9999, BlobState.FETCHED, null, null, null))
        .hasMessageContaining("not in the ledger");
  }

  @Test
  void aFailedTransactionLeavesEveryStateAsItWas() {
    addClinic();
    long blobId = blobs.recordListed(CLINIC, blob("logs.zip", "e1")).id();
    long fileId = files.recordFound(CLINIC, blobId, "x_LOG_0101.trn").id();
    assertThatThrownBy(
            () ->
                ledger.inTransaction(
                    c -> {
                      blobs.moveTo(blobId, BlobState.FETCHED, null, null, "s/logs.zip");
                      files.moveTo(fileId, FileState.STAGED, null, null, "s/x.trn");
                      throw new IllegalStateException("crash mid-cycle");
                    }))
        .hasMessage("crash mid-cycle");
    assertThat(blobs.find(blobId).orElseThrow().state()).isEqualTo(BlobState.DISCOVERED);
    assertThat(files.find(fileId).orElseThrow().state()).isEqualTo(FileState.DISCOVERED);
    assertThat(files.find(fileId).orElseThrow().stagedPath()).isNull();
  }

  @Test
  void backupFilesAreRecordedOncePerEntryWithTheirHeaders() {
    addClinic();
    long blobId = blobs.recordListed(CLINIC, blob("logs.zip", "e1")).id();
    BackupFileRecord f = files.recordFound(CLINIC, blobId, "x_LOG_0101.trn");
    assertThat(files.recordFound(CLINIC, blobId, "x_LOG_0101.trn")).isEqualTo(f);
    assertThat(f.header()).isNull();
    assertThat(f.state()).isEqualTo(FileState.DISCOVERED);
    long otherBlob = blobs.recordListed(CLINIC, blob("logs2.zip", "e1")).id();
    assertThat(files.recordFound(CLINIC, otherBlob, "x_LOG_0101.trn").id()).isNotEqualTo(f.id());
    assertThat(count("backup_files")).isEqualTo(2);

    // LSNs beyond 2^53 must survive exactly.
    Lsn first = new Lsn(4294967295L, 4294967295L, 65535);
    HeaderSummary h =
        new HeaderSummary(
            BackupType.LOG,
            "riverside",
            first,
            new Lsn(4294967295L, 4294967295L, 65535),
            new Lsn(42, 100, 1),
            null,
            UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            1,
            1,
            1,
            LocalDateTime.parse("2026-11-25T01:00:00"),
            LocalDateTime.parse("2026-11-25T01:00:03"));
    assertThat(files.recordHeader(f.id(), h).header()).isEqualTo(h);
    assertThat(files.find(f.id()).orElseThrow().header().firstLsn().toDecimalString())
        .isEqualTo(first.toDecimalString());
  }

  @Test
  void fileStatesMoveOnlyAlongAllowedTransitions() {
    addClinic();
    long blobId = blobs.recordListed(CLINIC, blob("logs.zip", "e1")).id();
    long id = files.recordFound(CLINIC, blobId, "a.trn").id();
    assertThatThrownBy(() -> files.moveTo(id, FileState.APPLIED, null, null, null))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.STATE_TRANSITION_INVALID);
    files.moveTo(id, FileState.STAGED, null, null, "s/a.trn");
    files.moveTo(id, FileState.VALIDATED, null, null, null);
    BackupFileRecord done = files.moveTo(id, FileState.VERIFIED, "verify engine", null, null);
    assertThat(done.state()).isEqualTo(FileState.VERIFIED);
    assertThat(done.stagedPath()).isEqualTo("s/a.trn");
    assertThat(files.list(CLINIC, FileState.VERIFIED))
        .extracting(BackupFileRecord::id)
        .containsExactly(id);
    assertThatThrownBy(() -> files.moveTo(id, FileState.QUARANTINED, "late", null, null))
        .hasMessageContaining("from verified to quarantined");
    assertThat(files.list(CLINIC))
        .singleElement()
        .extracting(BackupFileRecord::state)
        .isEqualTo(FileState.VERIFIED);
  }

  @Test
  void runsStartFinishOnceAndInterruptedOnesAreClosed() {
    addClinic();
    long a = runs.start(CLINIC);
    long b = runs.start(CLINIC);
    long other = runs.start(null);
    RunRecord done = runs.finish(a, RunOutcome.OK, "{\"blobs\":3}");
    assertThat(done.outcome()).isEqualTo(RunOutcome.OK);
    assertThat(done.counts()).isEqualTo("{\"blobs\":3}");
    assertThat(done.centerId()).isEqualTo(CLINIC);
    assertThat(done.finishedAt()).isEqualTo(OffsetDateTime.now(CLOCK));
    assertThatThrownBy(() -> runs.finish(a, RunOutcome.FAILED, null))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.STATE_TRANSITION_INVALID);
    assertThat(runs.closeInterrupted(CLINIC)).isEqualTo(1);
    assertThat(runs.closeInterrupted(CLINIC)).isZero();
    assertThat(runs.find(b).orElseThrow().outcome()).isEqualTo(RunOutcome.INTERRUPTED);
    // Only the center's own runs: another's (here one for all centers) stays open.
    assertThat(runs.find(other).orElseThrow().finishedAt()).isNull();
    assertThat(runs.latest(1)).extracting(RunRecord::id).containsExactly(other);
  }

  @Test
  void removingACenterRemovesItsHistoryButKeepsRuns() {
    addClinic();
    centers.setChecklist(CLINIC, ChecklistItem.SAS_URL, LocalDate.of(2026, 11, 3));
    long blobId = blobs.recordListed(CLINIC, blob("logs.zip", "e1")).id();
    files.recordFound(CLINIC, blobId, "a.trn");
    long run = runs.start(CLINIC);
    centers.delete(CLINIC);
    for (String table : List.of("centers", "contacts", "checklist", "blobs", "backup_files")) {
      assertThat(count(table)).as(table).isZero();
    }
    assertThat(runs.find(run)).isPresent();
  }

  // Replay (V2): servers, placement, the verify engine's state, identity, in flight, re-baselines.

  static ServerRow server(String name) {
    OffsetDateTime t = OffsetDateTime.now(CLOCK);
    return new ServerRow(
        name,
        "jdbc:sqlserver://db1.example:1433;encrypt=true",
        "cloudsync",
        "v1:k1:Y2lwaGVydGV4dA==",
        "/var/opt/mssql/data",
        "/var/opt/mssql/log",
        null,
        List.of("/srv/staging=\\\\files\\staging", "/tmp/a=/mnt/a"),
        3,
        t,
        t);
  }

  @Test
  void serversRoundTripAndCannotBeRemovedWhileCentersUseThem() {
    addClinic();
    ServerStore servers = new ServerStore(ledger);
    servers.insert(server("db1"));
    assertThat(servers.get("db1")).isEqualTo(server("db1"));
    assertThatThrownBy(() -> servers.insert(server("db1")))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SERVER_EXISTS);
    PlacementStore placements = new PlacementStore(ledger);
    assertThat(placements.get(CLINIC)).isEqualTo(Placement.DEFAULT);
    Placement p =
        Placement.DEFAULT
            .withServer("db1")
            .withNorecoveryOnly(true)
            .withRebaseline(Placement.RebaselineStrategy.IN_PLACE)
            .withMaintenanceWindow(LocalTime.of(22, 0), LocalTime.of(2, 0));
    placements.set(CLINIC, p);
    assertThat(placements.get(CLINIC)).isEqualTo(p);
    assertThat(servers.centersOn("db1")).containsExactly(CLINIC);
    assertThatThrownBy(() -> servers.delete("db1"))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SERVER_IN_USE);
    assertThatThrownBy(() -> placements.set(CLINIC, p.withServer("nope")))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SERVER_NOT_FOUND);
    placements.set(CLINIC, p.withServer(null));
    servers.delete("db1");
    assertThat(servers.list()).isEmpty();
    assertThatThrownBy(() -> servers.delete("db1"))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SERVER_NOT_FOUND);
  }

  @Test
  void theVerifyEnginesStateSurvivesReopeningAndLsnsKeepAllDigits() throws Exception {
    addClinic();
    var store = new LedgerVerifyStateStore(ledger);
    assertThat(store.load(CLINIC.value())).isEmpty();
    var state =
        new org.cloudsync.restore.DatabaseState(
            org.cloudsync.restore.DatabaseStatus.STANDBY,
            "riverside",
            Lsn.parse("4294967295429496729565535"),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "Riverside",
            org.cloudsync.format.SoftwareVersion.parse("15.0.2000"),
            "id-1");
    store.save(CLINIC.value(), state);
    store.save(CLINIC.value(), state);
    ledger.close();
    ledger = reopen();
    assertThat(new LedgerVerifyStateStore(ledger).load(CLINIC.value())).contains(state);
  }

  @Test
  void identityAndInFlightStepAreOnePerCenterAndGoWithIt() {
    addClinic();
    ReplayStore replay = new ReplayStore(ledger);
    long blobId = blobs.recordListed(CLINIC, blob("logs.zip", "e1")).id();
    long fileId = files.recordFound(CLINIC, blobId, "a.trn").id();
    UUID base = UUID.randomUUID();
    KnownDatabase k =
        new KnownDatabase(CLINIC, "verify", "id-1", "riverside", Lsn.parse("42"), base, null);
    replay.recordKnown(k);
    replay.recordKnown(k);
    assertThat(replay.known(CLINIC).orElseThrow())
        .isEqualTo(
            new KnownDatabase(
                CLINIC,
                "verify",
                "id-1",
                "riverside",
                Lsn.parse("42"),
                base,
                OffsetDateTime.now(CLOCK)));
    InFlight step =
        new InFlight(CLINIC, fileId, Lsn.parse("40"), Lsn.parse("50"), OffsetDateTime.now(CLOCK));
    assertThat(replay.inFlight(CLINIC)).isEmpty();
    replay.begin(step);
    replay.begin(step);
    assertThat(replay.inFlight(CLINIC)).contains(step);
    replay.clearInFlight(CLINIC);
    assertThat(replay.inFlight(CLINIC)).isEmpty();
    replay.begin(step);
    replay.recordError(CLINIC, "LSN_GAP", "logs 10 to 20 are missing", "a.trn");
    assertThat(replay.lastError(CLINIC).orElseThrow().code()).isEqualTo("LSN_GAP");
    replay.recordError(CLINIC, "POSITION_UNKNOWN", "x", null);
    assertThat(replay.lastError(CLINIC).orElseThrow().message()).isEqualTo("x");
    files.moveTo(fileId, FileState.STAGED, null, null, null);
    files.moveTo(fileId, FileState.VALIDATED, null, null, null);
    BackupFileRecord noted =
        files.noteProblem(fileId, "error 4305: too recent", ErrorCode.LOG_TOO_RECENT);
    assertThat(noted.state()).isEqualTo(FileState.VALIDATED);
    assertThat(noted.errorCode()).isEqualTo("LOG_TOO_RECENT");
    assertThat(noted.reason()).isEqualTo("error 4305: too recent");
    centers.delete(CLINIC);
    for (String table :
        List.of("in_flight", "database_identity", "verify_state", "replay_errors")) {
      assertThat(count(table)).as(table).isZero();
    }
  }

  @Test
  void restoreProgressIsOneRowPerCenterUpdatedWhileRunningAndGoesWithIt() {
    addClinic();
    RestoreProgressStore store = new RestoreProgressStore(ledger);
    assertThat(store.find(CLINIC)).isEmpty();
    OffsetDateTime t0 = OffsetDateTime.parse("2026-11-26T05:00:00Z");
    RestoreProgress running =
        new RestoreProgress(
            CLINIC,
            "sqlserver",
            "full",
            List.of("a_1of2.bak", "a_2of2.bak"),
            1,
            3,
            null,
            RestoreProgress.RUNNING,
            t0,
            t0);
    store.record(running);
    store.record(running);
    assertThat(store.find(CLINIC)).contains(running);
    store.percent(CLINIC, 40, t0.plusMinutes(20));
    assertThat(store.find(CLINIC).orElseThrow().percent()).isEqualTo(40);
    assertThat(store.find(CLINIC).orElseThrow().updatedAt()).isEqualTo(t0.plusMinutes(20));
    store.finish(CLINIC, RestoreProgress.FAILED, t0.plusMinutes(21));
    store.percent(CLINIC, 50, t0.plusMinutes(22)); // a late report after the end changes nothing
    RestoreProgress failed = store.find(CLINIC).orElseThrow();
    assertThat(failed.state()).isEqualTo("failed");
    assertThat(failed.percent()).isEqualTo(40);
    assertThat(failed.files()).containsExactly("a_1of2.bak", "a_2of2.bak");
    assertThatThrownBy(() -> store.finish(CLINIC, RestoreProgress.RUNNING, t0))
        .isInstanceOf(IllegalArgumentException.class);
    centers.delete(CLINIC);
    assertThat(count("restore_progress")).isZero();
  }

  @Test
  void aUserCheckReplacesTheLastOneKeepsTheServersOrderAndGoesWithTheCenter() {
    addClinic();
    UserCheckStore store = new UserCheckStore(ledger);
    assertThat(store.find(CLINIC)).isEmpty();
    OffsetDateTime t0 = OffsetDateTime.parse("2026-11-26T05:00:00Z");
    UserCheck two =
        new UserCheck(
            CLINIC,
            "sqlserver",
            "riverside",
            true,
            List.of(
                org.cloudsync.restore.sqlserver.OrphanedUsers.Orphan.of("zed", "S", "0x01FF"),
                org.cloudsync.restore.sqlserver.OrphanedUsers.Orphan.of(
                    "CLINIC\\Readers", "G", "0x010500000000000515000000")),
            null,
            t0);
    store.record(two);
    assertThat(store.find(CLINIC)).contains(two);
    UserCheck unreadable =
        new UserCheck(
            CLINIC, "sqlserver", "riverside", false, List.of(), "database is RESTORING", t0);
    store.record(unreadable);
    assertThat(store.find(CLINIC)).contains(unreadable);
    assertThat(count("orphaned_users")).isZero();
    store.record(two);
    centers.delete(CLINIC);
    assertThat(count("user_checks")).isZero();
    assertThat(count("orphaned_users")).isZero();
  }

  @Test
  void aRebaselineIsNotedOncePerNewFullAndClosed() {
    addClinic();
    RebaselineStore store = new RebaselineStore(ledger);
    UUID newBase = UUID.randomUUID();
    UUID oldBase = UUID.randomUUID();
    RebaselineRecord r =
        store.notice(
            CLINIC,
            "sqlserver",
            "in-place",
            newBase,
            oldBase,
            "id-1",
            Lsn.parse("77"),
            "pending window");
    assertThat(store.notice(CLINIC, "sqlserver", "in-place", newBase, null, null, null, "again"))
        .isEqualTo(r);
    assertThat(r.state()).isEqualTo("pending");
    assertThat(r.oldRestoreLsn()).isEqualTo(Lsn.parse("77"));
    store.finish(r.id(), true, "riverside_retired", "swapped");
    RebaselineRecord done = store.find(CLINIC, newBase).orElseThrow();
    assertThat(done.state()).isEqualTo("done");
    assertThat(done.retiredName()).isEqualTo("riverside_retired");
    assertThat(done.finishedAt()).isEqualTo(OffsetDateTime.now(CLOCK));
    assertThat(store.list(CLINIC)).containsExactly(done);
  }

  @Test
  void aRebaselinesFiguresSwapAndOldCopyAreRecordedAndOnlyDueCopiesOfTheEngineAreListed() {
    addClinic();
    RebaselineStore store = new RebaselineStore(ledger);
    OffsetDateTime now = OffsetDateTime.now(CLOCK);
    RebaselineRecord r =
        store.notice(
            CLINIC,
            "sqlserver",
            "side-by-side",
            UUID.randomUUID(),
            UUID.randomUUID(),
            "7@2026-11-01T02:00",
            Lsn.parse("25000000015300001"),
            "noticed");
    store.recordSpace(r.id(), "free space checked: enough; D:\\", 9_437_184L, 20_000_000_000L);
    store.stillPending(r.id(), "waiting");
    RebaselineRecord pending = store.find(CLINIC, r.newBaseGuid()).orElseThrow();
    assertThat(pending.state()).isEqualTo("pending");
    assertThat(pending.note()).isEqualTo("waiting");
    assertThat(pending.engine()).isEqualTo("sqlserver");
    assertThat(pending.spaceCheck()).isEqualTo("free space checked: enough; D:\\");
    assertThat(pending.spaceNeededBytes()).isEqualTo(9_437_184L);
    assertThat(pending.spaceAvailableBytes()).isEqualTo(20_000_000_000L);
    assertThat(pending.keepsOldCopy()).isFalse();
    store.recordSwap(
        r.id(),
        "riverside_cloudsync_new",
        "riverside_cloudsync_old_202611260600",
        now,
        now.plusDays(7));
    store.finish(r.id(), true, "riverside_cloudsync_old_202611260600", "swapped");
    RebaselineRecord kept = store.find(CLINIC, r.newBaseGuid()).orElseThrow();
    assertThat(kept.temporaryName()).isEqualTo("riverside_cloudsync_new");
    assertThat(kept.swappedAt()).isEqualTo(now);
    assertThat(kept.dropAfter()).isEqualTo(now.plusDays(7));
    assertThat(kept.keepsOldCopy()).isTrue();
    assertThat(store.keptOldCopies(CLINIC)).containsExactly(kept);
    assertThat(store.oldCopiesDue(CLINIC, "sqlserver", now.plusDays(7).minusSeconds(1))).isEmpty();
    assertThat(store.oldCopiesDue(CLINIC, "verify", now.plusDays(8))).isEmpty();
    assertThat(store.oldCopiesDue(CLINIC, "sqlserver", now.plusDays(7))).containsExactly(kept);
    store.recordDropRefused(r.id(), "in use");
    assertThat(store.find(CLINIC, r.newBaseGuid()).orElseThrow().dropNote()).isEqualTo("in use");
    store.recordDropped(r.id(), now.plusDays(7), "dropped");
    RebaselineRecord dropped = store.find(CLINIC, r.newBaseGuid()).orElseThrow();
    assertThat(dropped.droppedAt()).isEqualTo(now.plusDays(7));
    assertThat(dropped.dropNote()).isEqualTo("dropped");
    assertThat(store.keptOldCopies(CLINIC)).isEmpty();
    assertThat(store.oldCopiesDue(CLINIC, "sqlserver", now.plusDays(30))).isEmpty();
  }

  @Test
  void theOldCopyRetentionIsAPlacementSettingWithADefault() {
    addClinic();
    PlacementStore placements = new PlacementStore(ledger);
    assertThat(placements.get(CLINIC).oldCopyRetentionDays())
        .isEqualTo(Placement.DEFAULT_OLD_COPY_RETENTION_DAYS);
    placements.set(CLINIC, Placement.DEFAULT.withOldCopyRetentionDays(0));
    assertThat(placements.get(CLINIC).oldCopyRetentionDays()).isZero();
    placements.set(CLINIC, Placement.DEFAULT.withOldCopyRetentionDays(30));
    assertThat(placements.get(CLINIC)).isEqualTo(Placement.DEFAULT.withOldCopyRetentionDays(30));
    assertThatThrownBy(() -> Placement.DEFAULT.withOldCopyRetentionDays(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theVerifyEnginesOldCopiesRoundTripAndGoWithTheirCenter() {
    addClinic();
    var store = new LedgerVerifyStateStore(ledger);
    var copy =
        new org.cloudsync.restore.DatabaseState(
            org.cloudsync.restore.DatabaseStatus.STANDBY,
            "riverside_cloudsync_old_202611260600",
            Lsn.parse("25000000015300001"),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "Riverside",
            org.cloudsync.format.SoftwareVersion.parse("16.0.1000"),
            "old-identity");
    assertThat(store.oldCopies(CLINIC.value())).isEmpty();
    store.saveOldCopy(CLINIC.value(), copy);
    store.saveOldCopy(CLINIC.value(), copy);
    assertThat(store.oldCopies(CLINIC.value())).containsExactly(copy);
    store.removeOldCopy(CLINIC.value(), "another");
    assertThat(store.oldCopies(CLINIC.value())).containsExactly(copy);
    store.saveOldCopy(CLINIC.value(), copy.withName("second"));
    assertThat(count("verify_old_copies")).isEqualTo(2);
    store.removeOldCopy(CLINIC.value(), copy.name());
    assertThat(store.oldCopies(CLINIC.value())).containsExactly(copy.withName("second"));
    centers.delete(CLINIC);
    assertThat(count("verify_old_copies")).isZero();
  }
}
