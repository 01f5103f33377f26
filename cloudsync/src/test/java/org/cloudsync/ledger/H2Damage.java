package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.result.Row;
import org.h2.table.Table;

/**
 * Makes, through H2's internals (only tests touch them), the damage a kill once left in the H2
 * ledger ({@code SyncCrashTest} without {@code WRITE_DELAY=0}, seed 103): a row gone from its
 * table's primary index while the table's other indexes still name it.
 */
public final class H2Damage {
  private H2Damage() {}

  /** Removes row {@code id} of {@code table} from the primary index alone and stores the file. */
  public static void removeFromPrimaryIndex(String url, String table, long id) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      SessionLocal session = (SessionLocal) ((JdbcConnection) c).getSession();
      Table t = session.getDatabase().getSchema("PUBLIC").findTableOrView(session, table);
      Row row = t.getRow(session, id);
      t.getScanIndex(session).remove(session, row);
      c.commit();
    }
  }
}
