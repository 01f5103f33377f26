package org.cloudsync.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}), held on a connection of
 * its own for as long as it is held. PostgreSQL releases it when that session ends, which it does
 * when the holding process dies (its socket closes), so a killed process never leaves it behind. It
 * is what keeps two hosts sharing one PostgreSQL ledger from working on the same thing; an H2
 * ledger has none ({@link #supported}).
 *
 * <p>The lock's 64-bit key is the first 8 bytes of the SHA-256 of its name. The holder's session
 * carries a tag (at most 63 ASCII characters, PostgreSQL's limit for {@code application_name}) that
 * others read back with {@link #holderTag} to say who holds it.
 */
public final class AdvisoryLock implements AutoCloseable {
  private final Connection session;
  private final long key;

  private AdvisoryLock(Connection session, long key) {
    this.session = session;
    this.key = key;
  }

  /** The ledger can hold advisory locks (it is PostgreSQL). */
  public static boolean supported(Ledger ledger) {
    return ledger.isPostgres();
  }

  /**
   * Takes the lock named {@code name} without waiting, tagging the session with {@code tag}.
   *
   * @return the held lock, or empty when another session holds it
   * @throws org.cloudsync.format.CloudsyncException {@code LEDGER_UNAVAILABLE} when the ledger
   *     cannot be reached
   */
  public static Optional<AdvisoryLock> tryAcquire(Ledger ledger, String name, String tag) {
    Properties props = new Properties();
    props.setProperty("ApplicationName", tag);
    Connection c = ledger.connect(props);
    keepIdleSessionOpen(c);
    long key = key(name);
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return Optional.of(new AdvisoryLock(c, key));
        }
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw ledger.unavailable("cannot take an advisory lock in", e);
    }
    closeQuietly(c);
    return Optional.empty();
  }

  /**
   * The lock's session sits idle while it is held: a server-wide {@code idle_session_timeout}
   * (PostgreSQL 14 and later) would end it and drop the lock, so this session opts out. Older
   * servers do not know the setting and need nothing.
   */
  private static void keepIdleSessionOpen(Connection c) {
    try (Statement st = c.createStatement()) {
      st.execute("SET idle_session_timeout = 0");
    } catch (SQLException e) {
      // Before PostgreSQL 14: no such timeout.
    }
  }

  /**
   * The tag of the session holding the lock named {@code name}, empty when none does (or when the
   * ledger's user may not see that session).
   */
  public static Optional<String> holderTag(Ledger ledger, String name) {
    long key = key(name);
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT a.application_name FROM pg_locks l"
                      + " JOIN pg_stat_activity a ON a.pid = l.pid"
                      + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                      + " AND l.database = (SELECT oid FROM pg_database"
                      + " WHERE datname = current_database())"
                      + " AND l.classid::bigint = ? AND l.objid::bigint = ?")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffff_ffffL);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  static long key(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Releases the lock by ending its session. */
  @Override
  public void close() {
    try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      ps.setLong(1, key);
      ps.execute();
    } catch (SQLException e) {
      // Ending the session below releases it all the same.
    }
    closeQuietly(session);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing was written on this connection.
    }
  }
}
