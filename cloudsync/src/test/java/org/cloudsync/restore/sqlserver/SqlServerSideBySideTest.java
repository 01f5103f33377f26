package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.restore.SyntheticSteps.header;
import static org.cloudsync.restore.SyntheticSteps.lsn;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.BlobVersion;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.cloudsync.ledger.KnownDatabase;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.replay.ApplyPhase;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.replay.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side-by-side re-baseline on the SQL Server engine, end to end at the session seam. The server
 * is a small model behind {@link FakeSqlSession} (none can run on the build machines): databases by
 * name with {@code database_id@create_date} identities, msdb restore history kept by the name
 * restored into (a rename does not carry it), {@code RESTORE} and {@code ALTER DATABASE ... MODIFY
 * NAME} acting on it. It can refuse a rename, and "kill" the process right after its N-th
 * statement.
 */
class SqlServerSideBySideTest {
  private static final Clock CLOCK =
      Clock.fixed(OffsetDateTime.parse("2026-11-26T12:00:00Z").toInstant(), ZoneOffset.UTC);
  private static final CenterId CENTER = new CenterId("center-1");
  private static final UUID BASE = UUID.fromString("5af3e50d-a4e0-4e9b-8aef-fe52898c6359");
  private static final UUID NEW_BASE = UUID.fromString("9c1e7f00-1111-4222-8333-444455556666");
  private static final String TEMP = "Sales_cloudsync_new_9c1e7f00";
  private static final String RETIRED = "Sales_cloudsync_old_202611261200";
  private static final long P = 25000000015300001L;
  private static final long MIB = 1L << 20;
  private static final Placement SIDE_BY_SIDE = Placement.DEFAULT.withServer("db1");

  @TempDir Path tmp;
  private Model server;
  private Ledger ledger;
  private Centers centers;
  private SqlServerEngine engine;
  private final List<Candidate> all = new ArrayList<>();

  /** Thrown right after the model ran the statement it was told to stop after. */
  private static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  /** The scripted server's state and the statements it ran, in order. */
  private static final class Model {
    record Db(int id, Timestamp created, boolean standby, Lsn point, UUID base) {
      Db at(Lsn p, boolean sb) {
        return new Db(id, created, sb, p, base);
      }

      String identity() {
        return id + "@" + created.toLocalDateTime();
      }
    }

    record Restore(int id, String into, String type, Lsn first, Lsn last, UUID set) {}

    final FakeSqlSession session = new FakeSqlSession();
    final Map<String, Db> dbs = new LinkedHashMap<>();
    final List<Restore> history = new ArrayList<>();
    final Map<String, BackupHeader> disks = new HashMap<>();
    final List<String> events = new ArrayList<>();
    int killAfter = -1;
    int killDuring = -1;
    int statements;
    String refuseRename;
    long availableBytes = 500 * MIB;
    private int nextId = 7;
    private int nextHistory = 100;

    Model() {
      FakeSqlSession s = session;
      ScriptedServer.version(s, "15.0.2000.5", 3);
      s.on("RESTORE FILELISTONLY");
      ScriptedServer.noReaders(s);
      s.on(ServerPosition.DATABASE_SQL::equals, p -> dbRow((String) p[0]));
      s.on(ServerPosition.FILES_SQL::equals, p -> files((Integer) p[0]));
      s.on(
          sql -> sql.contains("FROM msdb.dbo.restorehistory") && !sql.contains("= 'D'"),
          p -> last(p, false));
      s.on(sql -> sql.contains("restore_type = 'D'"), p -> last(p, true));
      s.on(FreeSpace.VOLUMES_SQL::equals, p -> volumes());
      s.failStatements(this::run);
    }

    private List<Row> dbRow(String name) {
      Db d = dbs.get(name);
      if (d == null) {
        return List.of();
      }
      return List.of(
          Row.of(
              "database_id",
              d.id(),
              "name",
              name,
              "state_desc",
              d.standby() ? "ONLINE" : "RESTORING",
              "is_in_standby",
              d.standby(),
              "create_date",
              d.created()));
    }

