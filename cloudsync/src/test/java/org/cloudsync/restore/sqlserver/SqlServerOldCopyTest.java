package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.OldCopyDrop;
import org.cloudsync.restore.SpaceCheck;
import org.cloudsync.restore.SyntheticSteps;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;

/** The SQL Server engine's free-space pre-flight and drop of old copies, at the session seam. */
class SqlServerOldCopyTest {
  private static final TargetDatabase SALES = TargetDatabase.of("center-1", "Sales");
  private static final String OLD = "Sales_cloudsync_old_202611260307";
  private static final long MIB = 1L << 20;

  private final FakeSqlSession s = new FakeSqlSession();
  private final List<Duration> slept = new ArrayList<>();
  private final SqlServerEngine engine =
      new SqlServerEngine(
          () -> s,
          SqlServerSettings.defaults()
              .withDirectories("D:\\Data", "L:\\Logs")
              .withPathMap(
                  PathMap.parse(List.of("/srv/staging=\\\\files\\staging")),
                  f -> Path.of("/srv/staging/center-1", f.path()))
              .withReaders(Duration.ofSeconds(10), 1, Duration.ofSeconds(1)),
          slept::add);

  private FakeSqlSession oldCopy(int id) {
    return s.on(
        sql -> sql.equals(ServerPosition.DATABASE_SQL),
        p ->
            p[0].equals(OLD)
                ? List.of(
                    Row.of(
                        "database_id",
                        id,
                        "name",
                        OLD,
                        "state_desc",
                        "ONLINE",
                        "is_in_standby",
                        true,
                        "create_date",
                        ScriptedServer.CREATED))
                : List.of());
  }

  private static String identity(int id) {
    return ServerPosition.identity(
        Row.of("database_id", id, "create_date", ScriptedServer.CREATED));
  }

  @Test
  void anOldCopyWithTheRecordedIdentityIsDroppedAfterItsReadersLeft() {
    oldCopy(12).on(ReaderSessions.SESSIONS_SQL, Row.of("session_id", 61));
    OldCopyDrop d = engine.dropOldCopy(SALES, OLD, identity(12));
    assertThat(d.kind()).isEqualTo(OldCopyDrop.Kind.DROPPED);
    assertThat(d.message()).isEqualTo("dropped old copy '" + OLD + "'");
    assertThat(s.executed)
        .containsExactly("KILL 61", "DROP DATABASE [Sales_cloudsync_old_202611260307]");
    assertThat(s.queryParams.get(0)).containsExactly(OLD);
  }

  @Test
  void aDatabaseOfThatNameWithAnotherIdentityIsNeverDropped() {
    oldCopy(13);
    OldCopyDrop d = engine.dropOldCopy(SALES, OLD, identity(12));
    assertThat(d.kind()).isEqualTo(OldCopyDrop.Kind.NOT_OURS);
    assertThat(d.message())
        .isEqualTo(
            "database '"
                + OLD
                + "' has identity "
                + identity(13)
                + ", not the "
                + identity(12)
                + " recorded when cloudsync kept it; not dropped");
    assertThat(s.executed).isEmpty();
  }

  @Test
  void aCopyAlreadyGoneIsReportedAndTheLiveNameIsNeverDropped() {
    oldCopy(12);
    assertThat(engine.dropOldCopy(SALES, "Sales_cloudsync_old_202601010000", "x").kind())
        .isEqualTo(OldCopyDrop.Kind.GONE);
    OldCopyDrop live = engine.dropOldCopy(SALES, "Sales", identity(12));
    assertThat(live.kind()).isEqualTo(OldCopyDrop.Kind.NOT_OURS);
    assertThat(s.queried).hasSize(1);
    assertThat(s.executed).isEmpty();
  }

  @Test
  void aFailedDropIsReportedWithTheServersReason() {
    oldCopy(12)
        .on(ReaderSessions.SESSIONS_SQL)
        .failStatements(
            sql ->
                sql.startsWith("DROP")
                    ? FakeSqlSession.error(
                        3702,
                        "Cannot drop database \"" + OLD + "\" because it is currently in use.")
                    : null);
    OldCopyDrop d = engine.dropOldCopy(SALES, OLD, identity(12));
    assertThat(d.kind()).isEqualTo(OldCopyDrop.Kind.FAILED);
    assertThat(d.message()).startsWith("dropping old copy '" + OLD + "' failed: ").contains("3702");
  }

  @Test
  void theFreeSpaceCheckReadsTheVolumesAndTheFileListWhenTheHeaderHasNone() {
    RestoreStep full =
        SyntheticSteps.step(
            "Sales_FULL.bak",
            SyntheticSteps.header(BackupType.FULL, "Sales", 1000, 2000)
                .backupSetGuid(UUID.randomUUID())
                .files(List.of())
                .build());
    s.on(
            "RESTORE FILELISTONLY",
            Row.of(
                "FileId",
                1,
                "FileGroupId",
                1,
                "Type",
                "D",
                "LogicalName",
                "Sales",
                "PhysicalName",
                "C:\\SQL\\Sales.mdf",
                "Size",
                8 * MIB),
            Row.of(
                "FileId",
                2,
                "FileGroupId",
                0,
                "Type",
                "L",
                "LogicalName",
                "Sales_log",
                "PhysicalName",
                "C:\\SQL\\Sales_log.ldf",
                "Size",
                MIB))
        .on(
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
                8 * MIB,
                "volume_mount_point",
                "D:\\",
                "total_bytes",
                100 * MIB,
                "available_bytes",
                7 * MIB),
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
                5 * MIB));
    SpaceCheck c = engine.checkSpace(SALES, full, SpaceCheck.Mode.BESIDE_LIVE);
    assertThat(s.queried)
        .containsExactly(
            "RESTORE FILELISTONLY FROM DISK = N'\\\\files\\staging\\center-1\\Sales_FULL.bak'"
                + " WITH FILE = 1",
            FreeSpace.VOLUMES_SQL);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);
    assertThat(c.describe())
        .isEqualTo(
            "free space checked, side by side, the live copy stays beside the new one: not"
                + " enough; data directory D:\\Data on volume D:\\: needs 8388608 bytes, 7340032"
                + " free; log directory L:\\Logs on volume L:\\: needs 1048576 bytes, 5242880"
                + " free");
  }

  @Test
  void aCheckTheServerDeniesIsNotPerformedWithTheReason() {
    s.failOn(
        "SELECT mf.database_id",
        FakeSqlSession.error(
            300, "VIEW SERVER STATE permission was denied on object 'server', database 'master'."));
    SpaceCheck c =
        engine.checkSpace(
            SALES,
            SyntheticSteps.full("Sales", UUID.randomUUID(), 1, 2),
            SpaceCheck.Mode.REPLACE_LIVE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_PERFORMED);
    assertThat(c.unchecked())
        .singleElement()
        .asString()
        .startsWith("the server's free space cannot be read: ")
        .contains("VIEW SERVER STATE permission was denied")
        .endsWith("(the service login needs VIEW SERVER STATE)");
    assertThat(c.refusal("x", false)).isNull();
  }
}
