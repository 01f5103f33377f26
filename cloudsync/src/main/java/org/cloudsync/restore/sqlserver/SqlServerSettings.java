package org.cloudsync.restore.sqlserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.cloudsync.format.plan.BackupFile;

/**
 * How the SQL Server engine works on one instance ({@code cloudsync server add} options).
 *
 * @param dataDir server-side directory for data files ({@code WITH MOVE}), null to keep the
 *     backup's paths
 * @param logDir server-side directory for log files, given together with {@code dataDir}
 * @param standbyDir server-side directory for {@code STANDBY} undo files, null when no center on
 *     this server keeps a readable standby
 * @param pathMap where SQL Server sees the staged files
 * @param stagedPath where cloudsync staged a planned file (by default its {@link
 *     BackupFile#path()})
 * @param readerGrace how long readers of a standby database may finish before their sessions are
 *     ended
 * @param exclusiveAccessRetries how many times a restore is retried after error 3101 (a reader
 *     reconnected)
 * @param retryDelay the pause before such a retry
 * @param checkTde look up a full or differential's TDE thumbprint ({@code FILELISTONLY}) and refuse
 *     it when its certificate is not installed
 * @param maxConcurrentRestores how many restores this engine runs at once on the instance (other
 *     centers' steps wait their turn)
 */
public record SqlServerSettings(
    String dataDir,
    String logDir,
    String standbyDir,
    PathMap pathMap,
    Function<BackupFile, Path> stagedPath,
    Duration readerGrace,
    int exclusiveAccessRetries,
    Duration retryDelay,
    boolean checkTde,
    int maxConcurrentRestores) {

  public SqlServerSettings {
    Objects.requireNonNull(pathMap, "pathMap");
    Objects.requireNonNull(stagedPath, "stagedPath");
    Objects.requireNonNull(readerGrace, "readerGrace");
    Objects.requireNonNull(retryDelay, "retryDelay");
    if ((dataDir == null) != (logDir == null)) {
      throw new IllegalArgumentException("data and log directories go together: give both or none");
    }
    if (maxConcurrentRestores < 1) {
      throw new IllegalArgumentException("max concurrent restores < 1: " + maxConcurrentRestores);
    }
    if (exclusiveAccessRetries < 0) {
      throw new IllegalArgumentException("retries < 0: " + exclusiveAccessRetries);
    }
  }

  /**
   * Defaults: no MOVE, no standby, no path map, 5 minutes' grace, 3 retries 10 s apart, TDE check,
   * 2 concurrent restores.
   */
  public static SqlServerSettings defaults() {
    return new SqlServerSettings(
        null,
        null,
        null,
        PathMap.identity(),
        f -> Path.of(f.path()),
        Duration.ofMinutes(5),
        3,
        Duration.ofSeconds(10),
        true,
        2);
  }

  public SqlServerSettings withDirectories(String data, String log) {
    return new SqlServerSettings(
        data,
        log,
        standbyDir,
        pathMap,
        stagedPath,
        readerGrace,
        exclusiveAccessRetries,
        retryDelay,
        checkTde,
        maxConcurrentRestores);
  }

  public SqlServerSettings withStandbyDir(String dir) {
    return new SqlServerSettings(
        dataDir,
        logDir,
        dir,
        pathMap,
        stagedPath,
        readerGrace,
        exclusiveAccessRetries,
        retryDelay,
        checkTde,
        maxConcurrentRestores);
  }

  public SqlServerSettings withPathMap(PathMap map, Function<BackupFile, Path> staged) {
    return new SqlServerSettings(
        dataDir,
        logDir,
        standbyDir,
        map,
        staged,
        readerGrace,
        exclusiveAccessRetries,
        retryDelay,
        checkTde,
        maxConcurrentRestores);
  }

  public SqlServerSettings withReaders(Duration grace, int retries, Duration delay) {
    return new SqlServerSettings(
        dataDir,
        logDir,
        standbyDir,
        pathMap,
        stagedPath,
        grace,
        retries,
        delay,
        checkTde,
        maxConcurrentRestores);
  }

  public SqlServerSettings withTdeCheck(boolean check) {
    return new SqlServerSettings(
        dataDir,
        logDir,
        standbyDir,
        pathMap,
        stagedPath,
        readerGrace,
        exclusiveAccessRetries,
        retryDelay,
        check,
        maxConcurrentRestores);
  }

  public SqlServerSettings withMaxConcurrentRestores(int n) {
    return new SqlServerSettings(
        dataDir,
        logDir,
        standbyDir,
        pathMap,
        stagedPath,
        readerGrace,
        exclusiveAccessRetries,
        retryDelay,
        checkTde,
        n);
  }

  /** The server-side path of a planned file. */
  String serverPath(BackupFile f) {
    return pathMap.toServer(stagedPath.apply(f));
  }
}
