package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;
import org.junit.jupiter.api.Test;

/** RESTORE LABELONLY/HEADERONLY/FILELISTONLY rows (as the RestoreTimeClean diff would give). */
class ServerHeadersTest {
  private static final byte[] TDE = new byte[20];

  static {
    TDE[19] = 0x7F;
  }

  private static FakeSqlSession server() {
    Timestamp start = Timestamp.valueOf(LocalDateTime.of(2017, 6, 1, 13, 14, 13));
    return new FakeSqlSession()
        .on(
            "RESTORE LABELONLY",
            Row.of(
                "FamilyCount", 1,
                "FamilySequenceNumber", 1,
                "MediaSetId", "8BC1D7C0-0000-4000-8000-000000000001"))
        .on(
            "RESTORE HEADERONLY",
            Row.of(
                "BackupType",
                5,
                "Position",
                1,
                "DatabaseName",
                "RestoreTimeClean",
                "ServerName",
                "SQL2008",
                "MachineName",
                "SQL2008",
                "UserName",
                "sa",
                "FirstLSN",
                new BigDecimal("25000000017300038"),
                "LastLSN",
                new BigDecimal("25000000019000001"),
                "CheckpointLSN",
                new BigDecimal("25000000017300038"),
                "DatabaseBackupLSN",
                new BigDecimal("25000000006200170"),
                "DifferentialBaseLSN",
                new BigDecimal("25000000006200170"),
                "DifferentialBaseGUID",
                "5AF3E50D-A4E0-4E9B-8AEF-FE52898C6359",
                "BackupSetGUID",
                "0C0AD1C0-E5D9-4A8A-83EE-845BAEC10D94",
                "RecoveryForkID",
                "11111111-2222-3333-4444-555555555555",
                "BackupStartDate",
                start,
                "BackupFinishDate",
                start,
                "SoftwareVersionMajor",
                10,
                "SoftwareVersionMinor",
                50,
                "SoftwareVersionBuild",
                1600,
                "RecoveryModel",
                "FULL",
                "HasBackupChecksums",
                false,
                "Compressed",
                1,
                "IsCopyOnly",
                false,
                "BackupSize",
                3_000_000L,
                "CompressedBackupSize",
                400_000L))
        .on(
            "RESTORE FILELISTONLY",
            Row.of(
                "LogicalName",
                "RestoreTimeClean",
                "PhysicalName",
                "C:\\Data\\RestoreTimeClean.mdf",
                "Type",
                "D",
                "FileGroupId",
                1,
                "Size",
                2_359_296L,
                "FileId",
                1,
                "TDEThumbprint",
                TDE),
            Row.of(
                "LogicalName",
                "RestoreTimeClean_log",
                "PhysicalName",
                "C:\\Data\\RestoreTimeClean_log.LDF",
                "Type",
                "L",
                "FileGroupId",
                0,
                "Size",
                1_048_576L,
                "FileId",
                2,
                "TDEThumbprint",
                TDE));
  }

  @Test
  void headerOnlyRowsBecomeServerSourcedHeaders() {
    FakeSqlSession s = server();
    List<ServerHeaders.ServerBackupSet> sets =
        ServerHeaders.read(s, "RestoreTimeClean2.bak", "/var/opt/mssql/staging/it's.bak");
    assertThat(s.queried)
        .containsExactly(
            "RESTORE LABELONLY FROM DISK = N'/var/opt/mssql/staging/it''s.bak'",
            "RESTORE HEADERONLY FROM DISK = N'/var/opt/mssql/staging/it''s.bak'",
            "RESTORE FILELISTONLY FROM DISK = N'/var/opt/mssql/staging/it''s.bak' WITH FILE = 1");
    assertThat(sets).hasSize(1);
    BackupHeader h = sets.get(0).header();
    assertThat(h.source()).isEqualTo(HeaderSource.SERVER);
    assertThat(h.backupType()).isEqualTo(BackupType.DIFFERENTIAL);
    assertThat(h.firstLsn()).isEqualTo(Lsn.parse("25000000017300038"));
    assertThat(h.lastLsn()).isEqualTo(Lsn.parse("25000000019000001"));
    assertThat(h.differentialBaseGuid())
        .isEqualTo(UUID.fromString("5af3e50d-a4e0-4e9b-8aef-fe52898c6359"));
    assertThat(h.backupSetGuid())
        .isEqualTo(UUID.fromString("0c0ad1c0-e5d9-4a8a-83ee-845baec10d94"));
    assertThat(h.softwareVersion()).isEqualTo(new SoftwareVersion(10, 50, 1600));
    assertThat(h.recoveryModel()).isEqualTo(RecoveryModel.FULL);
    assertThat(h.compressed()).isTrue();
    assertThat(h.backupStartDate()).isEqualTo(LocalDateTime.of(2017, 6, 1, 13, 14, 13));
    assertThat(h.files()).hasSize(2);
    assertThat(h.files().get(1).isLog()).isTrue();
    assertThat(h.files().get(0).logicalName()).isEqualTo("RestoreTimeClean");
    assertThat(sets.get(0).tdeThumbprint().toString())
        .isEqualTo("0x000000000000000000000000000000000000007F");
  }

  @Test
  void whatTheServerCannotReadIsATypedError() {
    FakeSqlSession failing =
        new FakeSqlSession()
            .failQueries(
                sql ->
                    new java.sql.SQLException(
                        "The media family on device 'x' is incorrectly formed.", "S0001", 3241));
    assertThatThrownBy(() -> ServerHeaders.read(failing, "x.bak", "/x.bak"))
        .isInstanceOf(CloudsyncException.class)
        .hasMessage(
            "'x.bak': SQL Server cannot read its header: error 3241: The media family on"
                + " device 'x' is incorrectly formed.")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.BACKUP_MEDIA_INVALID);
  }

  @Test
  void stripedFileListNamesEveryFamily() {
    assertThat(ServerHeaders.fileListOnly(List.of("/a/1.bak", "/b/2.bak"), 3))
        .isEqualTo(
            "RESTORE FILELISTONLY FROM DISK = N'/a/1.bak', DISK = N'/b/2.bak' WITH FILE = 3");
  }
}
