package org.cloudsync.ledger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.Lsn;

/** JDBC column conversions shared by the stores, alike on H2 and PostgreSQL. */
final class Rows {
  /** SQLSTATE of a unique-constraint violation, on H2 and PostgreSQL alike. */
  static final String UNIQUE_VIOLATION = "23505";

  private Rows() {}

  /** Reads the row a result set stands on. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Every row {@code sql} selects, with {@code params} bound in order, read by {@code reader}. */
  static <T> List<T> list(Connection c, String sql, Reader<T> reader, String... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
        }
      }
      return out;
    }
  }

  static void setTime(PreparedStatement ps, int i, OffsetDateTime t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, t.withOffsetSameInstant(ZoneOffset.UTC));
    }
  }

  static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  static void setLocal(PreparedStatement ps, int i, LocalDateTime t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP);
    } else {
      ps.setObject(i, t);
    }
  }

  static LocalDateTime local(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, LocalDateTime.class);
  }

  static void setLsn(PreparedStatement ps, int i, Lsn lsn) throws SQLException {
    if (lsn == null) {
      ps.setNull(i, Types.NUMERIC);
    } else {
      ps.setBigDecimal(i, new BigDecimal(lsn.toBigInteger()));
    }
  }

  static Lsn lsn(ResultSet rs, String column) throws SQLException {
    BigDecimal d = rs.getBigDecimal(column);
    return d == null ? null : Lsn.fromDecimal(d.toBigIntegerExact());
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
