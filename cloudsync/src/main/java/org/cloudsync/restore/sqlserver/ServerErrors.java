package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;

/**
 * Turns SQL Server's errors into stable error codes with hints. SQL Server reports a failed {@code
 * RESTORE} as a specific error (e.g. 4305) followed by the generic 3013 "RESTORE ... is terminating
 * abnormally"; the specific one decides the code.
 */
final class ServerErrors {
  /** "RESTORE DATABASE/LOG is terminating abnormally": says nothing of the cause. */
  static final int TERMINATING_ABNORMALLY = 3013;

  /** "Exclusive access could not be obtained because the database is in use." */
  static final int EXCLUSIVE_ACCESS = 3101;

  private record Mapping(ErrorCode code, String hint) {}

  private static final Map<Integer, Mapping> MAPPINGS =
      Map.ofEntries(
          Map.entry(
              4305,
              new Mapping(
                  ErrorCode.LOG_TOO_RECENT,
                  "a log backup is missing before this one; ask for the missing logs")),
          Map.entry(
              4326,
              new Mapping(
                  ErrorCode.LOG_TOO_EARLY,
                  "the database is already past this log; reconcile the ledger with the server")),
          Map.entry(
              3132,
              new Mapping(ErrorCode.MISSING_STRIPE, "fetch every stripe file of the backup set")),
          Map.entry(
              3136,
              new Mapping(
                  ErrorCode.DIFF_WRONG_BASE, "restore the differential's own base full first")),
          Map.entry(
              3117,
              new Mapping(
                  ErrorCode.DATABASE_NOT_RESTORING,
                  "the database was recovered; re-baseline it from a full backup")),
          Map.entry(
              3154,
              new Mapping(
                  ErrorCode.OTHER_DATABASE,
                  "the backup is of another database than the one on the server")),
          Map.entry(
              3159,
              new Mapping(
                  ErrorCode.DATABASE_ONLINE,
                  "the database is online; only a re-baseline may overwrite it (WITH REPLACE)")),
          Map.entry(
              EXCLUSIVE_ACCESS,
              new Mapping(
                  ErrorCode.DATABASE_IN_USE,
                  "readers are connected to the database; they are disconnected after the grace"
                      + " period, or raise the grace period")),
          Map.entry(
              3241,
              new Mapping(
                  ErrorCode.BACKUP_MEDIA_INVALID,
                  "the file is damaged, incomplete, or from a newer SQL Server; fetch it again")),
          Map.entry(
              3201,
              new Mapping(
                  ErrorCode.SERVER_PATH_NOT_FOUND,
                  "SQL Server cannot open the file at that path; check --path-map and that the"
                      + " service account can read the staging directory")),
          Map.entry(
              5133,
              new Mapping(
                  ErrorCode.SERVER_PATH_NOT_FOUND,
                  "a data or log directory does not exist on the server; check --data-dir and"
                      + " --log-dir")),
          Map.entry(
              3257,
              new Mapping(
                  ErrorCode.SERVER_DISK_FULL, "free space on the server's data or log volume")),
          Map.entry(
              1105,
              new Mapping(ErrorCode.SERVER_DISK_FULL, "free space on the server's data volume")),
          Map.entry(
              9002,
              new Mapping(ErrorCode.SERVER_DISK_FULL, "free space on the server's log volume")),
          Map.entry(
              3169,
              new Mapping(
                  ErrorCode.SERVER_VERSION_TOO_OLD,
                  "restore onto a SQL Server at least as new as the one that took the backup")),
          Map.entry(
              3180,
              new Mapping(
                  ErrorCode.STANDBY_ACROSS_VERSIONS,
                  "set the center to NORECOVERY throughout, or use a server of the backup's"
                      + " version")),
          Map.entry(
              33111,
              new Mapping(
                  ErrorCode.TDE_CERTIFICATE_MISMATCH,
                  "TDE credentials do not match this backup; ask eCW for the current"
                      + " certificate")));

  private ServerErrors() {}

  /**
   * The refusal for a failed statement: from the first specific error among the messages seen while
   * it ran and the exception chain.
   */
  static Refusal map(SQLException e, List<ServerMessage> seen) {
    if ("HY008".equals(e.getSQLState())) {
      return Refusal.of(
          ErrorCode.RESTORE_CANCELLED,
          0,
          "the restore was cancelled; SQL Server rolls it back and the same file is restored again"
              + " next time",
          "run the cycle again to resume from the database's position");
    }
    List<ServerMessage> errors = new ArrayList<>();
    for (ServerMessage m : seen) {
      if (m.isError()) {
        errors.add(m);
      }
    }
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = next(t), depth++) {
      if (t instanceof SQLException s && s.getErrorCode() != 0) {
        errors.add(new ServerMessage(s.getErrorCode(), 16, s.getMessage()));
      }
    }
    if (errors.isEmpty()) {
      boolean connection = e.getSQLState() != null && e.getSQLState().startsWith("08");
      return Refusal.of(
          connection ? ErrorCode.SERVER_UNREACHABLE : ErrorCode.RESTORE_FAILED,
          0,
          "SQL Server failed the statement: " + e.getMessage(),
          connection
              ? "the connection was lost mid-restore; the next cycle reconciles the position and"
                  + " resumes"
              : "see the SQL Server error log for the cause");
    }
    ServerMessage chosen = errors.get(0);
    for (ServerMessage m : errors) {
      if (m.number() != TERMINATING_ABNORMALLY) {
        chosen = m;
        break;
      }
    }
    Mapping mapping = MAPPINGS.get(chosen.number());
    if (mapping == null) {
      return Refusal.of(
          ErrorCode.RESTORE_FAILED,
          chosen.number(),
          chosen.text(),
          "see the SQL Server error log for the cause");
    }
    return Refusal.of(mapping.code(), chosen.number(), chosen.text(), mapping.hint());
  }

  /** The error code SQL Server's error {@code number} maps to, or {@code RESTORE_FAILED}. */
  static ErrorCode codeFor(int number) {
    Mapping m = MAPPINGS.get(number);
    return m == null ? ErrorCode.RESTORE_FAILED : m.code();
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException s && s.getNextException() != null) {
      return s.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  /** {@code text} with every occurrence of each secret replaced by {@code ***}. */
  static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        out = out.replace(s, "***");
      }
    }
    return out;
  }
}