    private List<Row> files(int id) {
      Db d = dbs.values().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
      BigDecimal redo = d.point() == null ? null : new BigDecimal(d.point().toBigInteger());
      return List.of(
          Row.of(
              "file_id",
              1,
              "type_desc",
              "ROWS",
              "redo_start_lsn",
              redo,
              "redo_start_fork_guid",
              null),
          Row.of(
              "file_id",
              2,
              "type_desc",
              "LOG",
              "redo_start_lsn",
              redo,
              "redo_start_fork_guid",
              null));
    }

    private List<Row> last(Object[] names, boolean fullOnly) {
      List<Object> wanted = List.of(names);
      for (int i = history.size() - 1; i >= 0; i--) {
        Restore r = history.get(i);
        if (wanted.contains(r.into()) && (!fullOnly || r.type().equals("D"))) {
          return List.of(
              Row.of(
                  "restore_history_id",
                  r.id(),
                  "restore_date",
                  ScriptedServer.CREATED,
                  "restore_type",
                  r.type(),
                  "destination_database_name",
                  r.into(),
                  "first_lsn",
                  new BigDecimal(r.first().toBigInteger()),
                  "last_lsn",
                  new BigDecimal(r.last().toBigInteger()),
                  "backup_set_uuid",
                  r.set().toString(),
                  "database_name",
                  "Sales",
                  "last_recovery_fork_guid",
                  null,
                  "software_major_version",
                  15,
                  "software_minor_version",
                  0,
                  "software_build_version",
                  2000));
        }
      }
      return List.of();
    }

    private List<Row> volumes() {
      List<Row> rows = new ArrayList<>();
      for (var e : dbs.entrySet()) {
        rows.add(volume(e.getValue().id(), e.getKey(), "ROWS", "D:\\Data\\x.mdf", "D:\\"));
        rows.add(volume(e.getValue().id(), e.getKey(), "LOG", "L:\\Logs\\x.ldf", "L:\\"));
      }
      events.add("free space");
      return rows;
    }

    private Row volume(int id, String db, String type, String path, String mount) {
      return Row.of(
          "database_id",
          id,
          "database_name",
          db,
          "type_desc",
          type,
          "physical_name",
          path,
          "size_bytes",
          MIB,
          "volume_mount_point",
          mount,
          "total_bytes",
          1000 * MIB,
          "available_bytes",
          availableBytes);
    }

    private static final Pattern RESTORE =
        Pattern.compile("RESTORE (DATABASE|LOG) \\[([^\\]]+)\\] FROM DISK = N'([^']+)'.*");
    private static final Pattern RENAME =
        Pattern.compile("ALTER DATABASE \\[([^\\]]+)\\] MODIFY NAME = \\[([^\\]]+)\\]");

    /** Runs a statement on the model; an error is SQL Server's answer. */
    private SQLException run(String sql) {
      events.add(sql);
      Matcher m = RESTORE.matcher(sql);
      Matcher n = RENAME.matcher(sql);
      if (++statements == killDuring) {
        // Stopped inside the statement: a full leaves its database RESTORING with neither
        // restore point nor history; a log or a rename leaves nothing.
        if (m.matches() && m.group(1).equals("DATABASE") && !dbs.containsKey(m.group(2))) {
          dbs.put(
              m.group(2),
              new Db(
                  nextId++,
                  Timestamp.valueOf(LocalDateTime.of(2026, 11, 26, 11, 0)),
                  false,
                  null,
                  null));
        }
        throw new Killed();
      }
      if (m.matches()) {
        BackupHeader h = disks.get(m.group(3));
        boolean standby = sql.contains("STANDBY =");
        String name = m.group(2);
        Db d = dbs.get(name);
        if (h.backupType() == BackupType.FULL) {
          d =
              new Db(
                  nextId++,
                  Timestamp.valueOf(LocalDateTime.of(2026, 11, 26, 12, 0, nextId)),
                  standby,
                  h.lastLsn(),
                  h.backupSetGuid());
        } else {
          d = d.at(h.lastLsn(), standby);
        }
        dbs.put(name, d);
        history.add(
            new Restore(
                nextHistory++,
                name,
                h.backupType() == BackupType.FULL ? "D" : "L",
                h.firstLsn(),
                h.lastLsn(),
                h.backupSetGuid()));
      } else if (n.matches()) {
        if (sql.equals(refuseRename)) {
          return FakeSqlSession.error(
              5030, "The database could not be exclusively locked to perform the operation.");
        }
        dbs.put(n.group(2), dbs.remove(n.group(1)));
      }
      if (statements == killAfter) {
        throw new Killed();
      }
      return null;
    }

