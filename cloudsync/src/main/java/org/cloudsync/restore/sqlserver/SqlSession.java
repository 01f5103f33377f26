package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The few things the SQL Server engine asks of a connection. A seam: {@link JdbcSqlSession} runs
 * them over mssql-jdbc; tests script a server, since none can run on the build machines.
 * Implementations never log statement text (some statements carry secrets).
 */
public interface SqlSession extends AutoCloseable {
  /**
   * Runs a query with {@code ?} parameters ({@code String}, {@code Integer}, {@code byte[]}, ...).
   */
  List<Row> query(String sql, Object... params) throws SQLException;

  /**
   * Runs a statement without a query timeout. Server messages ({@code STATS} progress, errors)
   * reach {@code messages} while it runs. Throws the server's error when it fails.
   */
  void execute(String sql, Consumer<ServerMessage> messages) throws SQLException;

  /** Cancels the statement {@link #execute} is running, from another thread; no-op when idle. */
  void cancel();

  @Override
  void close();
}
