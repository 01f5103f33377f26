package org.cloudsync.restore.sqlserver;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;

/**
 * Re-baselining a center's database when a new initial dump arrives, in one of two strategies:
 *
 * <ul>
 *   <li><b>side by side</b> (preferred): restore the new full and the logs that follow under a
 *       temporary name ({@link #temporaryName(String, UUID)}, one per new full) with distinct
 *       physical files ({@code MOVE} names files after the database name, so the data and log
 *       directories are required), then swap names in a short exclusive window ({@link
 *       #swapStatements}): the live copy becomes {@link #retiredName}, kept for the configured
 *       retention, then dropped ({@link #dropStatement}). Renaming a database that is {@code
 *       RESTORING} or in standby with {@code ALTER DATABASE ... MODIFY NAME} is not documented by
 *       Microsoft: the gated suite exercises it, and where a server refuses it the swap is undone
 *       and the center stopped with that reason;
 *   <li><b>in place</b>: {@code RESTORE DATABASE ... WITH REPLACE} over the live copy in a
 *       maintenance window ({@link org.cloudsync.restore.ApplyOptions#withReplace()}).
 * </ul>
 *
 * <p>Either way, free space is checked first ({@link FreeSpace}): side by side needs room for the
 * whole new copy beside the old.
 */
public final class Rebaseline {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

  private Rebaseline() {}

  /** {@code <db>_cloudsync_new}: the name the new copy is restored under. */
  public static String temporaryName(String database) {
    return checkedName(database + "_cloudsync_new");
  }

  /**
   * {@code <db>_cloudsync_old_<yyyyMMddHHmm>}: the name the replaced copy keeps until its retention
   * has passed (the minute of the swap, so two re-baselines of one day do not collide). Only a name
   * the ledger recorded as an old copy is ever dropped.
   */
  public static String retiredName(String database, LocalDateTime swappedAt) {
    return checkedName(database + "_cloudsync_old_" + MINUTE.format(swappedAt));
  }

  /**
   * {@code <db>_cloudsync_new_<8 hex digits of the new full's BackupSetGUID>}: the name one
   * side-by-side re-baseline restores under on a SQL Server. One per new full, so that its {@code
   * MOVE} targets and undo file differ from those of the live copy (itself perhaps restored under
   * an earlier temporary name) and its restore history (kept by name in msdb) is never mixed with
   * that of an earlier re-baseline.
   */
  public static String temporaryName(String database, UUID newBase) {
    return checkedName(
        database + "_cloudsync_new_" + newBase.toString().substring(0, 8).toLowerCase(Locale.ROOT));
  }

  private static String checkedName(String name) {
    SqlText.identifier("database name", name);
    return name;
  }

  /**
   * The refusal of the side-by-side strategy where it cannot work, or null: without data and log
   * directories the new copy would be restored onto the live copy's own files.
   */
  public static Refusal checkSideBySide(SqlServerSettings settings) {
    if (settings.dataDir() == null) {
      return Refusal.of(
          ErrorCode.REBASELINE_UNSUPPORTED,
          0,
          "side-by-side re-baseline needs the server's data and log directories, so that the new"
              + " copy gets its own physical files",
          "give the server --data-dir and --log-dir, or choose the in-place strategy");
    }
    return null;
  }

  /**
   * The swap, run after ending the sessions of both databases: the live copy takes the retired
   * name, then the new copy takes the live name. {@code ALTER DATABASE} cannot run in a
   * transaction; if the second statement fails, run {@link #undoStatement} to give the live copy
   * its name back.
   */
  public static List<String> swapStatements(String live, String temporary, String retired) {
    return List.of(renameStatement(live, retired), renameStatement(temporary, live));
  }

  /** Gives the live copy its name back after a failed second rename. */
  public static String undoStatement(String live, String retired) {
    return renameStatement(retired, live);
  }

  /** {@code ALTER DATABASE [from] MODIFY NAME = [to]}. */
  public static String renameStatement(String from, String to) {
    return "ALTER DATABASE "
        + SqlText.identifier("database name", from)
        + " MODIFY NAME = "
        + SqlText.identifier("database name", to);
  }

  /**
   * {@code DROP DATABASE [name]}: the retired copy, after its retention. Run only after its
   * identity was checked against the one the ledger recorded ({@link SqlServerEngine#dropOldCopy}).
   */
  public static String dropStatement(String retired) {
    return "DROP DATABASE " + SqlText.identifier("database name", retired);
  }
}
