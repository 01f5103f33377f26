package org.cloudsync.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Who holds a center's lock: a process on a host since a time. It is written into the lock file
 * (and, on a PostgreSQL ledger, into the advisory lock's session tag) so that a process finding the
 * lock taken can say who has it.
 *
 * @param pid the holding process's id
 * @param host the holding process's host name
 * @param since when it took the lock, to the second
 */
public record LockHolder(long pid, String host, Instant since) {
  private static final String TAG_PREFIX = "cloudsync:";
  private static final String HOST = lookUpHostName();

  /** This process, taking a lock now. */
  public static LockHolder thisProcess(Instant now) {
    return new LockHolder(
        ProcessHandle.current().pid(), hostName(), now.truncatedTo(ChronoUnit.SECONDS));
  }

  /** This host's name, looked up once (the lookup may ask DNS). */
  static String hostName() {
    return HOST;
  }

  private static String lookUpHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown-host" : env;
    }
  }

  /** The lock file's text: {@code pid=}, {@code host=} and {@code since=} lines. */
  String fileText() {
    return "pid=" + pid + "\nhost=" + host + "\nsince=" + since + "\n";
  }

  /** Reads {@link #fileText()}; empty when the text is not whole (a holder still writing it). */
  static Optional<LockHolder> parseFile(String text) {
    Long pid = null;
    String host = null;
    Instant since = null;
    try {
      for (String line : text.split("\n")) {
        if (line.startsWith("pid=")) {
          pid = Long.parseLong(line.substring(4).trim());
        } else if (line.startsWith("host=")) {
          host = line.substring(5).trim();
        } else if (line.startsWith("since=")) {
          since = Instant.parse(line.substring(6).trim());
        }
      }
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
    return pid == null || host == null || host.isEmpty() || since == null
        ? Optional.empty()
        : Optional.of(new LockHolder(pid, host, since));
  }

  /**
   * The advisory lock's session tag, {@code cloudsync:PID:EPOCH-SECONDS:HOST}; PostgreSQL keeps 63
   * characters, so only a long host name is cut.
   */
  String sessionTag() {
    return TAG_PREFIX + pid + ":" + since.getEpochSecond() + ":" + host;
  }

  /** Reads {@link #sessionTag()}; empty when it is not one. */
  static Optional<LockHolder> parseSessionTag(String tag) {
    if (tag == null || !tag.startsWith(TAG_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = tag.substring(TAG_PREFIX.length()).split(":", 3);
    try {
      return parts.length == 3 && !parts[2].isEmpty()
          ? Optional.of(
              new LockHolder(
                  Long.parseLong(parts[0]),
                  parts[2],
                  Instant.ofEpochSecond(Long.parseLong(parts[1]))))
          : Optional.empty();
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The holder runs on this host (by name). */
  boolean onThisHost() {
    return host.equals(hostName());
  }

  /**
   * The holder is on this host and its process is gone (no process has its id, or the one that has
   * it started after the lock was taken: the id was reused).
   */
  boolean goneFromThisHost() {
    if (!onThisHost()) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = p.get().info().startInstant();
    return started.isPresent() && started.get().isAfter(since.plusSeconds(1));
  }

  /** {@code pid 123 on host h since 2026-11-26T12:00:00Z}. */
  @Override
  public String toString() {
    return "pid " + pid + " on host " + host + " since " + since;
  }
}
