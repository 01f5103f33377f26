package org.cloudsync.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.Lsn;

/**
 * The JSON the commands print. Conventions: snake_case names; LSNs as decimal strings (they exceed
 * 2^53); GUIDs as lower-case strings; dates in ISO 8601 ({@code 2017-06-01T12:59:12}, local wall
 * clock of the server that took the backup); unknown values as {@code null}.
 */
final class JsonOutput {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private JsonOutput() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Writes {@code node} indented, followed by a line end. */
  static void print(PrintWriter out, JsonNode node) {
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.print('\n');
  }

  static String lsn(Lsn lsn) {
    return lsn == null ? null : lsn.toDecimalString();
  }

  static String guid(UUID id) {
    return id == null ? null : id.toString().toLowerCase(Locale.ROOT);
  }

  static String date(LocalDateTime t) {
    return t == null ? null : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  static String instant(OffsetDateTime t) {
    return t == null ? null : t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode a = array();
    values.forEach(a::add);
    return a;
  }

  /** Every field of {@code h}, including its file list and the fields its source did not know. */
  static ObjectNode header(String path, BackupHeader h) {
    ObjectNode o = object();
    o.put("path", path);
    o.put("position", h.position());
    o.put("type", h.backupType().shortName());
    o.put("backup_type", h.backupType().headerOnlyCode());
    o.put("database_name", h.databaseName());
    o.put("server_name", h.serverName());
    o.put("machine_name", h.machineName());
    o.put("user_name", h.userName());
    o.put("first_lsn", lsn(h.firstLsn()));
    o.put("last_lsn", lsn(h.lastLsn()));
    o.put("checkpoint_lsn", lsn(h.checkpointLsn()));
    o.put("database_backup_lsn", lsn(h.databaseBackupLsn()));
    o.put("differential_base_lsn", lsn(h.differentialBaseLsn()));
    o.put("differential_base_guid", guid(h.differentialBaseGuid()));
    o.put("base_backup_set_guid", guid(h.baseBackupSetGuid()));
    o.put("backup_start_date", date(h.backupStartDate()));
    o.put("backup_finish_date", date(h.backupFinishDate()));
    o.put("time_zone_offset", h.timeZoneOffset() == null ? null : h.timeZoneOffset().getId());
    o.put("backup_start", instant(h.backupStartInstant()));
    o.put("backup_finish", instant(h.backupFinishInstant()));
    o.put("family_count", h.familyCount());
    o.put("family_sequence_number", h.familySequenceNumber());
    if (h.mediaFamilyId() == null) {
      o.putNull("media_family_id");
    } else {
      o.put("media_family_id", h.mediaFamilyId());
    }
    o.put("media_set_id", guid(h.mediaSetId()));
    o.put("backup_set_guid", guid(h.backupSetGuid()));
    o.put("recovery_fork_id", guid(h.recoveryForkId()));
    o.put("recovery_model", h.recoveryModel() == null ? null : h.recoveryModel().name());
    o.put("software_version", h.softwareVersion() == null ? null : h.softwareVersion().toString());
    o.put("has_checksums", h.hasChecksums());
    o.put("media_password_protected", h.mediaPasswordProtected());
    o.put("compressed", h.compressed());
    o.put("copy_only", h.copyOnly());
    o.put("backup_size", h.backupSize());
    o.put("compressed_backup_size", h.compressedBackupSize());
    o.put("source", h.source().name().toLowerCase(Locale.ROOT));
    ArrayNode files = o.putArray("files");
    for (DatabaseFile f : h.files()) {
      ObjectNode fo = files.addObject();
      fo.put("file_id", f.fileId());
      fo.put("file_group_id", f.fileGroupId());
      fo.put("type", f.isLog() ? "log" : "data");
      fo.put("logical_name", f.logicalName());
      fo.put("physical_name", f.physicalName());
      fo.put("size_bytes", f.sizeBytes());
    }
    o.set("unknown_fields", strings(h.unknownFields().stream().sorted().toList()));
    return o;
  }
}
