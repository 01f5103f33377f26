package org.cloudsync.format.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;

/**
 * The corpus's expected headers ({@code backups/headers.tsv}) as planner input, so the planner is
 * tested on every real set without depending on the binary reader.
 */
final class HeadersTsv {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private HeadersTsv() {}

  /** One file per row, with the row's {@code path} as path. */
  static List<BackupFile> read(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    String[] names = lines.get(0).split("\t", -1);
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      column.put(names[i], i);
    }
    List<BackupFile> files = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isEmpty()) {
        continue;
      }
      String[] v = line.split("\t", -1);
      Map<String, String> row = new HashMap<>();
      column.forEach((name, i) -> row.put(name, v[i]));
      files.add(new BackupFile(row.get("path"), header(row)));
    }
    return files;
  }

  private static BackupHeader header(Map<String, String> row) {
    return BackupHeader.builder()
        .source(HeaderSource.SYNTHETIC)
        .backupType(BackupType.fromHeaderOnlyCode(Integer.parseInt(row.get("backup_type"))))
        .databaseName(row.get("database_name"))
        .serverName(row.get("server_name"))
        .firstLsn(Lsn.parse(row.get("first_lsn")))
        .lastLsn(Lsn.parse(row.get("last_lsn")))
        .checkpointLsn(Lsn.parse(row.get("checkpoint_lsn")))
        .databaseBackupLsn(Lsn.parse(row.get("database_backup_lsn")))
        .differentialBaseLsn(optionalLsn(row.get("differential_base_lsn")))
        .differentialBaseGuid(optionalGuid(row.get("differential_base_guid")))
        .backupStartDate(LocalDateTime.parse(row.get("backup_start_date"), DATE))
        .backupFinishDate(LocalDateTime.parse(row.get("backup_finish_date"), DATE))
        .familyCount(Integer.parseInt(row.get("family_count")))
        .familySequenceNumber(Integer.parseInt(row.get("family_sequence_number")))
        .backupSetGuid(UUID.fromString(row.get("backup_set_guid")))
        .recoveryModel(RecoveryModel.valueOf(row.get("recovery_model")))
        .softwareVersion(SoftwareVersion.parse(row.get("software_version")))
        .hasChecksums(Boolean.parseBoolean(row.get("has_checksums")))
        .mediaPasswordProtected(Boolean.parseBoolean(row.get("media_password_protected")))
        .position(Integer.parseInt(row.get("position")))
        .build();
  }

  private static Lsn optionalLsn(String text) {
    return text.isEmpty() ? null : Lsn.parse(text);
  }

  private static UUID optionalGuid(String text) {
    return text.isEmpty() ? null : UUID.fromString(text);
  }
}
