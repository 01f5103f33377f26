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

  // Home directory, configuration, secrets and health centers.
  HOME_NOT_INITIALISED(
      ExitStatus.USAGE, "the cloudsync home directory does not exist or lacks its configuration"),
  CONFIG_INVALID(ExitStatus.USAGE, "the configuration file holds an invalid setting"),
  OPTION_INVALID(ExitStatus.USAGE, "a command option holds an invalid value"),
  CENTER_NOT_FOUND(ExitStatus.USAGE, "no health center has this id"),
  CENTER_EXISTS(ExitStatus.USAGE, "a health center with this id already exists"),
  MASTER_KEY_MISSING(ExitStatus.INPUT_INVALID, "no master key is configured"),
  MASTER_KEY_INVALID(ExitStatus.INPUT_INVALID, "the master key is not 32 bytes of base64"),
  SECRET_UNREADABLE(
      ExitStatus.INPUT_INVALID,
      "a stored secret cannot be decrypted with the master key (wrong key or altered value)"),
  CERTIFICATE_INVALID(ExitStatus.INPUT_INVALID, "the TDE certificate cannot be parsed"),
  LEDGER_UNAVAILABLE(ExitStatus.INTERNAL, "the ledger database cannot be opened or written"),
  STATE_TRANSITION_INVALID(
      ExitStatus.INTERNAL, "a ledger record cannot move from its state to the one asked"),

  // Reading a backup file (exit 3).
  FILE_UNREADABLE(ExitStatus.INPUT_INVALID, "the file cannot be opened or read"),
  OUTPUT_UNWRITABLE(ExitStatus.INPUT_INVALID, "a file or directory cannot be written"),
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
  SQL_TEXT_UNSAFE(
      ExitStatus.INPUT_INVALID,
      "a name or path cannot be written safely into a T-SQL statement (control characters)"),
  ZIP_UNSAFE_ENTRY(
      ExitStatus.INPUT_INVALID, "a zip entry's name would place it outside the staging directory"),
  ZIP_TOO_LARGE(
      ExitStatus.INPUT_INVALID,
      "a zip archive exceeds the configured size, entry count or compression-ratio limit"),
  WRONG_BACKUP_TYPE(
      ExitStatus.INPUT_INVALID, "the backup's type is not one the feed delivers (full or log)"),

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
  SAS_NOT_YET_VALID(ExitStatus.SOURCE_UNREACHABLE, "the SAS token's start time is in the future"),

  // Fetching a blob (exit 3: that blob could not be taken in; others still can).
  BLOB_VANISHED(
      ExitStatus.INPUT_INVALID, "the blob was deleted between listing and downloading it"),
  BLOB_CHANGED(
      ExitStatus.INPUT_INVALID, "the blob was replaced between listing and downloading it"),
  BLOB_MD5_MISMATCH(
      ExitStatus.INPUT_INVALID, "the downloaded bytes do not match the blob's Content-MD5"),
  DISK_FULL(ExitStatus.INPUT_INVALID, "the staging directory has not enough free space"),
  BLOB_NAME_UNSAFE(
      ExitStatus.INPUT_INVALID, "the blob's name would place it outside the staging directory"),
  STAGING_WRITE_FAILED(
      ExitStatus.INPUT_INVALID,
      "a downloaded blob, or a file unpacked from it, cannot be written to staging"),

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
