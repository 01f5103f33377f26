package org.cloudsync.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.format.testing.Corpus;

/**
 * The corpus's expected headers, read from {@code backups/headers.tsv} (independent of the header
 * reader), as {@link BackupFile}s named by their corpus path.
 */
public final class CorpusHeaders {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final List<BackupFile> files;

  private CorpusHeaders(List<BackupFile> files) {
    this.files = files;
  }

  public static CorpusHeaders load() {
    Path tsv = Corpus.backups().resolve("headers.tsv");
    try {
      List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
      List<String> columns = Arrays.asList(lines.get(0).split("\t", -1));
      List<BackupFile> files = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isEmpty()) {
          files.add(parse(columns, line.split("\t", -1)));
        }
      }
      return new CorpusHeaders(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BackupFile parse(List<String> columns, String[] v) {
    java.util.function.Function<String, String> col = name -> v[columns.indexOf(name)];
    BackupHeader.Builder b =
        BackupHeader.builder()
            .source(HeaderSource.OFFLINE)
            .backupType(BackupType.fromHeaderOnlyCode(Integer.parseInt(col.apply("backup_type"))))
            .databaseName(col.apply("database_name"))
            .serverName(col.apply("server_name"))
            .firstLsn(Lsn.parse(col.apply("first_lsn")))
            .lastLsn(Lsn.parse(col.apply("last_lsn")))
            .checkpointLsn(Lsn.parse(col.apply("checkpoint_lsn")))
            .databaseBackupLsn(Lsn.parse(col.apply("database_backup_lsn")))
            .backupStartDate(LocalDateTime.parse(col.apply("backup_start_date"), DATE))
            .backupFinishDate(LocalDateTime.parse(col.apply("backup_finish_date"), DATE))
            .familyCount(Integer.parseInt(col.apply("family_count")))
            .familySequenceNumber(Integer.parseInt(col.apply("family_sequence_number")))
            .backupSetGuid(UUID.fromString(col.apply("backup_set_guid")))
            .recoveryModel(RecoveryModel.valueOf(col.apply("recovery_model")))
            .softwareVersion(SoftwareVersion.parse(col.apply("software_version")))
            .hasChecksums(Boolean.parseBoolean(col.apply("has_checksums")))
            .mediaPasswordProtected(Boolean.parseBoolean(col.apply("media_password_protected")))
            .position(Integer.parseInt(col.apply("position")));
    if (!col.apply("differential_base_lsn").isEmpty()) {
      b.differentialBaseLsn(Lsn.parse(col.apply("differential_base_lsn")));
      b.differentialBaseGuid(UUID.fromString(col.apply("differential_base_guid")));
    }
    return new BackupFile(col.apply("path"), b.build());
  }

  /** The file at {@code path} (relative to {@code backups/}); position 1. */
  public BackupFile file(String path) {
    return file(path, 1);
  }

  public BackupFile file(String path, int position) {
    return files.stream()
        .filter(f -> f.path().equals(path) && f.header().position() == position)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not in headers.tsv: " + path));
  }

  /** A step of the given files (stripes of one set), in the order given. */
  public RestoreStep step(String... paths) {
    return new RestoreStep(Arrays.stream(paths).map(this::file).toList());
  }

  public List<BackupFile> all() {
    return files;
  }
}