    /** The live copy as restored before tonight: standby at P, base BASE, restored as Sales. */
    void liveAt(Lsn p) {
      dbs.put(
          "Sales",
          new Db(nextId++, Timestamp.valueOf(LocalDateTime.of(2026, 11, 1, 2, 0)), true, p, BASE));
      history.add(new Restore(nextHistory++, "Sales", "D", lsn(1000), lsn(2000), BASE));
      history.add(new Restore(nextHistory++, "Sales", "L", lsn(P - 90_000), p, UUID.randomUUID()));
    }
  }

  @BeforeEach
  void open() {
    ledger = Ledger.open("jdbc:h2:file:" + tmp.resolve("ledger"), null, null, CLOCK);
    centers = new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, CLOCK);
    centers.add(
        CENTER, new CenterSettings().name("Center 1").sourceDirectory(tmp).databaseName("Sales"));
    server = new Model();
    engine =
        new SqlServerEngine(
            () -> server.session,
            SqlServerSettings.defaults()
                .withDirectories("D:\\Data", "L:\\Logs")
                .withStandbyDir("D:\\Standby")
                .withPathMap(PathMap.identity(), f -> Path.of("/srv/staging", f.path()))
                .withReaders(Duration.ZERO, 0, Duration.ZERO),
            d -> {});
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private Candidate record(String path, BackupHeader h, FileState state) {
    BackupFile f = new BackupFile(path, h);
    server.disks.put("/srv/staging/" + path, h);
    BlobStore blobs = new BlobStore(ledger);
    BackupFileStore files = new BackupFileStore(ledger);
    long blob =
        blobs
            .recordListed(
                CENTER,
                new BlobVersion(path, "e1", 1, null, OffsetDateTime.parse("2026-11-25T04:00Z")))
            .id();
    long id = files.recordFound(CENTER, blob, path).id();
    files.recordHeader(id, HeaderSummary.of(h));
    files.moveTo(id, FileState.STAGED, null, null, "/srv/staging/" + path);
    Candidate c = new Candidate(files.moveTo(id, FileState.VALIDATED, null, null, null), f);
    if (state != FileState.VALIDATED) {
      files.moveTo(id, state, "earlier", null, null);
    }
    all.add(c);
    return c;
  }

  private static BackupHeader log(long first, long last) {
    return header(BackupType.LOG, "Sales", first, last).build();
  }

  /**
   * The live copy is in standby at P on base BASE; a new full (LastLSN before P) arrived with
   * tonight's log; the log from before the new full to P was applied to the live copy last night.
   */
  private void newFullArrived() {
    server.liveAt(lsn(P));
    record(
        "Sales_FULL_1.bak",
        header(BackupType.FULL, "Sales", 1000, 2000).backupSetGuid(BASE).build(),
        FileState.APPLIED);
    record("Sales_LOG_1.trn", log(P - 90_000, P), FileState.APPLIED);
    record(
        "Sales_FULL_2.bak",
        header(BackupType.FULL, "Sales", P - 50_000, P - 40_000).backupSetGuid(NEW_BASE).build(),
        FileState.VALIDATED);
    record("Sales_LOG_2.trn", log(P, P + 10_000), FileState.VALIDATED);
  }

  private ApplyReport sync() {
    BackupFileStore files = new BackupFileStore(ledger);
    List<Candidate> now =
        all.stream()
            .filter(x -> files.find(x.record().id()).orElseThrow().state() == FileState.VALIDATED)
            .toList();
    List<Candidate> everything =
        all.stream()
            .filter(
                x -> {
                  FileState st = files.find(x.record().id()).orElseThrow().state();
                  return st == FileState.VALIDATED || st == FileState.APPLIED;
                })
            .toList();
    return new ApplyPhase(ledger, CLOCK)
        .run(
            centers.get(CENTER),
            SIDE_BY_SIDE,
            engine,
            now,
            () -> everything,
            engine::statement,
            false);
  }

