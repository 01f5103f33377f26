package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.restore.SpaceCheck;

/**
 * The free-space pre-flight of a restore that creates database files, on the server's own figures.
 *
 * <p>Where the new files go: the server's data and log directories ({@code MOVE}), or, without
 * them, the directories of the backup's physical names. SQL Server reports free space per volume
 * only for a database file ({@code sys.dm_os_volume_stats(database_id, file_id)}, which needs
 * {@code VIEW SERVER STATE}), so a directory's volume is learnt from a file that lies in it: the
 * live copy's own first, then {@code master}'s, then any other database's (another center's copy in
 * the same directory). A directory no database file lies in yet (a new server) is not checked, and
 * the check says so; SQL Server's own error 3257 still stops a restore that does not fit.
 *
 * <p>Directories on one volume add up. The volume is the reported mount point; SQL Server on Linux
 * reports none, so there the volume's total and free bytes tell volumes apart (two directories
 * showing the same figures are counted as one volume, the cautious reading).
 *
 * <p>What is needed: the new full's file sizes (FILELISTONLY's {@code Size}, what {@code RESTORE}
 * allocates). {@code available_bytes} already excludes the live copy, so side by side needs the
 * whole new copy free, twice the database on disk in all; in place ({@code WITH REPLACE}) the live
 * copy's files are overwritten, so only what the new copy is larger than the live files on that
 * volume counts.
 */
final class FreeSpace {
  static final String VOLUMES_SQL =
      "SELECT mf.database_id, DB_NAME(mf.database_id) AS database_name, mf.type_desc,"
          + " mf.physical_name, CAST(mf.size AS bigint) * 8192 AS size_bytes,"
          + " vs.volume_mount_point, vs.total_bytes, vs.available_bytes"
          + " FROM sys.master_files AS mf"
          + " CROSS APPLY sys.dm_os_volume_stats(mf.database_id, mf.file_id) AS vs"
          + " WHERE mf.type IN (0, 1)";

  private static final int MASTER_ID = 1;

  private FreeSpace() {}

  /** Reads the server's volumes and decides; see {@link #decide}. */
  static SpaceCheck check(
      SqlSession session,
      String live,
      List<DatabaseFile> newFiles,
      String dataDir,
      String logDir,
      SpaceCheck.Mode mode)
      throws SQLException {
    return decide(session.query(VOLUMES_SQL), live, newFiles, dataDir, logDir, mode);
  }

  /**
   * The decision, a pure function of {@link #VOLUMES_SQL}'s rows.
   *
   * @param live the live copy's name (its files come first as evidence, and in place they are
   *     reused)
   * @param dataDir the server's data directory, null to keep the backup's paths (then {@code
   *     logDir} is null too)
   */
  static SpaceCheck decide(
      List<Row> rows,
      String live,
      List<DatabaseFile> newFiles,
      String dataDir,
      String logDir,
      SpaceCheck.Mode mode) {
    if (newFiles.isEmpty()) {
      return SpaceCheck.notPerformed(
          "the backup lists no database files, so the room they need is unknown", mode.text());
    }
    Map<String, Directory> dirs = new LinkedHashMap<>();
    for (DatabaseFile f : newFiles) {
      String dir = dataDir == null ? parent(f.physicalName()) : f.isLog() ? logDir : dataDir;
      Directory d = dirs.computeIfAbsent(key(dir), k -> new Directory(dir));
      d.roles.add(f.isLog() ? "log" : "data");
      d.needed += f.sizeBytes();
    }
    Map<String, VolumeSum> volumes = new LinkedHashMap<>();
    List<String> unchecked = new ArrayList<>();
    for (Directory d : dirs.values()) {
      Row evidence = evidence(rows, d.path, live);
      if (evidence == null) {
        unchecked.add(
            d.label()
                + ": no database file on the server lies there yet, so its volume's free space"
                + " cannot be read");
        continue;
      }
      String mount = evidence.string("volume_mount_point");
      long total = evidence.longValue("total_bytes");
      long available = evidence.longValue("available_bytes");
      boolean named = mount != null && !mount.isEmpty();
      String volumeKey = named ? "mount:" + key(mount) : "figures:" + total + "/" + available;
      VolumeSum v =
          volumes.computeIfAbsent(
              volumeKey,
              k ->
                  new VolumeSum(
                      named ? mount : "(no mount point reported; " + total + " bytes in all)",
                      available));
      v.labels.add(d.label());
      v.needed += d.needed;
      if (mode == SpaceCheck.Mode.REPLACE_LIVE) {
        v.reused += liveBytesIn(rows, d.path, live);
      }
    }
    List<SpaceCheck.Volume> out = new ArrayList<>();
    for (VolumeSum v : volumes.values()) {
      out.add(
          new SpaceCheck.Volume(
              String.join(", ", v.labels), v.name, Math.max(0, v.needed - v.reused), v.available));
    }
    return SpaceCheck.of(out, unchecked, mode.text());
  }

  /** A row of a file in {@code dir}: the live copy's, else master's, else any database's. */
  private static Row evidence(List<Row> rows, String dir, String live) {
    Row master = null;
    Row other = null;
    for (Row r : rows) {
      if (!key(parent(r.string("physical_name"))).equals(key(dir))) {
        continue;
      }
      if (live != null && live.equals(r.string("database_name"))) {
        return r;
      }
      if (r.integer("database_id") == MASTER_ID) {
        master = master == null ? r : master;
      } else if (other == null) {
        other = r;
      }
    }
    return master != null ? master : other;
  }

  private static long liveBytesIn(List<Row> rows, String dir, String live) {
    long sum = 0;
    for (Row r : rows) {
      if (live != null
          && live.equals(r.string("database_name"))
          && key(parent(r.string("physical_name"))).equals(key(dir))) {
        sum += r.longValue("size_bytes");
      }
    }
    return sum;
  }

  /** The directory part of a server-side path ({@code \} or {@code /} separated). */
  static String parent(String path) {
    int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i < 0 ? path : i == 0 ? path.substring(0, 1) : path.substring(0, i);
  }

  /**
   * A directory compared as SQL Server's file system would: without trailing separators, and
   * without regard to case for a Windows path ({@code D:\...} or {@code \\server\...}).
   */
  static String key(String dir) {
    String d = dir;
    while (d.length() > 1 && (d.endsWith("/") || d.endsWith("\\"))) {
      d = d.substring(0, d.length() - 1);
    }
    boolean windows = d.indexOf('\\') >= 0 || (d.length() >= 2 && d.charAt(1) == ':');
    return windows ? d.replace('/', '\\').toLowerCase(Locale.ROOT) : d;
  }

  private static final class Directory {
    final String path;
    final List<String> roles = new ArrayList<>();
    long needed;

    Directory(String path) {
      this.path = path;
    }

    String label() {
      return String.join("+", roles.stream().distinct().toList()) + " directory " + path;
    }
  }

  private static final class VolumeSum {
    final String name;
    final long available;
    final List<String> labels = new ArrayList<>();
    long needed;
    long reused;

    VolumeSum(String name, long available) {
      this.name = name;
      this.available = available;
    }
  }
}
