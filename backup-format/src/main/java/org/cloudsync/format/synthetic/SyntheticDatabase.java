package org.cloudsync.format.synthetic;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.Lsn;

/**
 * A pretend database whose backups follow SQL Server's chain rules, for building consistent headers
 * in code: each log starts where the previous log ended, logs and diffs point at the latest full
 * (its checkpoint LSN and BackupSetGUID), a diff's base is the latest full, and a later full does
 * not break the log chain. GUIDs and LSN steps come from a seeded {@link Random}, so the same seed
 * gives the same headers. No clock is read: every backup is taken at a time the caller gives.
 *
 * <p>Not thread-safe: it is a sequence of backups.
 */
public final class SyntheticDatabase {
  private static final long VLF_BLOCKS = 0x4000;

  private final String name;
  private final ZoneOffset zone;
  private final Random random;
  private final List<DatabaseFile> files;
  private UUID recoveryFork;
  private long vlf;
  private long block;
  private Lsn logStart;
  private BackupHeader latestFull;

  /**
   * @param zone the server's offset, recorded in every header (the time-zone byte of SSET)
   * @param seed seeds GUIDs, LSN steps and the starting LSN
   */
  public SyntheticDatabase(String name, ZoneOffset zone, long seed) {
    this.name = Objects.requireNonNull(name, "name");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.random = new Random(seed);
    this.recoveryFork = nextGuid();
    this.vlf = 20 + random.nextInt(40);
    this.block = 0x10 + random.nextInt(0x100);
    this.files =
        List.of(
            new DatabaseFile(1, 1, name, "D:\\SQLData\\" + name + ".mdf", 64L << 20),
            new DatabaseFile(2, 0, name + "_log", "L:\\SQLLogs\\" + name + "_log.ldf", 16L << 20));
  }

  /** The database name written into every header. */
  public String name() {
    return name;
  }

  /** The recovery fork later backups carry. */
  public UUID recoveryForkId() {
    return recoveryFork;
  }

  /** The latest full backup taken, or null. */
  public BackupHeader latestFull() {
    return latestFull;
  }

  /** Where the next log backup will start (null before the first full). */
  public Lsn logChainEnd() {
    return logStart;
  }

  /**
   * Starts a new recovery fork, as a restore {@code WITH RECOVERY} to an earlier point does: later
   * backups carry a new RecoveryForkID.
   */
  public void newRecoveryFork() {
    recoveryFork = nextGuid();
  }

  /** A full backup taken at {@code start}. It does not break the log chain. */
  public BackupHeader full(LocalDateTime start) {
    Lsn checkpoint = advance(8, 64);
    Lsn last = advance(4, 40);
    BackupHeader h =
        base(BackupType.FULL, start, Duration.ofSeconds(20 + random.nextInt(40)))
            .firstLsn(checkpoint)
            .lastLsn(last)
            .checkpointLsn(checkpoint)
            .databaseBackupLsn(latestFull == null ? Lsn.ZERO : latestFull.checkpointLsn())
            .baseBackupSetGuid(latestFull == null ? null : latestFull.backupSetGuid())
            .backupSize((long) (2 + random.nextInt(30)) << 20)
            .build();
    if (logStart == null) {
      logStart = checkpoint;
    }
    latestFull = h;
    return h;
  }

  /** A differential backup on the latest full. */
  public BackupHeader diff(LocalDateTime start) {
    BackupHeader full = requireFull("differential");
    Lsn checkpoint = advance(8, 64);
    Lsn last = advance(2, 20);
    return base(BackupType.DIFFERENTIAL, start, Duration.ofSeconds(5 + random.nextInt(20)))
        .firstLsn(checkpoint)
        .lastLsn(last)
        .checkpointLsn(checkpoint)
        .databaseBackupLsn(full.checkpointLsn())
        .differentialBaseLsn(full.checkpointLsn())
        .differentialBaseGuid(full.backupSetGuid())
        .baseBackupSetGuid(full.backupSetGuid())
        .backupSize((long) (1 + random.nextInt(8)) << 20)
        .build();
  }

  /** A log backup holding every log record since the previous log backup. */
  public BackupHeader log(LocalDateTime start) {
    Lsn first = logStartAfterFull();
    Lsn last = advance(2, 120);
    logStart = last;
    return logHeader(start, first, last, (long) (1 + random.nextInt(64)) << 16);
  }

  /** A log backup with no log records (FirstLSN = LastLSN). */
  public BackupHeader emptyLog(LocalDateTime start) {
    Lsn at = logStartAfterFull();
    return logHeader(start, at, at, 0L);
  }

  private Lsn logStartAfterFull() {
    requireFull("log");
    return logStart;
  }

  private BackupHeader logHeader(LocalDateTime start, Lsn first, Lsn last, long size) {
    BackupHeader full = latestFull;
    return base(BackupType.LOG, start, Duration.ofSeconds(1 + random.nextInt(3)))
        .firstLsn(first)
        .lastLsn(last)
        .checkpointLsn(full.checkpointLsn().isAfter(first) ? full.checkpointLsn() : first)
        .databaseBackupLsn(full.checkpointLsn())
        .baseBackupSetGuid(full.backupSetGuid())
        .backupSize(size)
        .build();
  }

  private BackupHeader requireFull(String what) {
    if (latestFull == null) {
      throw new IllegalStateException("a " + what + " backup of " + name + " needs a full first");
    }
    return latestFull;
  }

  private BackupHeader.Builder base(BackupType type, LocalDateTime start, Duration took) {
    UUID set = nextGuid();
    return BackupHeader.builder()
        .backupType(type)
        .databaseName(name)
        .serverName(SyntheticBackupWriter.SERVER_NAME)
        .machineName(SyntheticBackupWriter.SERVER_NAME)
        .userName(SyntheticBackupWriter.USER_NAME)
        .backupStartDate(start)
        .backupFinishDate(start.plus(took))
        .timeZoneOffset(zone)
        .backupSetGuid(set)
        .mediaSetId(nextGuid())
        .mediaFamilyId(random.nextLong() & 0xFFFF_FFFFL)
        .recoveryForkId(recoveryFork)
        .softwareVersion(SyntheticBackupWriter.DEFAULT_VERSION)
        .files(files);
  }

  private Lsn advance(int minBlocks, int maxBlocks) {
    block += minBlocks + random.nextInt(maxBlocks - minBlocks + 1);
    if (block >= VLF_BLOCKS) {
      vlf++;
      block = 0x10 + random.nextInt(0x40);
    }
    return new Lsn(vlf, block, 1 + random.nextInt(0x100));
  }

  private UUID nextGuid() {
    long hi = random.nextLong() & ~0xF000L | 0x4000L;
    long lo = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(hi, lo);
  }
}