  private static final List<String> EXPECTED =
      List.of(
          "RESTORE LOG [Sales] FROM DISK = N'/srv/staging/Sales_LOG_2.trn' WITH STANDBY ="
              + " N'D:\\Standby\\Sales_undo.ldf'",
          "free space",
          "RESTORE DATABASE ["
              + TEMP
              + "] FROM DISK = N'/srv/staging/Sales_FULL_2.bak' WITH"
              + " MOVE N'Sales' TO N'D:\\Data\\"
              + TEMP
              + "_Sales.mdf', MOVE N'Sales_log' TO"
              + " N'L:\\Logs\\"
              + TEMP
              + "_Sales_log.ldf', NORECOVERY, STATS = 10",
          "RESTORE LOG ["
              + TEMP
              + "] FROM DISK = N'/srv/staging/Sales_LOG_1.trn' WITH"
              + " NORECOVERY",
          "RESTORE LOG ["
              + TEMP
              + "] FROM DISK = N'/srv/staging/Sales_LOG_2.trn' WITH STANDBY"
              + " = N'D:\\Standby\\"
              + TEMP
              + "_undo.ldf'",
          "ALTER DATABASE [Sales] MODIFY NAME = [" + RETIRED + "]",
          "ALTER DATABASE [" + TEMP + "] MODIFY NAME = [Sales]");

  @Test
  void theNewCopyIsBuiltBesideTheLiveOneThenSwappedInAndEverythingRecorded() {
    newFullArrived();
    String oldIdentity = server.dbs.get("Sales").identity();
    ApplyReport r = sync();
    assertThat(r.stop()).as(String.valueOf(r.stop())).isNull();
    assertThat(server.events).containsExactlyElementsOf(EXPECTED);
    // The live copy is named only by tonight's log and the first rename.
    assertThat(server.events.stream().filter(e -> e.contains("[Sales]")).toList())
        .containsExactly(EXPECTED.get(0), EXPECTED.get(5), EXPECTED.get(6));

    assertThat(server.dbs.keySet()).containsExactlyInAnyOrder("Sales", RETIRED);
    assertThat(server.dbs.get(RETIRED).identity()).isEqualTo(oldIdentity);
    assertThat(server.dbs.get(RETIRED).point()).isEqualTo(lsn(P + 10_000));
    Model.Db live = server.dbs.get("Sales");
    assertThat(live.base()).isEqualTo(NEW_BASE);
    assertThat(live.point()).isEqualTo(lsn(P + 10_000));
    assertThat(live.standby()).isTrue();

    RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
    assertThat(rec.state()).isEqualTo("done");
    assertThat(rec.strategy()).isEqualTo("side-by-side");
    assertThat(rec.engine()).isEqualTo("sqlserver");
    assertThat(rec.temporaryName()).isEqualTo(TEMP);
    assertThat(rec.retiredName()).isEqualTo(RETIRED);
    assertThat(rec.oldIdentity()).isEqualTo(oldIdentity);
    assertThat(rec.swappedAt()).isEqualTo(OffsetDateTime.now(CLOCK));
    assertThat(rec.dropAfter()).isEqualTo(OffsetDateTime.now(CLOCK).plusDays(7));
    assertThat(rec.keepsOldCopy()).isTrue();
    assertThat(rec.spaceCheck()).startsWith("free space checked");
    assertThat(rec.note())
        .startsWith("re-baselined side by side onto full " + NEW_BASE + ": restored as '" + TEMP)
        .contains("kept as '" + RETIRED + "'");

    KnownDatabase known = new ReplayStore(ledger).known(CENTER).orElseThrow();
    assertThat(known.identity()).isEqualTo(live.identity());
    assertThat(known.baseGuid()).isEqualTo(NEW_BASE);
    assertThat(states()).containsEntry("Sales_FULL_2.bak", FileState.APPLIED);
    assertThat(states()).containsEntry("Sales_LOG_2.trn", FileState.APPLIED);
    assertThat(r.after().identity()).isEqualTo(live.identity());

    // The next night goes to the new copy, its history found under the temporary name, and its
    // undo file stays its own (the old copy, in standby, keeps Sales_undo.ldf).
    record("Sales_LOG_3.trn", log(P + 10_000, P + 20_000), FileState.VALIDATED);
    server.events.clear();
    ApplyReport next = sync();
    assertThat(next.stop()).as(String.valueOf(next.stop())).isNull();
    assertThat(server.events)
        .containsExactly(
            "RESTORE LOG [Sales] FROM DISK = N'/srv/staging/Sales_LOG_3.trn' WITH STANDBY ="
                + " N'D:\\Standby\\"
                + TEMP
                + "_undo.ldf'");
    assertThat(server.dbs.get("Sales").point()).isEqualTo(lsn(P + 20_000));
    assertThat(server.dbs.get(RETIRED).point()).isEqualTo(lsn(P + 10_000));
  }

