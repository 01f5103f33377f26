package org.cloudsync.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The same search for secrets with the ledger on PostgreSQL, named by {@code ledger.url}. */
@Tag("postgres")
class SecretsStayHiddenOnPostgresTest extends SecretsStayHiddenTest {
  private static EmbeddedPostgres server;

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
  void configureLedger(Path home) throws Exception {
    Files.writeString(
        home.resolve("cloudsync.properties"),
        "ledger.url=" + server.getJdbcUrl("postgres", "postgres") + "\nledger.user=postgres\n",
        StandardOpenOption.APPEND);
  }
}
