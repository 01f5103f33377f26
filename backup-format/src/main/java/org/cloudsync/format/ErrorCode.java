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
  LEDGER_DAMAGED(
      ExitStatus.INTERNAL,
      "the H2 ledger file holds an index entry whose row is gone; cloudsync ledger repair"
          + " rebuilds it"),
  STATE_TRANSITION_INVALID(
      ExitStatus.INTERNAL, "a ledger record cannot move from its state to the one asked"),
  /**
   * Another cloudsync process holds the health center's lock: its cycle is under way there, so this
   * process skipped the center. Nothing is wrong and that process reports its own outcome, so the
   * exit status is 0 (no other code of the contract describes it); other centers' statuses win.
   */
  CENTER_BUSY(ExitStatus.OK, "another cloudsync process is syncing this health center right now"),

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
  RESTORE_FAILED(ExitStatus.RESTORE_FAILED, "SQL Server failed the restore"),
  DATABASE_NOT_RESTORING(
      ExitStatus.RESTORE_FAILED,
      "the database is absent or recovered, so no log or differential can be restored onto it"),
  DATABASE_ONLINE(
      ExitStatus.RESTORE_FAILED,
      "a full backup would overwrite an online database; REPLACE was not asked for"),
  DIFF_WRONG_BASE(
      ExitStatus.RESTORE_FAILED,
      "the differential's base is not the full the database was restored from (error 3136)"),
  DIFF_TOO_EARLY(
      ExitStatus.RESTORE_FAILED, "the differential ends before the database's restore point"),
  POSITION_UNKNOWN(
      ExitStatus.RESTORE_FAILED, "the database's restore position cannot be determined"),
  DATABASE_IN_USE(
      ExitStatus.RESTORE_FAILED, "exclusive access to the database could not be obtained (3101)"),
  SERVER_VERSION_TOO_OLD(
      ExitStatus.RESTORE_FAILED, "the backup was taken on a newer SQL Server than the target"),
  STANDBY_ACROSS_VERSIONS(
      ExitStatus.RESTORE_FAILED,
      "STANDBY is impossible: the backup's SQL Server version differs from the target's"),
  EDITION_UNSUPPORTED(
      ExitStatus.RESTORE_FAILED, "the target's SQL Server edition lacks a needed feature"),
  TDE_CERTIFICATE_MISMATCH(
      ExitStatus.RESTORE_FAILED, "the backup needs a TDE certificate the server does not hold"),
  TDE_CREDENTIALS_INVALID(
      ExitStatus.RESTORE_FAILED, "the TDE certificate, private key or password is not usable"),
  SERVER_PATH_NOT_FOUND(
      ExitStatus.RESTORE_FAILED, "SQL Server cannot open a backup file or database file path"),
  PATH_NOT_MAPPED(
      ExitStatus.RESTORE_FAILED, "a staged file lies outside every configured path mapping"),
  SERVER_DISK_FULL(ExitStatus.RESTORE_FAILED, "the SQL Server has too little free disk space"),
  BACKUP_MEDIA_INVALID(
      ExitStatus.RESTORE_FAILED, "SQL Server cannot read the backup media (error 3241)"),
  SERVER_UNREACHABLE(ExitStatus.RESTORE_FAILED, "the SQL Server cannot be reached"),
  SERVER_PERMISSION_MISSING(
      ExitStatus.RESTORE_FAILED, "the service login lacks a permission cloudsync needs"),
  RESTORE_CANCELLED(ExitStatus.RESTORE_FAILED, "the restore was cancelled before it completed"),
  REBASELINE_UNSUPPORTED(
      ExitStatus.RESTORE_FAILED, "the chosen re-baseline strategy cannot work on this server"),
  DATABASE_REPLACED(
      ExitStatus.RESTORE_FAILED,
      "the database was replaced or changed behind cloudsync's back (its identity changed)"),
  REBASELINE_PENDING(
      ExitStatus.RESTORE_FAILED,
      "a new full backup waits for the center's maintenance window to be re-baselined"),
  SERVER_NOT_FOUND(ExitStatus.USAGE, "no SQL Server instance is registered under that name"),
  SERVER_EXISTS(ExitStatus.USAGE, "a SQL Server instance is registered under that name already"),
  SERVER_IN_USE(ExitStatus.USAGE, "health centers are still placed on that SQL Server instance");

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
