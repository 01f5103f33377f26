package org.cloudsync.format;

/**
 * The project's one table of stable error codes. The name is what a person, a script, the ledger
 * and an incident email see (e.g. {@code MTF_HEADER_CHECKSUM}); each code belongs to one exit
 * status. It lives in the lowest module so that every layer shares it. Never rename a code: add a
 * new one.
 */
public enum ErrorCode {
  // Usage and internal.
  USAGE(ExitStatus.USAGE, "the command line is not valid"),
  INTERNAL(ExitStatus.INTERNAL, "an unexpected internal error"),

  // Reading a backup file (exit 3).
  FILE_UNREADABLE(ExitStatus.INPUT_INVALID, "the file cannot be opened or read"),
  NOT_A_BACKUP(ExitStatus.INPUT_INVALID, "the file is not a SQL Server backup"),
  TRUNCATED(ExitStatus.INPUT_INVALID, "the file ends before its backup set does"),
  MTF_HEADER_CHECKSUM(ExitStatus.INPUT_INVALID, "an MTF block header checksum does not match"),
  MTF_STREAM_CHECKSUM(ExitStatus.INPUT_INVALID, "an MTF stream header checksum does not match"),
  MTF_STRUCTURE(ExitStatus.INPUT_INVALID, "the MTF blocks are not in the expected shape"),
  MTF_FIELD_INVALID(ExitStatus.INPUT_INVALID, "a header field holds an impossible value"),
  COMPRESSED_RECORD_INVALID(
      ExitStatus.INPUT_INVALID, "a compressed record is damaged or cannot be decompressed"),
  BACKUP_ENCRYPTED(
      ExitStatus.INPUT_INVALID,
      "the backup is encrypted (WITH ENCRYPTION); its header is not readable offline"),
  UNSUPPORTED_COMPRESSION(
      ExitStatus.INPUT_INVALID,
      "the backup uses a compression algorithm the offline reader does not know"),
  UNSUPPORTED_CONTAINER(
      ExitStatus.INPUT_INVALID,
      "the file looks like a backup container the offline reader does not know"),
  ZIP_INVALID(ExitStatus.INPUT_INVALID, "a zip archive or one of its entries is damaged"),
  ZIP_UNSAFE_ENTRY(
      ExitStatus.INPUT_INVALID, "a zip entry's name would place it outside the staging directory"),
  ZIP_TOO_LARGE(
      ExitStatus.INPUT_INVALID,
      "a zip archive exceeds the configured size, entry count or compression-ratio limit"),
  WRONG_BACKUP_TYPE(
      ExitStatus.INPUT_INVALID, "the backup's type is not one the feed delivers (full or log)"),
  STAGING_FAILED(
      ExitStatus.INTERNAL, "the staging area cannot be written (disk full, no permission)"),

  // Planning a restore chain (exit 4).
  NO_FULL_BACKUP(ExitStatus.CHAIN_INCOMPLETE, "no complete full backup to start from"),
  MISSING_STRIPE(
      ExitStatus.CHAIN_INCOMPLETE, "a striped backup set lacks one of its media families"),
  LSN_GAP(ExitStatus.CHAIN_INCOMPLETE, "log backups are missing between two files"),
  LOG_TOO_RECENT(
      ExitStatus.CHAIN_INCOMPLETE,
      "the first log starts after the restore point (SQL Server error 4305)"),
  LOG_TOO_EARLY(
      ExitStatus.CHAIN_INCOMPLETE, "the log ends before the restore point (SQL Server error 4326)"),
  OTHER_DATABASE(ExitStatus.CHAIN_INCOMPLETE, "the file belongs to another database"),
  MULTIPLE_DATABASES(ExitStatus.CHAIN_INCOMPLETE, "the files belong to several databases"),
  RECOVERY_FORK_MISMATCH(ExitStatus.CHAIN_INCOMPLETE, "the backup is on another recovery fork"),
  DIFF_BASE_MISSING(ExitStatus.CHAIN_INCOMPLETE, "a differential backup's base full is absent"),

  // Reaching the source (exit 5).
  SOURCE_UNREACHABLE(ExitStatus.SOURCE_UNREACHABLE, "the blob source cannot be reached"),
  SAS_EXPIRED(ExitStatus.SOURCE_UNREACHABLE, "the SAS token has expired"),
  SAS_SIGNATURE_MISMATCH(ExitStatus.SOURCE_UNREACHABLE, "the SAS signature does not match"),
  SAS_IP_NOT_ALLOWED(
      ExitStatus.SOURCE_UNREACHABLE, "the SAS token does not allow this server's IP address"),
  SAS_PERMISSION_MISSING(ExitStatus.SOURCE_UNREACHABLE, "the SAS token lacks a needed permission"),
  SAS_INVALID(ExitStatus.SOURCE_UNREACHABLE, "the SAS URL is not a valid container SAS URL"),
  CONTAINER_NOT_FOUND(ExitStatus.SOURCE_UNREACHABLE, "the blob container does not exist"),
  ACCESS_DENIED(ExitStatus.SOURCE_UNREACHABLE, "the source refused access"),

  // Restoring (exit 6).
  RESTORE_REFUSED(ExitStatus.RESTORE_FAILED, "the restore was refused before touching the server"),
  RESTORE_FAILED(ExitStatus.RESTORE_FAILED, "SQL Server failed the restore");

  private final ExitStatus exitStatus;
  private final String summary;

  ErrorCode(ExitStatus exitStatus, String summary) {
    this.exitStatus = exitStatus;
    this.summary = summary;
  }

  public ExitStatus exitStatus() {
    return exitStatus;
  }

  /** One lower-case line saying what the code means. */
  public String summary() {
    return summary;
  }
}