  @Test
  void aRenameTheServerRefusesIsUndoneAndStopsTheCenterWithTheInPlaceHint() {
    newFullArrived();
    String oldIdentity = server.dbs.get("Sales").identity();
    server.refuseRename = EXPECTED.get(6);
    ApplyReport r = sync();
    assertThat(r.stop().code()).isEqualTo(ErrorCode.REBASELINE_UNSUPPORTED);
    assertThat(r.stop().message())
        .startsWith("side-by-side re-baseline stopped: the swap failed and was undone: renaming '")
        .contains("The database could not be exclusively locked")
        .endsWith(
            "; database 'Sales' kept its name and was not changed; the new copy is left as '"
                + TEMP
                + "' for inspection");
    assertThat(r.stop().hints())
        .anyMatch(h -> h.contains("cloudsync center edit center-1 --rebaseline in-place"));
    assertThat(server.events.subList(5, server.events.size()))
        .containsExactly(
            EXPECTED.get(5),
            EXPECTED.get(6),
            "ALTER DATABASE [" + RETIRED + "] MODIFY NAME = [Sales]");
    assertThat(server.dbs.keySet()).containsExactlyInAnyOrder("Sales", TEMP);
    assertThat(server.dbs.get("Sales").identity()).isEqualTo(oldIdentity);
    assertThat(server.dbs.get("Sales").point()).isEqualTo(lsn(P + 10_000));
    assertThat(server.dbs.get(TEMP).base()).isEqualTo(NEW_BASE);

    RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
    assertThat(rec.state()).isEqualTo("pending");
    assertThat(rec.retiredName()).isNull();
    assertThat(rec.swappedAt()).isNull();
    assertThat(rec.temporaryName()).isEqualTo(TEMP);
    assertThat(rec.note()).startsWith("the swap failed and was undone: ");
    assertThat(new ReplayStore(ledger).lastError(CENTER).orElseThrow().code())
        .isEqualTo("REBASELINE_UNSUPPORTED");
    assertThat(new ReplayStore(ledger).known(CENTER).orElseThrow().identity())
        .isEqualTo(oldIdentity);
    assertThat(states()).containsEntry("Sales_FULL_2.bak", FileState.VALIDATED);

    // Once the server allows it, the next sync swaps without restoring anything again.
    server.refuseRename = null;
    server.events.clear();
    ApplyReport again = sync();
    assertThat(again.stop()).as(String.valueOf(again.stop())).isNull();
    assertThat(server.events).containsExactly(EXPECTED.get(5), EXPECTED.get(6));
    assertThat(new RebaselineStore(ledger).list(CENTER).get(0).state()).isEqualTo("done");
  }

