package org.cloudsync.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.AdvisoryLock;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;

/**
 * Per-center exclusive locks, so that no two cloudsync processes (two {@code sync} commands, or a
 * command and a scheduled cycle) work on the same health center at once.
 *
 * <p>A lock is {@link FileChannel#tryLock() an operating-system lock} on {@code
 * DIRECTORY/CENTER.lock}, into which the holder writes its pid, host and start time (see {@link
 * LockHolder}). The operating system releases it when the process ends, even by SIGKILL, so a lock
 * file is never stale and is never deleted (deleting it would let two processes lock two different
 * files of one name). The lock directory must be on a local file system.
 *
 * <p>When the ledger is PostgreSQL, which hosts with homes of their own may share, the holder also
 * takes a PostgreSQL {@link AdvisoryLock} named after the center; PostgreSQL releases it when the
 * holder's session ends. A process on this host that was just killed may keep its session for a
 * moment: when the advisory lock's holder is such a process, this waits up to {@link
 * #GONE_HOLDER_WAIT} for PostgreSQL to notice. A host that vanishes without closing its connection
 * (power lost, network cut) keeps its advisory locks until PostgreSQL finds the connection dead,
 * which its {@code tcp_keepalives_*} settings govern.
 *
 * <p>Within one JVM the locks held are also tracked in memory, so a second attempt in the same
 * process is refused without opening the file again (on POSIX systems closing any descriptor of a
 * file drops the process's locks on it).
 */
public final class CenterLocks {
  /** How long to wait for the session of a holder on this host that is gone to end. */
  static final Duration GONE_HOLDER_WAIT = Duration.ofSeconds(10);

  private static final Map<Path, LockHolder> HELD_HERE = new ConcurrentHashMap<>();

  private final Path directory;
  private final Ledger ledger;
  private final Clock clock;

  /**
   * Locks in {@code directory} (made on first use).
   *
   * @param ledger the ledger, for an advisory lock as well when it is PostgreSQL; null for file
   *     locks only
   */
  public CenterLocks(Path directory, Ledger ledger, Clock clock) {
    this.directory = directory.toAbsolutePath().normalize();
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The lock file of {@code center}. */
  public Path file(CenterId center) {
    return directory.resolve(center.value() + ".lock");
  }

  /**
   * Takes {@code center}'s lock without waiting.
   *
   * @throws CloudsyncException {@code CENTER_BUSY} naming the holder when another process (or
   *     another cycle in this one) holds it; {@code OUTPUT_UNWRITABLE} when the lock file cannot be
   *     opened; {@code LEDGER_UNAVAILABLE} when a PostgreSQL ledger cannot be reached
   */
  public CenterLock acquire(CenterId center) {
    Path file = file(center);
    LockHolder me = LockHolder.thisProcess(clock.instant());
    LockHolder already;
    synchronized (HELD_HERE) {
      already = HELD_HERE.putIfAbsent(file, me);
    }
    if (already != null) {
      throw busy(center, Optional.of(already), "another cycle in this process");
    }
    boolean held = false;
    try {
      CenterLock lock = lockFile(center, file, me);
      held = true;
      return lock;
    } finally {
      if (!held) {
        HELD_HERE.remove(file, me);
      }
    }
  }

  private CenterLock lockFile(CenterId center, Path file, LockHolder me) {
    FileChannel channel = open(center, file);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      throw unwritable(center, file, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw busy(center, readHolder(file), "another cloudsync process");
    }
    AdvisoryLock advisory = null;
    try {
      byte[] text = me.fileText().getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text), 0);
      channel.force(false);
      if (ledger != null && AdvisoryLock.supported(ledger)) {
        advisory = advisory(center, me);
      }
    } catch (IOException e) {
      CenterLock.release(channel);
      throw unwritable(center, file, e);
    } catch (RuntimeException e) {
      CenterLock.release(channel);
      throw e;
    }
    return new CenterLock(center, file, me, channel, advisory, () -> HELD_HERE.remove(file, me));
  }

  private AdvisoryLock advisory(CenterId center, LockHolder me) {
    String name = advisoryName(center);
    long deadline = System.nanoTime() + GONE_HOLDER_WAIT.toNanos();
    while (true) {
      Optional<AdvisoryLock> taken = AdvisoryLock.tryAcquire(ledger, name, me.sessionTag());
      if (taken.isPresent()) {
        return taken.get();
      }
      Optional<LockHolder> holder =
          AdvisoryLock.holderTag(ledger, name).flatMap(LockHolder::parseSessionTag);
      boolean waitForIt =
          holder.isPresent() && holder.get().goneFromThisHost() && System.nanoTime() < deadline;
      if (!waitForIt) {
        throw busy(center, holder, "another cloudsync process sharing the ledger");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy(center, holder, "another cloudsync process sharing the ledger");
      }
    }
  }

  private static String advisoryName(CenterId center) {
    return "cloudsync center " + center.value();
  }

  /**
   * Who holds {@code center}'s lock right now, empty when nobody does (for {@code status}). It
   * reads without locking: on a PostgreSQL ledger the advisory lock's holder, else the lock file's
   * holder when that process is still running on this host.
   */
  public Optional<LockHolder> holder(CenterId center) {
    Path file = file(center);
    synchronized (HELD_HERE) {
      LockHolder here = HELD_HERE.get(file);
      if (here != null) {
        return Optional.of(here);
      }
      if (ledger != null && AdvisoryLock.supported(ledger)) {
        return AdvisoryLock.holderTag(ledger, advisoryName(center))
            .flatMap(LockHolder::parseSessionTag);
      }
      return readHolder(file).filter(h -> h.onThisHost() && !h.goneFromThisHost());
    }
  }

  private FileChannel open(CenterId center, Path file) {
    try {
      Files.createDirectories(directory);
      return FileChannel.open(
          file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw unwritable(center, file, e);
    }
  }

  private static Optional<LockHolder> readHolder(Path file) {
    try {
      return LockHolder.parseFile(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static CloudsyncException busy(
      CenterId center, Optional<LockHolder> holder, String whom) {
    return new CloudsyncException(
        ErrorCode.CENTER_BUSY,
        "health center '"
            + center
            + "' is being synced by "
            + whom
            + " ("
            + holder.map(LockHolder::toString).orElse("which has not said who it is yet")
            + "); skipped it",
        "that process reports this center's outcome; sync it again once that process has ended",
        "the lock ends with its process, even a killed one: there is nothing to remove by hand");
  }

  private static CloudsyncException unwritable(CenterId center, Path file, Exception e) {
    return new CloudsyncException(
        ErrorCode.OUTPUT_UNWRITABLE,
        "cannot lock health center '"
            + center
            + "' with '"
            + file
            + "': "
            + e.getClass().getSimpleName()
            + " "
            + e.getMessage(),
        List.of(
            "check that this user may write to '" + file.getParent() + "'",
            "the lock directory must be on a local file system"),
        e);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written.
    }
  }
}
