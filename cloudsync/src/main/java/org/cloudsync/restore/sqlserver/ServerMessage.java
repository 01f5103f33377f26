package org.cloudsync.restore.sqlserver;

/**
 * One message SQL Server sent while a statement ran: an informational message ({@code STATS}'s "10
 * percent processed.", 3014 "RESTORE LOG successfully processed ...") or an error.
 *
 * @param number the SQL Server message number (e.g. 3211, 3014, 4305)
 * @param severity 0 to 10 informational, 11 and above an error
 * @param text the message text as SQL Server sent it
 */
public record ServerMessage(int number, int severity, String text) {
  /** SQL Server's {@code STATS} progress message: "N percent processed." */
  public static final int PERCENT_PROCESSED = 3211;

  /** "RESTORE DATABASE/LOG successfully processed N pages in S seconds." */
  public static final int RESTORE_SUCCEEDED = 3014;

  public boolean isError() {
    return severity > 10;
  }
}