  @Test
  void killedAfterAnyStatementTheNextSyncEndsLikeAnUninterruptedRun() {
    Path root = tmp;
    // Six statements: tonight's log, the new full, two logs, two renames ("free space" is a query).
    for (int n = 1; n <= 6; n++) {
      close();
      tmp = root.resolve("kill" + n);
      all.clear();
      open();
      newFullArrived();
      String oldIdentity = server.dbs.get("Sales").identity();
      server.killAfter = n;
      try {
        sync();
        throw new AssertionError("not killed after statement " + n);
      } catch (Killed expected) {
        // the process is gone; the ledger keeps what it committed
      }
      server.killAfter = -1;
      ApplyReport r = sync();
      String at = "killed after statement " + n + ": " + server.events;
      assertThat(r.stop()).as(at + " " + r.stop()).isNull();
      assertThat(server.dbs.keySet()).as(at).containsExactlyInAnyOrder("Sales", RETIRED);
      assertThat(server.dbs.get(RETIRED).identity()).as(at).isEqualTo(oldIdentity);
      assertThat(server.dbs.get("Sales").base()).as(at).isEqualTo(NEW_BASE);
      assertThat(server.dbs.get("Sales").point()).as(at).isEqualTo(lsn(P + 10_000));
      // Tonight's log reached the live copy once; the live copy was never restored over.
      List<String> live = server.events.stream().filter(e -> e.contains("[Sales]")).toList();
      assertThat(live).as(at).startsWith(EXPECTED.get(0));
      assertThat(live.stream().filter(e -> e.startsWith("RESTORE")).count()).as(at).isEqualTo(1);
      RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
      assertThat(rec.state()).as(at).isEqualTo("done");
      assertThat(rec.retiredName()).as(at).isEqualTo(RETIRED);
      assertThat(rec.temporaryName()).as(at).isEqualTo(TEMP);
      assertThat(rec.swappedAt()).as(at).isNotNull();
      assertThat(new ReplayStore(ledger).known(CENTER).orElseThrow().identity())
          .as(at)
          .isEqualTo(server.dbs.get("Sales").identity());
      assertThat(states()).as(at).containsEntry("Sales_FULL_2.bak", FileState.APPLIED);
      assertThat(states()).as(at).containsEntry("Sales_LOG_2.trn", FileState.APPLIED);
      assertThat(new ReplayStore(ledger).lastError(CENTER)).as(at).isEmpty();
    }
  }

  @Test
  void killedInsideAnyStatementTheNextSyncEndsLikeAnUninterruptedRun() {
    Path root = tmp;
    for (int n = 1; n <= 6; n++) {
      close();
      tmp = root.resolve("during" + n);
      all.clear();
      open();
      newFullArrived();
      String oldIdentity = server.dbs.get("Sales").identity();
      server.killDuring = n;
      try {
        sync();
        throw new AssertionError("not killed inside statement " + n);
      } catch (Killed expected) {
        // the process is gone inside the statement
      }
      server.killDuring = -1;
      server.events.clear();
      ApplyReport r = sync();
      String at = "killed inside statement " + n + ": " + server.events;
      assertThat(r.stop()).as(at + " " + r.stop()).isNull();
      assertThat(server.dbs.keySet()).as(at).containsExactlyInAnyOrder("Sales", RETIRED);
      assertThat(server.dbs.get(RETIRED).identity()).as(at).isEqualTo(oldIdentity);
      assertThat(server.dbs.get("Sales").base()).as(at).isEqualTo(NEW_BASE);
      assertThat(server.dbs.get("Sales").point()).as(at).isEqualTo(lsn(P + 10_000));
      assertThat(new RebaselineStore(ledger).list(CENTER).get(0).state()).as(at).isEqualTo("done");
      if (n == 2) {
        // The interrupted full is restored again onto the temporary database, never the live.
        assertThat(server.events.get(0))
            .isEqualTo(EXPECTED.get(2).replace(", NORECOVERY,", ", REPLACE, NORECOVERY,"));
      }
    }
  }

