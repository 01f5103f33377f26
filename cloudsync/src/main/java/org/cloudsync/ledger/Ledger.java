package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.config.Redaction;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The ledger database: an H2 file (the default) or PostgreSQL, reached by a JDBC URL. Opening it
 * applies the Flyway migrations in {@code db/migration}. Work runs in transactions ({@link
 * #inTransaction}); a transaction opened inside another joins it, so stores compose into one atomic
 * change.
 */
public final class Ledger implements AutoCloseable {
  /**
   * H2 transactions in this process run one at a time. H2 stores its file at each commit ({@code
   * WRITE_DELAY=0}) while other sessions may be half-way through a statement; a kill then can leave
   * a file that holds one half of such a statement and not its undo entry. That is the damage
   * {@code LEDGER_DAMAGED} names, which {@code SyncCrashTest} produced with H2's background writer
   * (the same race). With one transaction at a time, every stored file is between transactions. The
   * transactions are short (no restore or download runs inside one), so parallel centers lose
   * nothing to it. A PostgreSQL ledger is not serialised.
   */
  private static final ReentrantLock H2_TRANSACTIONS = new ReentrantLock();

  private final String url;
  private final Properties credentials;
  private final Clock clock;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  private final Connection keepOpen;

  private Ledger(String url, String user, String password, Clock clock) {
    this.url = url;
    this.clock = clock;
    this.credentials = credentials(user, password);
    // An embedded H2 database closes with its last connection; keeping one open spares reopening
    // the file for every transaction.
    this.keepOpen = url.startsWith("jdbc:h2:") ? connect() : null;
  }

  /** JDBC connection properties with the user and password that are given. */
  static Properties credentials(String user, String password) {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** Opens and migrates the ledger the configuration names. */
  public static Ledger open(CloudsyncConfig config, Clock clock) {
    return open(
        config.ledgerUrl(),
        config.ledgerUser(),
        config.ledgerPassword() == null ? null : config.ledgerPassword().reveal(),
        clock);
  }

  /** Opens and migrates the ledger at {@code url}. */
  public static Ledger open(String url, String user, String password, Clock clock) {
    Ledger ledger = new Ledger(url, user, password, clock);
    try {
      ledger.migrate();
    } catch (RuntimeException e) {
      ledger.close();
      throw e;
    }
    return ledger;
  }

  private void migrate() {
    try {
      flyway().migrate();
    } catch (FlywayException e) {
      throw unavailable("cannot migrate", e);
    }
  }

  /** The migration versions applied, oldest first (for {@code init} and tests). */
  public List<String> appliedVersions() {
    try {
      return Arrays.stream(flyway().info().applied())
          .filter(m -> m.getVersion() != null)
          .map(m -> m.getVersion().getVersion())
          .toList();
    } catch (FlywayException e) {
      throw unavailable("cannot read the migrations of", e);
    }
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(url, credentials.getProperty("user"), credentials.getProperty("password"))
        .locations("classpath:db/migration")
        .load();
  }

  /** Work on one connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
   * Inside another transaction on the same thread it joins that one.
   */
  public <T> T inTransaction(Work<T> work) {
    Connection joined = current.get();
    if (joined != null) {
      try {
        return work.run(joined);
      } catch (SQLException e) {
        throw unavailable("cannot write", e);
      }
    }
    ReentrantLock serial = isPostgres() ? null : H2_TRANSACTIONS;
    if (serial != null) {
      serial.lock();
    }
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      current.set(c);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        if (e instanceof SQLException sql) {
          throw unavailable("cannot write", sql);
        }
        throw e;
      } finally {
        current.remove();
      }
    } catch (SQLException e) {
      throw unavailable("cannot close a connection to", e);
    } finally {
      if (serial != null) {
        serial.unlock();
      }
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private Connection connect() {
    return connect(new Properties());
  }

  /** A connection of its own with {@code extra} driver properties (an advisory lock's session). */
  Connection connect(Properties extra) {
    Properties all = new Properties();
    all.putAll(credentials);
    all.putAll(extra);
    try {
      return DriverManager.getConnection(url, all);
    } catch (SQLException e) {
      throw unavailable("cannot connect to", e);
    }
  }

  /** The ledger is PostgreSQL, which several hosts may share. */
  boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  CloudsyncException unavailable(String what, Exception e) {
    SQLException damage = H2LedgerRepair.damage(e);
    if (damage != null) {
      return new CloudsyncException(
          ErrorCode.LEDGER_DAMAGED,
          "the ledger at "
              + Redaction.redact(stripCredentials(url))
              + " is damaged: "
              + Redaction.redact(damage.getMessage().replaceAll("\\s*\\[\\d+-\\d+]$", ""))
              + " (an index names a row its table does not hold; a process killed while H2"
              + " wrote the file leaves this)",
          List.of(
              "stop every cloudsync process that uses this ledger, then run: cloudsync ledger repair",
              "repair copies every row the tables hold into a new file with new indexes and"
                  + " keeps the damaged file beside it; see \"H2 ledger damaged\" in the README"),
          e);
    }
    return new CloudsyncException(
        ErrorCode.LEDGER_UNAVAILABLE,
        what
            + " the ledger at "
            + Redaction.redact(stripCredentials(url))
            + ": "
            + Redaction.redact(String.valueOf(e.getMessage())),
        List.of(
            "check ledger.url in cloudsync.properties and that the database is running",
            "an H2 ledger file is locked while another cloudsync process uses it"),
        e);
  }

  static String stripCredentials(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
  }

  Clock clock() {
    return clock;
  }

  /** The JDBC URL, credentials removed. */
  public String describe() {
    return stripCredentials(url);
  }

  @Override
  public void close() {
    if (keepOpen != null) {
      try {
        keepOpen.close();
      } catch (SQLException e) {
        // Closing is best effort: the data is committed.
      }
    }
  }
}
