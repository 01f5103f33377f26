package org.cloudsync.restore.sqlserver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * One result row, read by column name without regard to case. Values are what the JDBC driver
 * returns ({@code BigDecimal} for {@code numeric(25,0)} LSNs, {@code String} for {@code
 * uniqueidentifier}, {@code Timestamp}, {@code byte[]}, ...); the getters convert.
 */
public final class Row {
  private final Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public Row(Map<String, ?> values) {
    this.values.putAll(values);
  }

  /** A row from alternating column names and values, for tests. */
  public static Row of(Object... nameValue) {
    Map<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put((String) nameValue[i], nameValue[i + 1]);
    }
    return new Row(m);
  }

  public boolean has(String column) {
    return values.containsKey(column);
  }

  public Object get(String column) {
    return values.get(column);
  }

  public String string(String column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  public Integer integer(String column) {
    Object v = values.get(column);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return Integer.parseInt(v.toString().strip());
  }

  public Long longValue(String column) {
    Object v = values.get(column);
    if (v == null) {
      return null;
    }
    return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip());
  }

  /** A {@code bit} column: true, false, or null. */
  public Boolean bool(String column) {
    Object v = values.get(column);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return integer(column) != 0;
  }

  /** A {@code numeric(25,0)} LSN column, or null; 0 reads as {@link Lsn#ZERO}. */
  public Lsn lsn(String column) {
    Object v = values.get(column);
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return Lsn.fromDecimal(d.toBigIntegerExact());
    }
    if (v instanceof BigInteger i) {
      return Lsn.fromDecimal(i);
    }
    if (v instanceof Number n) {
      return Lsn.fromDecimal(BigInteger.valueOf(n.longValue()));
    }
    return Lsn.parse(v.toString());
  }

  public UUID uuid(String column) {
    Object v = values.get(column);
    if (v == null) {
      return null;
    }
    return v instanceof UUID u ? u : UUID.fromString(v.toString().strip().toLowerCase(Locale.ROOT));
  }

  public LocalDateTime dateTime(String column) {
    Object v = values.get(column);
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof LocalDateTime t) {
      return t;
    }
    return LocalDateTime.parse(v.toString().strip().replace(' ', 'T'));
  }

  public byte[] bytes(String column) {
    Object v = values.get(column);
    return v == null ? null : ((byte[]) v).clone();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
