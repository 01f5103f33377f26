package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.SpaceCheck;
import org.cloudsync.restore.SpaceCheck.Mode;
import org.junit.jupiter.api.Test;

/** The free-space decision on {@link FreeSpace#VOLUMES_SQL}'s rows: no server needed. */
class FreeSpaceTest {
  private static final long MIB = 1L << 20;

  /** The new full: 8 MiB of data, 1 MiB of log. */
  private static final List<DatabaseFile> NEW =
      List.of(
          new DatabaseFile(1, 1, "Sales", "C:\\SQL\\Sales.mdf", 8 * MIB),
          new DatabaseFile(2, 0, "Sales_log", "C:\\SQL\\Sales_log.ldf", MIB));

  private static Row file(
      int dbId, String db, String path, long size, String mount, long total, long free) {
    return Row.of(
        "database_id", dbId,
        "database_name", db,
        "type_desc", path.endsWith(".ldf") ? "LOG" : "ROWS",
        "physical_name", path,
        "size_bytes", size,
        "volume_mount_point", mount,
        "total_bytes", total,
        "available_bytes", free);
  }

  @Test
  void theQueryIsTheDocumentedDmvOverEveryDatabaseFile() {
    assertThat(FreeSpace.VOLUMES_SQL)
        .isEqualTo(
            "SELECT mf.database_id, DB_NAME(mf.database_id) AS database_name, mf.type_desc,"
                + " mf.physical_name, CAST(mf.size AS bigint) * 8192 AS size_bytes,"
                + " vs.volume_mount_point, vs.total_bytes, vs.available_bytes"
                + " FROM sys.master_files AS mf"
                + " CROSS APPLY sys.dm_os_volume_stats(mf.database_id, mf.file_id) AS vs"
                + " WHERE mf.type IN (0, 1)");
  }

