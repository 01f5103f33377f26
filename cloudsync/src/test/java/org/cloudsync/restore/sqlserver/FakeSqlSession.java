package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scripted SQL Server: queries are answered by the newest matching rule; statements are recorded
 * and {@code RESTORE} statements (other than HEADERONLY/FILELISTONLY/LABELONLY, which are queries)
 * take their outcome from a queue (by default: SQL Server's 3014 confirmation). No SQL Server can
 * run on the build machines; this is the seam's other side, not a mock of something that could.
 */
final class FakeSqlSession implements SqlSession {
  private record Rule(Predicate<String> sql, Function<Object[], List<Row>> answer) {}

  /** What one {@code RESTORE} does: messages sent while it runs, then an error or success. */
  record Execution(
      List<ServerMessage> messages, SQLException error, boolean blockUntilCancel, Runnable after) {
    static Execution ok(ServerMessage... messages) {
      return new Execution(List.of(messages), null, false, () -> {});
    }

    /** Succeeds without messages, then runs {@code after} (e.g. to move the scripted position). */
    static Execution silentlyThen(Runnable after) {
      return new Execution(List.of(), null, false, after);
    }

    static Execution fail(SQLException e, ServerMessage... messages) {
      return new Execution(List.of(messages), e, false, () -> {});
    }

    static Execution hangUntilCancelled() {
      return new Execution(List.of(), null, true, () -> {});
    }
  }

  private final List<Rule> rules = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Deque<Execution> executions = new java.util.concurrent.ConcurrentLinkedDeque<>();
  final List<String> executed = Collections.synchronizedList(new ArrayList<>());
  final List<String> queried = Collections.synchronizedList(new ArrayList<>());
  final List<Object[]> queryParams = Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch cancelled = new CountDownLatch(1);
  int opened;
  private Function<String, SQLException> statementError;
  private Function<String, SQLException> queryError;

  /** Every query fails with the exception made from its text. */
  FakeSqlSession failQueries(Function<String, SQLException> error) {
    queryError = error;
    return this;
  }

  /** Queries starting with {@code prefix} fail with {@code error}. */
  FakeSqlSession failOn(String prefix, SQLException error) {
    Function<String, SQLException> previous = queryError;
    queryError =
        sql -> sql.startsWith(prefix) ? error : previous == null ? null : previous.apply(sql);
    return this;
  }

  /**
   * Statements run with {@link #execute} fail with the exception made from their text (none when it
   * gives null).
   */
  FakeSqlSession failStatements(Function<String, SQLException> error) {
    statementError = error;
    return this;
  }

  static final ServerMessage CONFIRMED =
      new ServerMessage(
          3014, 0, "RESTORE LOG successfully processed 2 pages in 0.010 seconds (1.562 MB/sec).");

  static SQLException error(int number, String text) {
    return new SQLException(text, "S0001", number);
  }

  static ServerMessage errorMessage(int number, String text) {
    return new ServerMessage(number, 16, text);
  }

  FakeSqlSession on(Predicate<String> sql, Function<Object[], List<Row>> answer) {
    rules.add(0, new Rule(sql, answer));
    return this;
  }

  FakeSqlSession on(String sqlPrefix, Row... rows) {
    return on(s -> s.startsWith(sqlPrefix), p -> List.of(rows));
  }

  FakeSqlSession onContaining(String part, Row... rows) {
    return on(s -> s.contains(part), p -> List.of(rows));
  }

  FakeSqlSession then(Execution e) {
    executions.add(e);
    return this;
  }

  /** Statements run with {@link #execute} that start with {@code prefix}. */
  List<String> executed(String prefix) {
    synchronized (executed) {
      return executed.stream().filter(s -> s.startsWith(prefix)).toList();
    }
  }

  @Override
  public List<Row> query(String sql, Object... params) throws SQLException {
    queried.add(sql);
    queryParams.add(params);
    SQLException failure = queryError == null ? null : queryError.apply(sql);
    if (failure != null) {
      throw failure;
    }
    for (Rule r : rules) {
      if (r.sql().test(sql)) {
        return r.answer().apply(params);
      }
    }
    throw new AssertionError("unscripted query: " + sql);
  }

  @Override
  public void execute(String sql, Consumer<ServerMessage> messages) throws SQLException {
    executed.add(sql);
    SQLException failure = statementError == null ? null : statementError.apply(sql);
    if (failure != null) {
      throw failure;
    }
    if (!sql.startsWith("RESTORE")) {
      return;
    }
    Execution e = executions.isEmpty() ? Execution.ok(CONFIRMED) : executions.poll();
    started.countDown();
    if (e.blockUntilCancel()) {
      try {
        if (!cancelled.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("never cancelled");
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      throw new SQLException("The query was canceled.", "HY008", 0);
    }
    e.messages().forEach(messages);
    if (e.error() != null) {
      throw e.error();
    }
    e.after().run();
  }

  @Override
  public void cancel() {
    cancelled.countDown();
  }

  @Override
  public void close() {}
}
