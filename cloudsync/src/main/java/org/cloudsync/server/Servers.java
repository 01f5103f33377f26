package org.cloudsync.server;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.cloudsync.config.Secret;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.ServerRow;
import org.cloudsync.ledger.ServerStore;
import org.cloudsync.restore.sqlserver.PathMap;
import org.cloudsync.restore.sqlserver.SqlServerEngine;
import org.cloudsync.restore.sqlserver.SqlServerSettings;

/**
 * The registered SQL Server instances: add, list, show, remove, and the engine of each. The login's
 * password is stored only as {@link SecretBox} ciphertext bound to {@code server:NAME:password};
 * nothing here prints it. One {@link SqlServerEngine} is made per instance and kept, so that its
 * cap on concurrent restores holds across all the centers placed on it.
 */
public final class Servers {
  /** SQL Server 2016 is the oldest target cloudsync supports. */
  static final int OLDEST_MAJOR = 13;

  private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  private final ServerStore store;
  private final SecretBox box;
  private final ServerConnector connector;
  private final Clock clock;
  private final Map<String, SqlServerEngine> engines = new ConcurrentHashMap<>();

  public Servers(Ledger ledger, SecretBox box, ServerConnector connector, Clock clock) {
    this.store = new ServerStore(ledger);
    this.box = Objects.requireNonNull(box, "box");
    this.connector = Objects.requireNonNull(connector, "connector");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The associated data binding a server's password ciphertext to its field. */
  static String passwordAad(String name) {
    return "server:" + name + ":password";
  }

  /**
   * Checks the settings, then (unless {@code check} is false) connects and runs the checks of
   * {@link SqlServerEngine#checkServer()}, then registers the instance. Nothing is stored when a
   * check fails.
   *
   * @return what the server reported, null when not checked
   * @throws CloudsyncException {@code OPTION_INVALID}/{@code USAGE} for bad settings, {@code
   *     SERVER_EXISTS}, {@code SERVER_UNREACHABLE}, {@code SERVER_VERSION_TOO_OLD}, {@code
   *     SERVER_PERMISSION_MISSING} with the grants as hints
   */
  public SqlServerEngine.ServerReport add(ServerSpec spec, boolean check) {
    validate(spec);
    if (store.find(spec.name()).isPresent()) {
      throw new CloudsyncException(
          ErrorCode.SERVER_EXISTS,
          "SQL Server '" + spec.name() + "' is registered already",
          "'cloudsync server remove " + spec.name() + "' first, or choose another name");
    }
    SqlServerEngine.ServerReport report = null;
    if (check) {
      SqlServerEngine engine =
          new SqlServerEngine(
              connector.sessions(spec.jdbcUrl(), spec.user(), spec.password()), settings(spec));
      report = engine.checkServer();
      judge(spec, report);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    store.insert(
        new ServerRow(
            spec.name(),
            spec.jdbcUrl(),
            spec.user(),
            box.seal(spec.password(), passwordAad(spec.name())),
            spec.dataDir(),
            spec.logDir(),
            spec.standbyDir(),
            spec.pathMaps(),
            spec.maxConcurrentRestores(),
            now,
            now));
    return report;
  }

  private static void judge(ServerSpec spec, SqlServerEngine.ServerReport report) {
    var info = report.info();
    if (!info.restoresFromDisk()) {
      throw new CloudsyncException(
          ErrorCode.EDITION_UNSUPPORTED,
          "SQL Server '"
              + spec.name()
              + "' is "
              + info.describe()
              + ", which cannot RESTORE FROM DISK",
          "register a SQL Server instance (2016 or later, Linux or Windows), not Azure SQL"
              + " Database");
    }
    if (info.major() < OLDEST_MAJOR) {
      throw new CloudsyncException(
          ErrorCode.SERVER_VERSION_TOO_OLD,
          "SQL Server '"
              + spec.name()
              + "' is "
              + info.describe()
              + "; cloudsync needs 2016 or later",
          "upgrade the instance, or register a newer one");
    }
    if (!report.missing().isEmpty()) {
      StringBuilder what = new StringBuilder();
      for (var m : report.missing()) {
        what.append(what.length() == 0 ? "" : "; ")
            .append(m.permission())
            .append(" (for ")
            .append(m.neededFor())
            .append(')');
      }
      throw new CloudsyncException(
          ErrorCode.SERVER_PERMISSION_MISSING,
          "login '" + spec.user() + "' on SQL Server '" + spec.name() + "' lacks: " + what,
          report.missing().stream()
              .map(m -> "grant it: " + m.grant().replace("<login>", "[" + spec.user() + "]"))
              .toList(),
          null);
    }
  }

  private static void validate(ServerSpec spec) {
    if (!NAME.matcher(spec.name()).matches()) {
      throw invalid(
          "server name '" + spec.name() + "' is not valid",
          "a name is 1 to 63 lower-case letters, digits and dashes, e.g. 'sql-east-1'");
    }
    if (!spec.jdbcUrl().startsWith("jdbc:sqlserver://")) {
      throw invalid(
          "--jdbc-url '" + displayUrl(spec.jdbcUrl()) + "' is not a SQL Server JDBC URL",
          "use jdbc:sqlserver://HOST:PORT;encrypt=true;trustServerCertificate=false");
    }
    if (spec.jdbcUrl().toLowerCase(java.util.Locale.ROOT).contains("password=")) {
      throw invalid(
          "--jdbc-url carries a password",
          "take it out of the URL and give it with --password-file, which is stored encrypted");
    }
    if (spec.user().isBlank()) {
      throw invalid("--user is empty", "give the SQL login cloudsync restores as");
    }
    if (spec.password().reveal().isEmpty()) {
      throw invalid("the password file is empty", "put the login's password on its first line");
    }
    if (blank(spec.dataDir()) || blank(spec.logDir())) {
      throw invalid(
          "--data-dir and --log-dir are required",
          "give the directories, as the server sees them, that restored files go to");
    }
    if (spec.maxConcurrentRestores() < 1) {
      throw invalid(
          "--max-concurrent-restores " + spec.maxConcurrentRestores() + " is less than 1",
          "give 1 or more (2 is a good start)");
    }
    settings(spec); // parses the path maps and directory names
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static CloudsyncException invalid(String message, String hint) {
    return new CloudsyncException(ErrorCode.OPTION_INVALID, message, hint);
  }

  /** The JDBC URL up to its first {@code ;} (properties may hold secrets). */
  public static String displayUrl(String url) {
    int semi = url.indexOf(';');
    return semi < 0 ? url : url.substring(0, semi);
  }

  static SqlServerSettings settings(ServerSpec s) {
    return SqlServerSettings.defaults()
        .withDirectories(s.dataDir(), s.logDir())
        .withStandbyDir(s.standbyDir())
        .withPathMap(PathMap.parse(s.pathMaps()), f -> java.nio.file.Path.of(f.path()))
        .withMaxConcurrentRestores(s.maxConcurrentRestores());
  }

  /** Every registered instance, by name. */
  public List<ServerRow> list() {
    return store.list();
  }

  /**
   * The instance registered as {@code name}.
   *
   * @throws CloudsyncException {@code SERVER_NOT_FOUND}
   */
  public ServerRow get(String name) {
    return store.get(name);
  }

  /** The centers placed on the instance. */
  public List<CenterId> centersOn(String name) {
    return store.centersOn(name);
  }

  /**
   * Removes an instance no center is placed on.
   *
   * @throws CloudsyncException {@code SERVER_NOT_FOUND}, {@code SERVER_IN_USE}
   */
  public void remove(String name) {
    store.delete(name);
    engines.remove(name);
  }

  /** The stored settings with the password decrypted, for the engine. */
  public ServerSpec spec(String name) {
    ServerRow r = store.get(name);
    Secret password = box.openText(r.passwordEncrypted(), passwordAad(name));
    return new ServerSpec(
        r.name(),
        r.jdbcUrl(),
        r.login(),
        password,
        r.dataDir(),
        r.logDir(),
        r.standbyDir(),
        r.pathMaps(),
        r.maxConcurrentRestores());
  }

  /**
   * The engine of the instance (one per instance and process). {@code stagedPath} maps a planned
   * file to where it was staged.
   */
  public SqlServerEngine engine(
      String name,
      java.util.function.Function<org.cloudsync.format.plan.BackupFile, java.nio.file.Path>
          stagedPath) {
    return engines.computeIfAbsent(
        name,
        n -> {
          ServerSpec s = spec(n);
          SqlServerSettings settings = settings(s);
          return new SqlServerEngine(
              connector.sessions(s.jdbcUrl(), s.user(), s.password()),
              settings.withPathMap(PathMap.parse(s.pathMaps()), stagedPath));
        });
  }

  /** Connects to a registered instance and runs the checks of {@code server add} again. */
  public SqlServerEngine.ServerReport check(String name) {
    ServerSpec s = spec(name);
    SqlServerEngine.ServerReport report =
        new SqlServerEngine(connector.sessions(s.jdbcUrl(), s.user(), s.password()), settings(s))
            .checkServer();
    judge(s, report);
    return report;
  }
}
