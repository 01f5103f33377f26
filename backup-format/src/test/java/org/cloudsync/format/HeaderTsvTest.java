package org.cloudsync.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The TSV conventions of {@code headers.tsv}, on headers built in code. */
class HeaderTsvTest {
  private static final UUID SET = UUID.fromString("46B619D2-0F7D-4B9D-BBF8-ACD5AFFC4767");
  private static final UUID BASE = UUID.fromString("f24e3dc4-fb3c-48aa-9360-fc9ee26d1464");

  private static BackupHeader.Builder base() {
    return BackupHeader.builder()
        .backupType(BackupType.LOG)
        .databaseName("db")
        .serverName("SRV\\INST")
        .firstLsn(Lsn.parse("12881000000123400001"))
        .lastLsn(Lsn.parse("4294967295000000000000001"))
        .checkpointLsn(Lsn.parse("25000000006200170"))
        .databaseBackupLsn(Lsn.ZERO)
        .backupStartDate(LocalDateTime.of(2017, 6, 1, 9, 5, 7))
        .backupFinishDate(LocalDateTime.of(2017, 6, 1, 9, 5, 8))
        .backupSetGuid(SET)
        .softwareVersion(new SoftwareVersion(13, 0, 5081))
        .position(3)
        .familyCount(2)
        .familySequenceNumber(2);
  }

  @Test
  void theHeaderLineNamesTheCorpusColumns() {
    assertThat(HeaderTsv.headerLine())
        .startsWith("path\tbackup_type\tdatabase_name\t")
        .endsWith("\thas_checksums\tmedia_password_protected\tposition")
        .doesNotContain("\n");
    assertThat(HeaderTsv.headerLine().split("\t")).hasSize(20);
  }

  @Test
  void aLogRowLeavesTheDifferentialFieldsEmptyEvenWhenTheyAreSet() {
    String row =
        HeaderTsv.row(
            "dir/a.trn",
            base()
                .differentialBaseLsn(Lsn.parse("24000000006800099"))
                .differentialBaseGuid(BASE)
                .recoveryModel(RecoveryModel.BULK_LOGGED)
                .mediaPasswordProtected(true)
                .build());
    assertThat(row.split("\t", -1))
        .containsExactly(
            "dir/a.trn",
            "2",
            "db",
            "SRV\\INST",
            "12881000000123400001",
            "4294967295000000000000001",
            "25000000006200170",
            "0",
            "",
            "2017-06-01 09:05:07",
            "2017-06-01 09:05:08",
            "2",
            "2",
            "46b619d2-0f7d-4b9d-bbf8-acd5affc4767",
            "",
            "BULK_LOGGED",
            "13.0.5081",
            "false",
            "true",
            "3");
  }

  @Test
  void aDifferentialRowCarriesItsBaseAndTextCannotBreakTheRow() {
    String row =
        HeaderTsv.row(
            "x\ty.bak",
            base()
                .backupType(BackupType.DIFFERENTIAL)
                .databaseName("a\tb\nc")
                .differentialBaseLsn(Lsn.parse("24000000006800099"))
                .differentialBaseGuid(BASE)
                .hasChecksums(true)
                .build());
    String[] f = row.split("\t", -1);
    assertThat(f).hasSize(20);
    assertThat(f[0]).isEqualTo("x y.bak");
    assertThat(f[1]).isEqualTo("5");
    assertThat(f[2]).isEqualTo("a b c");
    assertThat(f[8]).isEqualTo("24000000006800099");
    assertThat(f[14]).isEqualTo(BASE.toString());
    assertThat(f[17]).isEqualTo("true");
  }

  @Test
  void datesArePaddedAndYearsOutsideFourDigitsStillPrint() {
    String[] early =
        HeaderTsv.row(
                "a.trn",
                base()
                    .backupStartDate(LocalDateTime.of(2001, 1, 2, 0, 0, 9))
                    .backupFinishDate(LocalDateTime.of(9999, 12, 31, 23, 59, 59))
                    .build())
            .split("\t", -1);
    assertThat(early[9]).isEqualTo("2001-01-02 00:00:09");
    assertThat(early[10]).isEqualTo("9999-12-31 23:59:59");
    String[] odd =
        HeaderTsv.row(
                "a.trn",
                base()
                    .backupStartDate(LocalDateTime.of(999, 3, 4, 5, 6, 7))
                    .backupFinishDate(LocalDateTime.of(10000, 3, 4, 5, 6, 7))
                    .build())
            .split("\t", -1);
    assertThat(odd[9]).isEqualTo("0999-03-04 05:06:07");
    assertThat(odd[10]).isEqualTo("+10000-03-04 05:06:07");
  }
}