  @Test
  void sideBySideNeedsTheWholeNewCopyOnASharedVolume() {
    List<Row> tight =
        List.of(
            file(7, "Sales", "D:\\Data\\Sales_Sales.mdf", 8 * MIB, "D:\\", 100 * MIB, 9 * MIB - 1),
            file(7, "Sales", "D:\\Logs\\Sales_Sales_log.ldf", MIB, "D:\\", 100 * MIB, 9 * MIB - 1));
    SpaceCheck c = FreeSpace.decide(tight, "Sales", NEW, "D:\\Data", "D:\\Logs", Mode.BESIDE_LIVE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);
    assertThat(c.volumes())
        .containsExactly(
            new SpaceCheck.Volume(
                "data directory D:\\Data, log directory D:\\Logs", "D:\\", 9 * MIB, 9 * MIB - 1));
    Refusal r = c.refusal("the side-by-side re-baseline of database 'Sales'", true);
    assertThat(r.code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
    assertThat(r.message())
        .isEqualTo(
            "the side-by-side re-baseline of database 'Sales' needs more free space than the"
                + " server has; data directory D:\\Data, log directory D:\\Logs on volume D:\\:"
                + " needs 9437184 bytes, 9437183 free");
    assertThat(r.hints()).anyMatch(h -> h.contains("--rebaseline in-place"));

    List<Row> fits =
        List.of(file(7, "Sales", "D:\\Data\\Sales_Sales.mdf", 8 * MIB, "D:\\", 100 * MIB, 9 * MIB));
    SpaceCheck ok = FreeSpace.decide(fits, "Sales", NEW, "D:\\Data", "D:\\Logs", Mode.BESIDE_LIVE);
    // The log directory has no file yet: only the data directory's volume was checked.
    assertThat(ok.outcome()).isEqualTo(SpaceCheck.Outcome.ENOUGH);
    assertThat(ok.volumes())
        .singleElement()
        .satisfies(v -> assertThat(v.neededBytes()).isEqualTo(8 * MIB));
    assertThat(ok.unchecked())
        .containsExactly(
            "log directory D:\\Logs: no database file on the server lies there yet, so its"
                + " volume's free space cannot be read");
    assertThat(ok.refusal("x", true)).isNull();
  }

  @Test
  void dataAndLogOnDifferentVolumesAreCheckedEachOnItsOwn() {
    // 8.5 MiB free for data and 1 MiB for the log: enough apart, not enough if added up.
    List<Row> split =
        List.of(
            file(7, "Sales", "D:\\Data\\Sales_Sales.mdf", 8 * MIB, "D:\\", 100 * MIB, 17 * MIB / 2),
            file(7, "Sales", "L:\\Logs\\Sales_Sales_log.ldf", MIB, "L:\\", 10 * MIB, MIB));
    SpaceCheck c = FreeSpace.decide(split, "Sales", NEW, "D:\\Data", "L:\\Logs", Mode.BESIDE_LIVE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.ENOUGH);
    assertThat(c.volumes())
        .containsExactly(
            new SpaceCheck.Volume("data directory D:\\Data", "D:\\", 8 * MIB, 17 * MIB / 2),
            new SpaceCheck.Volume("log directory L:\\Logs", "L:\\", MIB, MIB));
    assertThat(c.tightest().volume()).isEqualTo("L:\\");

    List<Row> logTight =
        List.of(
            file(7, "Sales", "D:\\Data\\Sales_Sales.mdf", 8 * MIB, "D:\\", 100 * MIB, 50 * MIB),
            file(7, "Sales", "L:\\Logs\\Sales_Sales_log.ldf", MIB, "L:\\", 10 * MIB, MIB - 1));
    SpaceCheck no =
        FreeSpace.decide(logTight, "Sales", NEW, "D:\\Data", "L:\\Logs", Mode.BESIDE_LIVE);
    assertThat(no.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);
    String message = no.refusal("the initial load of database 'Sales'", false).message();
    assertThat(message)
        .contains("log directory L:\\Logs on volume L:\\: needs 1048576 bytes," + " 1048575 free");
    assertThat(message).doesNotContain("D:\\Data");
  }

  @Test
  void inPlaceCountsOnlyWhatTheNewCopyOutgrowsTheLiveFiles() {
    List<Row> same =
        List.of(
            file(7, "Sales", "D:\\Data\\Sales_Sales.mdf", 8 * MIB, "D:\\", 100 * MIB, 0),
            file(7, "Sales", "D:\\Logs\\Sales_Sales_log.ldf", MIB, "D:\\", 100 * MIB, 0));
    SpaceCheck c = FreeSpace.decide(same, "Sales", NEW, "D:\\Data", "D:\\Logs", Mode.REPLACE_LIVE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.ENOUGH);
    assertThat(c.volumes().get(0).neededBytes()).isZero();
    // Side by side the same disk is refused: the live copy stays.
    assertThat(
            FreeSpace.decide(same, "Sales", NEW, "D:\\Data", "D:\\Logs", Mode.BESIDE_LIVE)
                .outcome())
        .isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);

    List<Row> smaller =
        List.of(
            file(7, "Sales", "D:\\Data\\Sales_Sales.mdf", 4 * MIB, "D:\\", 100 * MIB, 4 * MIB - 1),
            file(7, "Sales", "D:\\Logs\\Sales_Sales_log.ldf", MIB, "D:\\", 100 * MIB, 4 * MIB - 1));
    SpaceCheck grow =
        FreeSpace.decide(smaller, "Sales", NEW, "D:\\Data", "D:\\Logs", Mode.REPLACE_LIVE);
    assertThat(grow.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);
    assertThat(grow.volumes().get(0).neededBytes()).isEqualTo(4 * MIB);
    assertThat(grow.refusal("r", false).hints()).noneMatch(h -> h.contains("in-place"));
  }

