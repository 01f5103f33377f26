package org.cloudsync.restore.sqlserver;

import com.microsoft.sqlserver.jdbc.ISQLServerConnection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link SqlSession} over one mssql-jdbc connection. Server messages are taken from the driver's
 * {@code ISQLServerMessageHandler}, the only way mssql-jdbc hands over informational messages (such
 * as {@code STATS} progress) while a statement still runs; each is passed on and then left to the
 * driver's default handling, so errors still become exceptions.
 */
final class JdbcSqlSession implements SqlSession {
  private final Connection connection;
  private volatile Statement running;
  private volatile Consumer<ServerMessage> listener;

  JdbcSqlSession(Connection connection) throws SQLException {
    this.connection = connection;
    connection
        .unwrap(ISQLServerConnection.class)
        .setServerMessageHandler(
            message -> {
              Consumer<ServerMessage> l = listener;
              if (l != null) {
                l.accept(
                    new ServerMessage(
                        message.getErrorNumber(),
                        message.getErrorSeverity(),
                        message.getErrorMessage()));
              }
              return message;
            });
  }

  @Override
  public List<Row> query(String sql, Object... params) throws SQLException {
    if (params.length == 0) {
      try (Statement st = connection.createStatement()) {
        st.setQueryTimeout(0);
        try (ResultSet rs = st.executeQuery(sql)) {
          return rows(rs);
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        ps.setObject(i + 1, p instanceof BigInteger b ? new BigDecimal(b) : p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  private static List<Row> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Row> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        m.put(md.getColumnLabel(c), rs.getObject(c));
      }
      rows.add(new Row(m));
    }
    return rows;
  }

  @Override
  public void execute(String sql, Consumer<ServerMessage> messages) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.setQueryTimeout(0);
      listener = messages;
      running = st;
      boolean result = st.execute(sql);
      // Drain every result so that errors raised after the first are thrown too.
      while (result || st.getUpdateCount() != -1) {
        result = st.getMoreResults();
      }
    } finally {
      running = null;
      listener = null;
    }
  }

  @Override
  public void cancel() {
    Statement st = running;
    if (st != null) {
      try {
        st.cancel();
      } catch (SQLException e) {
        // The statement ended meanwhile: nothing left to cancel.
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a broken connection: nothing to do.
    }
  }
}
