package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.restore.SyntheticSteps.header;
import static org.cloudsync.restore.SyntheticSteps.log;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.cloudsync.center.Centers;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.replay.Candidate;
import org.cloudsync.restore.SyntheticSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-space pre-flight of the apply phase on the SQL Server engine (scripted at the session
 * seam): an in-place re-baseline and an initial load are refused with the figures before anything
 * is restored when a volume is too small, and recorded; with room they run.
 */
class SqlServerRebaselineApplyTest {
  private static final Clock CLOCK = ScriptedApply.CLOCK;
  private static final CenterId CENTER = ScriptedApply.CENTER;
  private static final String BASE = ScriptedApply.BASE;
  private static final long P = 25000000015300001L;
  private static final long MIB = 1L << 20;
  private static final Placement IN_WINDOW =
      Placement.DEFAULT
          .withServer("db1")
          .withRebaseline(Placement.RebaselineStrategy.IN_PLACE)
          .withMaintenanceWindow(LocalTime.of(0, 0), LocalTime.of(23, 59));

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

  /** The live copy's files: {@code dataBytes} in D:\Data, 1 MiB of log in L:\Logs. */
  private void volumes(long dataBytes, long dataFree, long logFree) {
    s.on(
        FreeSpace.VOLUMES_SQL,
        Row.of(
            "database_id",
            7,
            "database_name",
            "Sales",
            "type_desc",
            "ROWS",
            "physical_name",
            "D:\\Data\\Sales_Sales.mdf",
            "size_bytes",
            dataBytes,
            "volume_mount_point",
            "D:\\",
            "total_bytes",
            100 * MIB,
            "available_bytes",
            dataFree),
        Row.of(
            "database_id",
            7,
            "database_name",
            "Sales",
            "type_desc",
            "LOG",
            "physical_name",
            "L:\\Logs\\Sales_Sales_log.ldf",
            "size_bytes",
            MIB,
            "volume_mount_point",
            "L:\\",
            "total_bytes",
            10 * MIB,
            "available_bytes",
            logFree));
  }

  private void restoringAt(long p) {
    fixture.restoringAt(p);
  }

  private Candidate validate(RestoreStep step) {
    return fixture.validate(step);
  }

  private ApplyReport apply(Placement placement) {
    return fixture.apply(placement, false);
  }

  /** The database RESTORING at P on base BASE (applied earlier), a new full validated. */
  private void newFullArrived() {
    restoringAt(P);
    Candidate base =
        validate(
            SyntheticSteps.step(
                "Sales_FULL_1.bak",
                header(BackupType.FULL, "Sales", 1000, 2000)
                    .backupSetGuid(UUID.fromString(BASE))
                    .build()));
    new BackupFileStore(ledger)
        .moveTo(base.record().id(), FileState.APPLIED, "earlier", null, null);
    validated.remove(base);
    validate(
        SyntheticSteps.step(
            "Sales_FULL_2.bak",
            header(BackupType.FULL, "Sales", P - 50_000, P - 40_000)
                .backupSetGuid(UUID.randomUUID())
                .build()));
  }

  @Test
  void anInPlaceRebaselineWithoutRoomIsRefusedBeforeStartingWithTheFigures() {
    newFullArrived();
    // The new data file is 8 MiB, the live one 2 MiB: in place grows it by 6 MiB; 5 MiB free.
    volumes(2 * MIB, 5 * MIB, 5 * MIB);
    ApplyReport r = apply(IN_WINDOW);
    assertThat(r.stop().code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
    assertThat(r.stop().message())
        .isEqualTo(
            "re-baseline refused before starting: the in-place re-baseline of database 'Sales'"
                + " needs more free space than the server has; data directory D:\\Data on volume"
                + " D:\\: needs 6291456 bytes, 5242880 free; database 'Sales' was not touched");
    assertThat(r.stop().hints()).noneMatch(h -> h.contains("--rebaseline in-place"));
    assertThat(s.executed("RESTORE")).isEmpty();
    RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
    assertThat(rec.state()).isEqualTo("pending");
    assertThat(rec.engine()).isEqualTo("sqlserver");
    assertThat(rec.strategy()).isEqualTo("in-place");
    assertThat(rec.note()).startsWith("refused before starting: the in-place re-baseline");
    assertThat(rec.spaceNeededBytes()).isEqualTo(6 * MIB);
    assertThat(rec.spaceAvailableBytes()).isEqualTo(5 * MIB);
    assertThat(rec.spaceCheck())
        .isEqualTo(
            "free space checked, in place, WITH REPLACE reuses the live copy's files: not enough;"
                + " data directory D:\\Data on volume D:\\: needs 6291456 bytes, 5242880 free;"
                + " log directory L:\\Logs on volume L:\\: needs 0 bytes, 5242880 free");
    assertThat(new ReplayStore(ledger).lastError(CENTER).orElseThrow().code())
        .isEqualTo("SERVER_DISK_FULL");
  }

  @Test
  void withRoomTheInPlaceRebaselineRunsAndSaysNoOldCopyIsKept() {
    newFullArrived();
    volumes(8 * MIB, 0, 0);
    ApplyReport r = apply(IN_WINDOW);
    assertThat(r.stop()).as(String.valueOf(r.stop())).isNull();
    assertThat(s.executed("RESTORE DATABASE"))
        .singleElement()
        .asString()
        .startsWith("RESTORE DATABASE [Sales] FROM DISK")
        .contains("REPLACE");
    RebaselineRecord rec = new RebaselineStore(ledger).list(CENTER).get(0);
    assertThat(rec.state()).isEqualTo("done");
    assertThat(rec.retiredName()).isNull();
    assertThat(rec.note()).endsWith("none is kept and no retention applies");
    assertThat(rec.spaceCheck()).contains(": enough;");
    assertThat(rec.spaceNeededBytes()).isZero();
  }

  @Test
  void anInitialLoadWithoutRoomIsRefusedAndNothingIsRestored() {
    ScriptedServer.absent(s);
    s.on(
        FreeSpace.VOLUMES_SQL,
        Row.of(
            "database_id",
            9,
            "database_name",
            "Other",
            "type_desc",
            "ROWS",
            "physical_name",
            "D:\\Data\\Other.mdf",
            "size_bytes",
            MIB,
            "volume_mount_point",
            "D:\\",
            "total_bytes",
            100 * MIB,
            "available_bytes",
            8 * MIB - 1));
    validate(SyntheticSteps.full("Sales", UUID.randomUUID(), 1000, 2000));
    validate(log("Sales", 1500, 3000));
    ApplyReport r = apply(Placement.DEFAULT.withServer("db1"));
    assertThat(r.stop().code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
    assertThat(r.stop().message())
        .isEqualTo(
            "initial load refused before starting: the initial load of database 'Sales' needs"
                + " more free space than the server has; data directory D:\\Data on volume D:\\:"
                + " needs 8388608 bytes, 8388607 free");
    assertThat(r.notes())
        .anyMatch(
            n ->
                n.startsWith("initial load: free space checked, initial load, every file new: not")
                    && n.endsWith(
                        "; not checked: log directory L:\\Logs: no database file on the server"
                            + " lies there yet, so its volume's free space cannot be read"));
    assertThat(s.executed("RESTORE")).isEmpty();
    assertThat(new BackupFileStore(ledger).list(CENTER, FileState.VALIDATED)).hasSize(2);
  }
}
