package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.junit.jupiter.api.Test;

class JsonOutputTest {

  @Test
  void headerHasEveryFieldWithStringLsnsLowerCaseGuidsAndIsoDates() {
    BackupHeader h =
        BackupHeader.builder()
            .source(HeaderSource.OFFLINE)
            .backupType(BackupType.DIFFERENTIAL)
            .databaseName("Sales")
            .serverName("SQL1")
            .firstLsn(new Lsn(12881, 1, 2))
            .lastLsn(new Lsn(12881, 3, 4))
            .differentialBaseLsn(new Lsn(12881, 0, 1))
            .differentialBaseGuid(UUID.fromString("F24E3DC4-FB3C-48AA-9360-FC9EE26D1464"))
            .backupSetGuid(UUID.fromString("46B619D2-0F7D-4B9D-BBF8-ACD5AFFC4767"))
            .backupStartDate(LocalDateTime.of(2018, 12, 21, 11, 26, 0))
            .timeZoneOffset(ZoneOffset.ofHours(1))
            .familyCount(2)
            .familySequenceNumber(2)
            .position(3)
            .files(
                List.of(
                    new DatabaseFile(1, 1, "Sales", "C:\\d\\Sales.mdf", 8192),
                    new DatabaseFile(2, 0, "Sales_log", "C:\\d\\Sales_log.ldf", 4096)))
            .unknownFields(Set.of("user_name", "machine_name"))
            .build();
    JsonNode o = JsonOutput.header("x/y.bak", h);
    assertThat(o.get("path").asText()).isEqualTo("x/y.bak");
    assertThat(o.get("type").asText()).isEqualTo("diff");
    assertThat(o.get("backup_type").asInt()).isEqualTo(5);
    assertThat(o.get("first_lsn").isTextual()).isTrue();
    assertThat(o.get("first_lsn").asText()).isEqualTo("12881000000000100002");
    assertThat(o.get("differential_base_lsn").asText()).isEqualTo("12881000000000000001");
    assertThat(o.get("differential_base_guid").asText())
        .isEqualTo("f24e3dc4-fb3c-48aa-9360-fc9ee26d1464");
    assertThat(o.get("backup_set_guid").asText()).isEqualTo("46b619d2-0f7d-4b9d-bbf8-acd5affc4767");
    assertThat(o.get("backup_start_date").asText()).isEqualTo("2018-12-21T11:26:00");
    assertThat(o.get("backup_start").asText()).isEqualTo("2018-12-21T11:26:00+01:00");
    assertThat(o.get("time_zone_offset").asText()).isEqualTo("+01:00");
    assertThat(o.get("family_sequence_number").asInt()).isEqualTo(2);
    assertThat(o.get("position").asInt()).isEqualTo(3);
    assertThat(o.get("user_name").isNull()).isTrue();
    assertThat(o.get("media_family_id").isNull()).isTrue();
    assertThat(o.get("copy_only").isNull()).isTrue();
    assertThat(o.get("source").asText()).isEqualTo("offline");
    assertThat(o.get("files")).hasSize(2);
    assertThat(o.get("files").get(1).get("type").asText()).isEqualTo("log");
    assertThat(o.get("files").get(1).get("logical_name").asText()).isEqualTo("Sales_log");
    assertThat(o.get("files").get(0).get("physical_name").asText()).isEqualTo("C:\\d\\Sales.mdf");
    assertThat(o.get("unknown_fields").toString()).isEqualTo("[\"machine_name\",\"user_name\"]");
  }
}
