package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;

/**
 * Re-baselining a center's database when a new initial dump arrives, in one of two strategies:
 *
 * <ul>
 *   <li><b>side by side</b> (preferred): restore the new full and the logs that follow under a
 *       temporary name ({@link #temporaryName}) with distinct physical files ({@code MOVE} names
 *       files after the database name, so the data and log directories are required), then swap
 *       names in a short exclusive window ({@link #swapStatements}): the live copy becomes {@link
 *       #retiredName}, kept for the configured retention, then dropped ({@link #dropStatement}).
 *       Renaming a database that is {@code RESTORING} or in standby with {@code ALTER DATABASE ...
 *       MODIFY NAME} is not documented by Microsoft: the gated suite proves it on a given server,
 *       and until the operator records that proof ({@code renameProven}) the strategy is refused;
 *   <li><b>in place</b>: {@code RESTORE DATABASE ... WITH REPLACE} over the live copy in a
 *       maintenance window ({@link org.cloudsync.restore.ApplyOptions#withReplace()}).
 * </ul>
 *
 * <p>Either way, free space is checked first ({@link #checkFreeSpace}): side by side needs room for
 * the whole new copy beside the old.
 */
public final class Rebaseline {
  /** The two strategies. */
  public enum Strategy {
    SIDE_BY_SIDE,
    IN_PLACE
  }

  static final String FREE_SPACE_SQL =
      "SELECT DISTINCT vs.volume_mount_point, vs.available_bytes"
          + " FROM sys.master_files AS mf"
          + " CROSS APPLY sys.dm_os_volume_stats(mf.database_id, mf.file_id) AS vs"
          + " WHERE mf.database_id = DB_ID(?)";

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private Rebaseline() {}

  /** {@code <db>_cloudsync_new}: the name the new copy is restored under. */
  public static String temporaryName(String database) {
    return checkedName(database + "_cloudsync_new");
  }

  /** {@code <db>_cloudsync_old_<yyyymmdd>}: the name the replaced copy keeps until dropped. */
  public static String retiredName(String database, LocalDate day) {
    return checkedName(database + "_cloudsync_old_" + DAY.format(day));
  }

  private static String checkedName(String name) {
    SqlText.identifier("database name", name);
    return name;
  }

  /**
   * The refusal of the side-by-side strategy where it cannot work, or null.
   *
   * @param renameProven whether renaming a restoring/standby database was proven on this server (by
   *     the gated suite's {@code renameWhileRestoringAndInStandby})
   */
  public static Refusal checkSideBySide(SqlServerSettings settings, boolean renameProven) {
    if (settings.dataDir() == null) {
      return Refusal.of(
          ErrorCode.REBASELINE_UNSUPPORTED,
          0,
          "side-by-side re-baseline needs the server's data and log directories, so that the new"
              + " copy gets its own physical files",
          "give the server --data-dir and --log-dir, or choose the in-place strategy");
    }
    if (!renameProven) {
      return Refusal.of(
          ErrorCode.REBASELINE_UNSUPPORTED,
          0,
          "side-by-side re-baseline renames a database that is RESTORING or in standby, which"
              + " Microsoft does not document and which is not proven on this server",
          "run the gated SQL Server suite against this server (its rename proof) and record the"
              + " result, or choose the in-place strategy (RESTORE WITH REPLACE in a maintenance"
              + " window)");
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

  /** {@code DROP DATABASE [name]}: the retired copy, after its retention. */
  public static String dropStatement(String retired) {
    return "DROP DATABASE " + SqlText.identifier("database name", retired);
  }

  /** The bytes the new full's files need: the sum of their sizes in the backup. */
  public static long bytesNeeded(BackupHeader full) {
    long sum = 0;
    for (DatabaseFile f : full.files()) {
      sum += f.sizeBytes();
    }
    return sum;
  }

  /**
   * Refuses when the volume holding {@code database}'s files has less free space than the new copy
   * needs (side by side), or than it grows by (in place). Uses {@code sys.dm_os_volume_stats},
   * which needs {@code VIEW SERVER STATE}.
   *
   * @param currentBytes the live copy's size (for in place), 0 when unknown
   */
  public static Refusal checkFreeSpace(
      SqlSession session,
      String database,
      BackupHeader newFull,
      Strategy strategy,
      long currentBytes)
      throws SQLException {
    long needed = bytesNeeded(newFull);
    if (strategy == Strategy.IN_PLACE) {
      needed = Math.max(0, needed - currentBytes);
    }
    for (Row r : session.query(FREE_SPACE_SQL, database)) {
      long free = r.longValue("available_bytes");
      if (free < needed) {
        return Refusal.of(
            ErrorCode.SERVER_DISK_FULL,
            0,
            "volume "
                + r.string("volume_mount_point")
                + " has "
                + free
                + " bytes free; the "
                + (strategy == Strategy.SIDE_BY_SIDE ? "side-by-side" : "in-place")
                + " re-baseline of '"
                + database
                + "' needs "
                + needed,
            "free space on the server, or choose the in-place strategy (it needs no second"
                + " copy)");
      }
    }
    return null;
  }
}