  @Test
  void aCenterWithoutAReplicaLearnsTheVolumeFromMasterThenFromAnyOtherDatabase() {
    List<Row> rows =
        List.of(
            file(1, "master", "/var/opt/mssql/data/master.mdf", 4 * MIB, null, 50 * MIB, 20 * MIB),
            file(9, "other", "/var/opt/mssql/log/other_log.ldf", MIB, null, 80 * MIB, 30 * MIB),
            file(1, "master", "/var/opt/mssql/data/mastlog.ldf", MIB, null, 50 * MIB, 20 * MIB));
    SpaceCheck c =
        FreeSpace.decide(
            rows, "Sales", NEW, "/var/opt/mssql/data/", "/var/opt/mssql/log", Mode.NEW_DATABASE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.ENOUGH);
    // Linux reports no mount point: different figures, different volumes.
    assertThat(c.volumes())
        .containsExactly(
            new SpaceCheck.Volume(
                "data directory /var/opt/mssql/data/",
                "(no mount point reported; 52428800 bytes in all)",
                8 * MIB,
                20 * MIB),
            new SpaceCheck.Volume(
                "log directory /var/opt/mssql/log",
                "(no mount point reported; 83886080 bytes in all)",
                MIB,
                30 * MIB));
  }

  @Test
  void withoutMountPointsTheSameFiguresAreCountedAsOneVolume() {
    List<Row> rows =
        List.of(
            file(1, "master", "/var/opt/mssql/data/master.mdf", 4 * MIB, "", 50 * MIB, 9 * MIB - 1),
            file(1, "master", "/var/opt/mssql/log/mastlog.ldf", MIB, "", 50 * MIB, 9 * MIB - 1));
    SpaceCheck c =
        FreeSpace.decide(
            rows, "Sales", NEW, "/var/opt/mssql/data", "/var/opt/mssql/log", Mode.NEW_DATABASE);
    assertThat(c.volumes())
        .singleElement()
        .satisfies(v -> assertThat(v.neededBytes()).isEqualTo(9 * MIB));
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);
  }

  @Test
  void noFileInAnyDirectoryMeansTheCheckWasNotPerformedNeverPassed() {
    List<Row> rows =
        List.of(file(1, "master", "C:\\Program Files\\master.mdf", MIB, "C:\\", 9 * MIB, MIB));
    SpaceCheck c = FreeSpace.decide(rows, "Sales", NEW, "E:\\Data", "F:\\Logs", Mode.NEW_DATABASE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_PERFORMED);
    assertThat(c.refusal("x", false)).isNull();
    assertThat(c.describe())
        .startsWith("free space check not performed; not checked: data directory E:\\Data");
  }

  @Test
  void withoutMoveTheBackupsOwnDirectoriesAreCheckedWindowsPathsIgnoringCase() {
    List<Row> rows =
        List.of(file(1, "master", "c:\\sql\\master.mdf", MIB, "C:\\", 99 * MIB, 5 * MIB));
    SpaceCheck c = FreeSpace.decide(rows, "Sales", NEW, null, null, Mode.NEW_DATABASE);
    assertThat(c.volumes())
        .containsExactly(
            new SpaceCheck.Volume("data+log directory C:\\SQL", "C:\\", 9 * MIB, 5 * MIB));
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_ENOUGH);
    assertThat(FreeSpace.key("D:\\Data\\")).isEqualTo(FreeSpace.key("d:/data"));
    assertThat(FreeSpace.key("/var/Data/")).isNotEqualTo(FreeSpace.key("/var/data"));
  }

  @Test
  void aBackupWithoutAFileListCannotBeMeasured() {
    SpaceCheck c =
        FreeSpace.decide(List.of(), "Sales", List.of(), "D:\\Data", "D:\\Logs", Mode.NEW_DATABASE);
    assertThat(c.outcome()).isEqualTo(SpaceCheck.Outcome.NOT_PERFORMED);
    assertThat(c.describe())
        .isEqualTo(
            "free space check not performed; not checked: the backup lists no database files, so"
                + " the room they need is unknown");
    assertThat(FreeSpace.parent("/x.mdf")).isEqualTo("/");
    assertThat(FreeSpace.parent("D:\\Data\\x.mdf")).isEqualTo("D:\\Data");
  }
}
