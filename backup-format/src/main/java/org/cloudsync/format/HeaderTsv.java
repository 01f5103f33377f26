package org.cloudsync.format;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The tab-separated form of headers used by {@code inspect --format tsv}: exactly the columns of
 * the corpus's {@code headers.tsv}, same value conventions (RESTORE HEADERONLY type codes, decimal
 * LSNs, {@code YYYY-MM-DD HH:MM:SS} local dates, lower-case GUIDs, empty differential base fields
 * for non-differentials, {@code true}/{@code false}, versions as major.minor.build). Callers write
 * the rows, sorted by path then position.
 */
public final class HeaderTsv {
  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "path",
          "backup_type",
          "database_name",
          "server_name",
          "first_lsn",
          "last_lsn",
          "checkpoint_lsn",
          "database_backup_lsn",
          "differential_base_lsn",
          "backup_start_date",
          "backup_finish_date",
          "family_count",
          "family_sequence_number",
          "backup_set_guid",
          "differential_base_guid",
          "recovery_model",
          "software_version",
          "has_checksums",
          "media_password_protected",
          "position");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private HeaderTsv() {}

  /** The header line, without a line end. */
  public static String headerLine() {
    return String.join("\t", COLUMNS);
  }

  /**
   * One row for {@code header} found at {@code path}, without a line end. Tabs and line breaks in
   * text values (which SQL Server names cannot normally hold) are written as spaces, so that a row
   * is always one line of the same columns.
   */
  public static String row(String path, BackupHeader header) {
    boolean diff = header.backupType() == BackupType.DIFFERENTIAL;
    List<String> values =
        List.of(
            text(path),
            Integer.toString(header.backupType().headerOnlyCode()),
            text(header.databaseName()),
            text(header.serverName()),
            header.firstLsn().toDecimalString(),
            header.lastLsn().toDecimalString(),
            lsn(header.checkpointLsn()),
            lsn(header.databaseBackupLsn()),
            diff ? lsn(header.differentialBaseLsn()) : "",
            date(header.backupStartDate()),
            date(header.backupFinishDate()),
            Integer.toString(header.familyCount()),
            Integer.toString(header.familySequenceNumber()),
            guid(header.backupSetGuid()),
            diff ? guid(header.differentialBaseGuid()) : "",
            header.recoveryModel() == null ? "" : header.recoveryModel().name(),
            header.softwareVersion() == null ? "" : header.softwareVersion().toString(),
            Boolean.toString(header.hasChecksums()),
            Boolean.toString(header.mediaPasswordProtected()),
            Integer.toString(header.position()));
    return String.join("\t", values);
  }

  private static String text(String s) {
    if (s == null) {
      return "";
    }
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static String lsn(Lsn lsn) {
    return lsn == null ? "" : lsn.toDecimalString();
  }

  private static String date(LocalDateTime d) {
    if (d == null) {
      return "";
    }
    if (d.getYear() < 1000 || d.getYear() > 9999) {
      return DATE.format(d);
    }
    // By hand for four-digit years (every backup): a formatter costs more than the header read.
    char[] c = "0000-00-00 00:00:00".toCharArray();
    put(c, 0, d.getYear(), 4);
    put(c, 5, d.getMonthValue(), 2);
    put(c, 8, d.getDayOfMonth(), 2);
    put(c, 11, d.getHour(), 2);
    put(c, 14, d.getMinute(), 2);
    put(c, 17, d.getSecond(), 2);
    return new String(c);
  }

  /** Writes {@code value} as {@code width} decimal digits at {@code at}. */
  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static String guid(UUID g) {
    return g == null ? "" : g.toString().toLowerCase(Locale.ROOT);
  }
}