  @Test
  void withoutRoomBesideTheLiveCopyNothingIsRestoredAndTheReBaselineStaysPending() {
    newFullArrived();
    server.availableBytes = 4 * MIB;
    ApplyReport r = sync();
    assertThat(r.stop().code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
    assertThat(r.stop().message())
        .startsWith(
            "re-baseline refused before starting: the side-by-side re-baseline of database"
                + " 'Sales' needs more free space than the server has;")
        .endsWith("; database 'Sales' was not touched");
    assertThat(server.events).containsExactly(EXPECTED.get(0), "free space");
    assertThat(server.dbs.keySet()).containsExactly("Sales");
    RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
    assertThat(rec.state()).isEqualTo("pending");
    assertThat(rec.temporaryName()).isEqualTo(TEMP);
    assertThat(rec.spaceAvailableBytes()).isEqualTo(4 * MIB);
  }

  /** Stops the process right after the swap's first rename (the live name is free). */
  private String killedBetweenTheRenames() {
    newFullArrived();
    String oldIdentity = server.dbs.get("Sales").identity();
    server.killAfter = 5;
    try {
      sync();
      throw new AssertionError("not killed");
    } catch (Killed expected) {
      // between the two renames
    }
    server.killAfter = -1;
    assertThat(server.dbs.keySet()).containsExactlyInAnyOrder(RETIRED, TEMP);
    server.events.clear();
    return oldIdentity;
  }

  @Test
  void aSwapCutBetweenItsRenamesThatCannotBeCompletedIsUndone() {
    String oldIdentity = killedBetweenTheRenames();
    server.refuseRename = EXPECTED.get(6);
    ApplyReport r = sync();
    assertThat(server.events)
        .containsExactly(EXPECTED.get(6), "ALTER DATABASE [" + RETIRED + "] MODIFY NAME = [Sales]");
    assertThat(r.stop().code()).isEqualTo(ErrorCode.REBASELINE_UNSUPPORTED);
    assertThat(r.stop().message()).contains("the swap failed and was undone");
    assertThat(r.stop().hints()).anyMatch(h -> h.contains("--rebaseline in-place"));
    assertThat(server.dbs.get("Sales").identity()).isEqualTo(oldIdentity);
    assertThat(server.dbs.keySet()).containsExactlyInAnyOrder("Sales", TEMP);
    RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
    assertThat(rec.state()).isEqualTo("pending");
    assertThat(rec.retiredName()).isNull();
    assertThat(rec.swapStarted()).isFalse();
  }

  @Test
  void aSwapCutBetweenItsRenamesWhoseOldCopyVanishedStopsWithoutRenamingAnything() {
    killedBetweenTheRenames();
    server.dbs.remove(RETIRED);
    ApplyReport r = sync();
    assertThat(r.stop().code()).isEqualTo(ErrorCode.REBASELINE_UNSUPPORTED);
    assertThat(r.stop().message())
        .startsWith("a swap the ledger recorded as started matches nothing the server shows")
        .contains("'Sales' absent, '" + TEMP + "' identity ")
        .contains("'" + RETIRED + "' absent")
        .endsWith("; cloudsync renames and drops nothing");
    assertThat(server.events).isEmpty();
    assertThat(server.dbs.keySet()).containsExactly(TEMP);
    assertThat(new RebaselineStore(ledger).list(CENTER).get(0).swapStarted()).isTrue();
  }

  @Test
  void aTemporaryNameHeldByAnotherDatabaseIsNeitherRestoredOverNorDropped() {
    newFullArrived();
    server.dbs.put(
        TEMP,
        new Model.Db(
            99, Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 0, 0)), true, lsn(5000), BASE));
    server.history.add(new Model.Restore(1, TEMP, "D", lsn(1000), lsn(5000), BASE));
    ApplyReport r = sync();
    assertThat(r.stop().code()).isEqualTo(ErrorCode.REBASELINE_UNSUPPORTED);
    assertThat(r.stop().message())
        .startsWith(
            "re-baseline stopped: database '"
                + TEMP
                + "' exists but is not the new copy of this"
                + " re-baseline");
    assertThat(server.events).containsExactly(EXPECTED.get(0));
    assertThat(server.dbs.get(TEMP).id()).isEqualTo(99);
  }

  private Map<String, FileState> states() {
    Map<String, FileState> m = new HashMap<>();
    for (var f : new BackupFileStore(ledger).list(CENTER)) {
      m.put(f.entryPath(), f.state());
    }
    return m;
  }
}
