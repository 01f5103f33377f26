package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.restore.ApplyOptions.Finish;
import org.cloudsync.restore.Refusal;
import org.junit.jupiter.api.Test;

class VersionRulesTest {
  private static final ServerInfo SQL2019_DEV =
      new ServerInfo("15.0.2000.5", 15, 0, 3, "Developer Edition (64-bit)");
  private static final ServerInfo SQL2017_STD =
      new ServerInfo("14.0.3456.2", 14, 0, 2, "Standard Edition (64-bit)");
  private static final ServerInfo SQL2019_STD =
      new ServerInfo("15.0.4000.1", 15, 0, 2, "Standard Edition (64-bit)");
  private static final ServerInfo AZURE_DB = new ServerInfo("12.0.2000.8", 12, 0, 5, "SQL Azure");
  private static final SoftwareVersion R2 = new SoftwareVersion(10, 50, 1600);
  private static final SoftwareVersion V2016 = new SoftwareVersion(13, 0, 5081);
  private static final SoftwareVersion V2019 = new SoftwareVersion(15, 0, 2000);
  private static final SoftwareVersion V2022 = new SoftwareVersion(16, 0, 1000);

  private static ErrorCode code(Refusal r) {
    return r == null ? null : r.code();
  }

  @Test
  void olderBackupsRestoreButOnlyTheSameVersionCanStandBy() {
    assertThat(VersionRules.check(SQL2019_DEV, R2, Finish.NORECOVERY, false)).isNull();
    assertThat(VersionRules.check(SQL2019_DEV, V2016, Finish.RECOVERY, false)).isNull();
    assertThat(VersionRules.check(SQL2019_DEV, V2019, Finish.STANDBY, false)).isNull();
    Refusal r = VersionRules.check(SQL2019_DEV, R2, Finish.STANDBY, false);
    assertThat(r.code()).isEqualTo(ErrorCode.STANDBY_ACROSS_VERSIONS);
    assertThat(r.sqlServerError()).isEqualTo(3180);
    assertThat(VersionRules.standbyPossible(SQL2019_DEV, R2)).isFalse();
    assertThat(VersionRules.standbyPossible(SQL2019_DEV, new SoftwareVersion(15, 0, 4000)))
        .isTrue();
  }

  @Test
  void newerBackupsAreRefusedNamingBothVersions() {
    Refusal r = VersionRules.check(SQL2019_DEV, V2022, Finish.NORECOVERY, false);
    assertThat(r.code()).isEqualTo(ErrorCode.SERVER_VERSION_TOO_OLD);
    assertThat(r.message())
        .isEqualTo(
            "the backup was taken on SQL Server 2022 (16.0.1000) and the target is SQL Server 2019"
                + " (15.0.2000.5, Developer Edition (64-bit)); SQL Server cannot restore a backup"
                + " of a newer version");
    ServerInfo sql2008 = new ServerInfo("10.0.6000.29", 10, 0, 3, "Enterprise Edition");
    assertThat(code(VersionRules.check(sql2008, R2, Finish.NORECOVERY, false)))
        .isEqualTo(ErrorCode.SERVER_VERSION_TOO_OLD);
    assertThat(
            code(
                VersionRules.check(
                    SQL2019_DEV, new SoftwareVersion(9, 0, 5000), Finish.NORECOVERY, false)))
        .isEqualTo(ErrorCode.SERVER_VERSION_TOO_OLD);
  }

  @Test
  void tdeNeedsEnterpriseBefore2019() {
    assertThat(code(VersionRules.check(SQL2017_STD, V2016, Finish.NORECOVERY, true)))
        .isEqualTo(ErrorCode.EDITION_UNSUPPORTED);
    assertThat(VersionRules.check(SQL2017_STD, V2016, Finish.NORECOVERY, false)).isNull();
    assertThat(VersionRules.check(SQL2019_STD, V2016, Finish.NORECOVERY, true)).isNull();
    assertThat(VersionRules.check(SQL2019_DEV, V2016, Finish.NORECOVERY, true)).isNull();
  }

  @Test
  void azureSqlDatabaseCannotRestoreFromDisk() {
    assertThat(code(VersionRules.check(AZURE_DB, R2, Finish.NORECOVERY, false)))
        .isEqualTo(ErrorCode.EDITION_UNSUPPORTED);
  }

  @Test
  void serverPropertiesParse() {
    ServerInfo i =
        ServerInfo.fromRow(
            Row.of("ProductVersion", "10.50.6000.34", "EngineEdition", 3, "Edition", "Enterprise"));
    assertThat(i.major()).isEqualTo(10);
    assertThat(i.minor()).isEqualTo(50);
    assertThat(i.describe()).isEqualTo("SQL Server 2008 R2 (10.50.6000.34, Enterprise)");
  }
}
