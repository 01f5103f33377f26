package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the sessions of readers of a standby database before a restore, as log shipping's
 * "disconnect users" does: wait up to a grace period for them to leave, then {@code KILL} each
 * remaining session. A reader that reconnects before the restore starts makes it fail with error
 * 3101; the engine then retries. Needs {@code VIEW SERVER STATE} (to see the sessions) and {@code
 * ALTER ANY CONNECTION} (to end them).
 */
final class ReaderSessions {
  static final String SESSIONS_SQL =
      "SELECT session_id FROM sys.dm_exec_sessions"
          + " WHERE database_id = DB_ID(?) AND session_id <> @@SPID";

  /** Pauses; tests pass one that only advances a clock. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Sleeper sleeper;

  ReaderSessions(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /**
   * Waits up to {@code grace} (polling every 5 s at most) for readers of {@code database} to leave,
   * then ends the rest.
   *
   * @return the session ids ended
   */
  List<Integer> clear(SqlSession session, String database, Duration grace)
      throws SQLException, InterruptedException {
    Duration step = grace.compareTo(Duration.ofSeconds(5)) < 0 ? grace : Duration.ofSeconds(5);
    Duration waited = Duration.ZERO;
    List<Integer> ids = sessions(session, database);
    while (!ids.isEmpty() && waited.compareTo(grace) < 0 && !step.isZero()) {
      sleeper.sleep(step);
      waited = waited.plus(step);
      ids = sessions(session, database);
    }
    for (int id : ids) {
      session.execute(killStatement(id), m -> {});
    }
    return ids;
  }

  static String killStatement(int sessionId) {
    if (sessionId <= 0) {
      throw new IllegalArgumentException("session id " + sessionId);
    }
    return "KILL " + sessionId;
  }

  private static List<Integer> sessions(SqlSession session, String database) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    for (Row r : session.query(SESSIONS_SQL, database)) {
      ids.add(r.integer("session_id"));
    }
    return ids;
  }
}
