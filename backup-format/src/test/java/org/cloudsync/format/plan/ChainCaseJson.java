package org.cloudsync.format.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;

/**
 * Reads dbatools' backup-history fixtures (the chain cases) into planner input.
 *
 * <p>LSNs are JSON integers of up to 23 digits, read as BigInteger; dates are {@code /Date(ms)/},
 * read as UTC wall-clock times. The JSON has no media family numbers: records that share a
 * BackupSetGUID become the families 1..n of one striped set, in file order.
 */
final class ChainCaseJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final Pattern DATE = Pattern.compile("/Date\\((-?\\d+)\\)/");

  private ChainCaseJson() {}

  /** The records of {@code file}, editable for the variants the dbatools tests build. */
  static List<ObjectNode> records(Path file) throws IOException {
    JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    List<ObjectNode> records = new ArrayList<>();
    root.forEach(r -> records.add((ObjectNode) r));
    return records;
  }

  static List<BackupFile> files(Path file) throws IOException {
    return toFiles(records(file));
  }

  static List<BackupFile> toFiles(List<ObjectNode> records) {
    Map<String, List<Integer>> byGuid = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      byGuid.computeIfAbsent(text(records.get(i), "BackupSetGUID"), k -> new ArrayList<>()).add(i);
    }
    List<BackupFile> files = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ObjectNode r = records.get(i);
      List<Integer> family = byGuid.get(text(r, "BackupSetGUID"));
      String path = text(r, "BackupPath");
      if (path == null) {
        path = "record-" + i;
      }
      if (family.size() > 1) {
        path = path + "#stripe" + (family.indexOf(i) + 1);
      }
      files.add(new BackupFile(path, header(r, family.size(), family.indexOf(i) + 1)));
    }
    return files;
  }

  private static BackupHeader header(ObjectNode r, int familyCount, int familySequence) {
    BackupType type = type(text(r, "BackupTypeDescription", "Type"));
    String fork = text(r, "FirstRecoveryForkID");
    BackupHeader.Builder b =
        BackupHeader.builder()
            .source(HeaderSource.SYNTHETIC)
            .backupType(type)
            .databaseName(text(r, "DatabaseName", "databasename", "Database"))
            .serverName(text(r, "ServerName", "servername"))
            .firstLsn(lsn(r, "FirstLSN"))
            .lastLsn(lsn(r, "LastLSN"))
            .checkpointLsn(lsn(r, "CheckpointLSN"))
            .databaseBackupLsn(representableLsn(r, "DatabaseBackupLSN"))
            .unknownFields(
                representableLsn(r, "DatabaseBackupLSN") == null
                    ? Set.of("database_backup_lsn")
                    : Set.of())
            .backupSetGuid(UUID.fromString(text(r, "BackupSetGUID")))
            .recoveryForkId(fork == null ? null : UUID.fromString(fork))
            .backupStartDate(date(text(r, "BackupStartDate", "Start")))
            .backupFinishDate(date(text(r, "BackupFinishDate", "End")))
            .familyCount(familyCount)
            .familySequenceNumber(familySequence);
    if (r.hasNonNull("Position")) {
      b.position(r.get("Position").intValue());
    }
    if (type == BackupType.DIFFERENTIAL && r.hasNonNull("DifferentialBaseLSN")) {
      b.differentialBaseLsn(lsn(r, "DifferentialBaseLSN"));
    }
    return b.build();
  }

  private static BackupType type(String description) {
    return switch (description) {
      case "Database", "Full" -> BackupType.FULL;
      case "Database Differential", "Differential" -> BackupType.DIFFERENTIAL;
      case "Transaction Log", "Log" -> BackupType.LOG;
      default -> throw new IllegalArgumentException("unknown backup type: " + description);
    };
  }

  private static Lsn lsn(ObjectNode r, String field) {
    JsonNode n = r.get(field);
    BigInteger value = n.isTextual() ? new BigInteger(n.textValue()) : n.bigIntegerValue();
    return Lsn.fromDecimal(value);
  }

  /**
   * The LSN, or null when the number is not a (vlf, block, slot) triple a backup could store:
   * dbatools' regression test #9855 writes DatabaseBackupLSN = 99999999999999999, whose block part
   * exceeds 32 bits. A header source reports such a field as unknown.
   */
  private static Lsn representableLsn(ObjectNode r, String field) {
    try {
      return lsn(r, field);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static LocalDateTime date(String text) {
    Matcher m = DATE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a /Date(ms)/ value: " + text);
    }
    return LocalDateTime.ofInstant(
        Instant.ofEpochMilli(Long.parseLong(m.group(1))), ZoneOffset.UTC);
  }

  private static String text(ObjectNode r, String... fields) {
    for (String f : fields) {
      if (r.hasNonNull(f)) {
        return r.get(f).asText();
      }
    }
    return null;
  }
}
