package org.cloudsync.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.config.Redaction;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an H2 ledger file through SQL. H2's {@code SCRIPT} writes every row each table holds (it
 * reads the tables, not their indexes), {@code RUNSCRIPT} makes a new file from that script with
 * fresh indexes, and the new file takes the old one's name in one rename. The old file is kept
 * beside it under {@code ledger-damaged-<time>.mv.db}.
 *
 * <p>This mends the damage a process killed while H2 wrote the file can leave: an index entry whose
 * row the table does not hold. H2 then reports every read through that index as a lock timeout
 * after retrying ({@link #damage} finds the real cause, error 90143). A row the index named but the
 * table lost stays lost: a file of a blob still being unpacked is found again by the next sync; one
 * of a blob already unpacked is not, and shows as a gap in the plan.
 *
 * <p>It needs the file to itself. The old file is copied aside and forced to disk before H2 opens
 * it, and the copy is refused when the file changed meanwhile (another process was writing). Then
 * one connection holds the old file alone from the export until the new file has taken its name, so
 * no other process can write to it in between (a copy made while H2 held the file would also drop
 * H2's lock: Linux releases a process's locks when any descriptor of the file closes). Killed at
 * any point, the ledger is as it was or repaired: the new file is forced to disk and takes the old
 * name in one rename.
 */
public final class H2LedgerRepair {
  private static final Logger LOG = LoggerFactory.getLogger(H2LedgerRepair.class);

  /** H2's code for "Row not found in primary index": an index entry without its row. */
  static final int ROW_NOT_FOUND_IN_PRIMARY_INDEX = 90143;

  /** H2's code for "Database may be already in use". */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * What the repair did.
   *
   * @param ledgerFile the ledger's file, now the rebuilt one
   * @param damagedCopy the file as it was before
   * @param rows rows per table in the rebuilt file, by table name
   */
  public record Result(Path ledgerFile, Path damagedCopy, Map<String, Long> rows) {
    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Path base;
  private final Properties credentials;
  private final Clock clock;

  private H2LedgerRepair(Path base, String user, String password, Clock clock) {
    this.base = base;
    this.clock = clock;
    this.credentials = Ledger.credentials(user, password);
  }

  /**
   * The repair of the ledger the configuration names.
   *
   * @throws CloudsyncException {@code USAGE} when that ledger is not an H2 file database
   */
  public static H2LedgerRepair of(CloudsyncConfig config, Clock clock) {
    return new H2LedgerRepair(
        fileBase(config.ledgerUrl()),
        config.ledgerUser(),
        config.ledgerPassword() == null ? null : config.ledgerPassword().reveal(),
        clock);
  }

  /** The file's path without {@code .mv.db}, from an H2 file URL. */
  static Path fileBase(String url) {
    String rest = url.startsWith("jdbc:h2:") ? url.substring("jdbc:h2:".length()) : null;
    if (rest != null) {
      rest = rest.split(";", 2)[0];
      if (rest.startsWith("file:")) {
        rest = rest.substring("file:".length());
      }
      if (rest.startsWith("~")) {
        rest = System.getProperty("user.home") + rest.substring(1);
      }
    }
    if (rest == null || rest.isEmpty() || rest.matches("^[a-zA-Z]{2,}:.*")) {
      throw new CloudsyncException(
          ErrorCode.USAGE,
          "ledger repair rebuilds an H2 file ledger; this ledger is "
              + Redaction.redact(Ledger.stripCredentials(url.split(";", 2)[0])),
          "only an H2 file ledger can be repaired; PostgreSQL recovers from its own write-ahead"
              + " log");
    }
    return Path.of(rest).toAbsolutePath().normalize();
  }

  /** The ledger's file. */
  public Path file() {
    return base.resolveSibling(base.getFileName() + ".mv.db");
  }

  /**
   * Exports, rebuilds, checks and swaps.
   *
   * @throws CloudsyncException {@code LEDGER_UNAVAILABLE} when the file is missing, in use, or
   *     cannot be exported or rebuilt; the ledger is then left as it was
   */
  public Result run() {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      throw new CloudsyncException(
          ErrorCode.LEDGER_UNAVAILABLE,
          "there is no ledger file at " + file,
          "check ledger.url in cloudsync.properties, or run cloudsync init");
    }
    String name = base.getFileName().toString();
    String stamp = STAMP.format(clock.instant());
    for (int n = 2; Files.exists(base.resolveSibling(name + "-damaged-" + stamp + ".mv.db")); n++) {
      stamp = STAMP.format(clock.instant()) + "-" + n; // a repair in the same second before
    }
    Path script = base.resolveSibling(name + "-repair-" + stamp + ".sql");
    Path fresh = base.resolveSibling(name + "-repair-" + stamp);
    Path freshFile = fresh.resolveSibling(fresh.getFileName() + ".mv.db");
    Path damaged = base.resolveSibling(name + "-damaged-" + stamp + ".mv.db");
    keep(file, damaged);
    LOG.debug("ledger repair: copied {} to {}", file, damaged);
    boolean done = false;
    // No compaction when the old file closes: it is no longer the ledger by then.
    String url = "jdbc:h2:file:" + base + ";IFEXISTS=TRUE;AUTO_SERVER=FALSE;MAX_COMPACT_TIME=0";
    Connection held = null;
    try {
      held = hold(url);
      deleteLeftovers(name);
      export(held, script);
      Map<String, Long> rows = rebuild(fresh, script);
      swap(freshFile, file);
      LOG.debug("ledger repair: renamed {} to {}", freshFile, file);
      done = true;
      return new Result(file, damaged, rows);
    } finally {
      closeQuietly(held);
      deleteQuietly(script);
      if (!done) {
        deleteQuietly(freshFile);
        deleteQuietly(damaged);
      }
      deleteQuietly(fresh.resolveSibling(fresh.getFileName() + ".trace.db"));
    }
  }

  /** Closes the old file; after the rename it is no longer the ledger, so a failure is moot. */
  private static void closeQuietly(Connection held) {
    if (held == null) {
      return;
    }
    try {
      held.close();
    } catch (SQLException e) {
      LOG.debug("closing the old ledger file: {}", e.getMessage());
    }
  }

  /** Opens the ledger alone: refused while another process holds it. */
  private Connection hold(String url) {
    try {
      return DriverManager.getConnection(url, credentials);
    } catch (SQLException e) {
      if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
        throw new CloudsyncException(
            ErrorCode.LEDGER_UNAVAILABLE,
            "the ledger file " + file() + " is in use by another process",
            List.of(
                "stop every cloudsync process that uses this ledger, then run cloudsync ledger"
                    + " repair again"),
            e);
      }
      throw failed("cannot open the ledger file " + file(), e);
    }
  }

  /** Exports and rebuilds a repair killed earlier left beside the ledger (this one holds it). */
  private void deleteLeftovers(String name) {
    try (var siblings = Files.list(base.toAbsolutePath().getParent())) {
      siblings
          .filter(p -> p.getFileName().toString().startsWith(name + "-repair-"))
          .forEach(H2LedgerRepair::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("cannot list the ledger's directory for leftovers: {}", e.getMessage());
    }
  }

  /** The export holds every row (the user's password hash too): owner-only, like the home. */
  private void export(Connection held, Path script) {
    fileStep(
        "cannot create the export " + script,
        "permissions",
        () -> {
          Files.deleteIfExists(script);
          try {
            Files.createFile(
                script,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } catch (UnsupportedOperationException e) {
            Files.createFile(script);
          }
        });
    try (Statement st = held.createStatement()) {
      st.execute("SCRIPT TO " + literal(script));
      LOG.debug("ledger repair: exported to {}", script);
    } catch (SQLException e) {
      throw failed("cannot export the ledger file " + file() + " through SQL", e);
    }
  }

  private Map<String, Long> rebuild(Path fresh, Path script) {
    String url = "jdbc:h2:file:" + fresh;
    try (Connection c = DriverManager.getConnection(url, credentials)) {
      try (Statement st = c.createStatement()) {
        st.execute("RUNSCRIPT FROM " + literal(script));
      }
      Map<String, Long> rows = rowCounts(c);
      LOG.debug("ledger repair: rebuilt {}", fresh);
      return rows;
    } catch (SQLException e) {
      throw failed("cannot rebuild the ledger from its export", e);
    }
  }

  private static Map<String, Long> rowCounts(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                    + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : tables) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
        rs.next();
        rows.put(table.toLowerCase(Locale.ROOT), rs.getLong(1));
      }
    }
    return rows;
  }

  /** A step on files whose failure leaves the ledger as it was. */
  private interface FileStep {
    void run() throws IOException;
  }

  private static void fileStep(String what, String check, FileStep step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.LEDGER_UNAVAILABLE,
          what + ": " + e.getMessage(),
          List.of("the ledger file is as it was; check the directory's " + check),
          e);
    }
  }

  /**
   * Copies the file aside and forces the copy to disk: it is the undo of the repair. The file's
   * size, modification and change times (read without opening it) must be the same after the copy
   * as before, else another process wrote to it meanwhile and the copy may be torn.
   */
  private static void keep(Path file, Path damaged) {
    fileStep(
        "cannot keep a copy of the ledger file as " + damaged,
        "free space and permissions",
        () -> {
          List<Object> before = stamp(file);
          Files.copy(file, damaged, StandardCopyOption.COPY_ATTRIBUTES);
          try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
          if (!before.equals(stamp(file))) {
            throw new CloudsyncException(
                ErrorCode.LEDGER_UNAVAILABLE,
                "the ledger file "
                    + file
                    + " changed while it was being copied: another process"
                    + " is using it",
                "stop every cloudsync process that uses this ledger, then run cloudsync ledger"
                    + " repair again");
          }
        });
  }

  /** Size, modification and change time of a file, read without opening it. */
  private static List<Object> stamp(Path file) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      a = Files.readAttributes(file, "size,lastModifiedTime");
    }
    return Arrays.asList(a.get("size"), a.get("lastModifiedTime"), a.get("ctime"));
  }

  /**
   * The rebuilt file, forced to disk, takes the ledger's name in one rename, and the directory is
   * forced so that the rename survives a power cut.
   */
  private static void swap(Path freshFile, Path file) {
    fileStep(
        "cannot put the rebuilt ledger in place of " + file,
        "permissions",
        () -> {
          try (FileChannel ch = FileChannel.open(freshFile, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
          Files.move(
              freshFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
          } catch (IOException e) {
            LOG.debug("cannot force directory {}: {}", file.getParent(), e.getMessage());
          }
        });
  }

  private static CloudsyncException failed(String what, SQLException e) {
    return new CloudsyncException(
        ErrorCode.LEDGER_UNAVAILABLE,
        what + ": " + Redaction.redact(String.valueOf(e.getMessage())),
        List.of(
            "the ledger file is as it was",
            "a file H2 cannot read at all needs H2's Recover tool (org.h2.tools.Recover)"),
        e);
  }

  /** A single-quoted SQL string literal. */
  private static String literal(Path p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // A leftover export or partial rebuild beside the ledger is harmless.
    }
  }

  /**
   * The H2 error that says an index names a row its table does not hold, anywhere in {@code e}'s
   * causes; null when there is none. H2 reports such a read as a lock timeout after retrying it.
   */
  static SQLException damage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == ROW_NOT_FOUND_IN_PRIMARY_INDEX) {
        return sql;
      }
    }
    return null;
  }
}
