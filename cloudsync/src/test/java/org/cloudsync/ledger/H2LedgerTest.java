package org.cloudsync.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the embedded default: an H2 file database. */
class H2LedgerTest extends LedgerContract {
  @TempDir Path dir;

  @Override
  String[] freshDatabase() {
    return new String[] {"jdbc:h2:file:" + dir.resolve("ledger"), null, null};
  }

  @Override
  Ledger reopen() {
    return Ledger.open("jdbc:h2:file:" + dir.resolve("ledger"), null, null, CLOCK);
  }
}
