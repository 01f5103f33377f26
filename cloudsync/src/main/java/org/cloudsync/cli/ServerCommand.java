package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.Secret;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.ServerRow;
import org.cloudsync.restore.sqlserver.SqlServerEngine;
import org.cloudsync.server.ServerConnector;
import org.cloudsync.server.ServerSpec;
import org.cloudsync.server.Servers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync server add|list|show|check|remove}: the SQL Server instances centers restore
 * into. {@code add} connects and checks the version, edition and the login's permissions before
 * registering (skip with {@code --no-check}); the password comes from a file and is stored
 * encrypted.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Manage the SQL Server instances health centers restore into.",
    subcommands = {
      ServerCommand.Add.class,
      ServerCommand.ListServers.class,
      ServerCommand.Show.class,
      ServerCommand.Check.class,
      ServerCommand.Remove.class
    })
public final class ServerCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final ServerConnector connector;
  private final Clock clock;

  /** The command on this process's environment, over mssql-jdbc. */
  public ServerCommand() {
    this(System.getenv(), ServerConnector.JDBC, Clock.systemUTC());
  }

  /** The command on {@code env}, connecting through {@code connector}. */
  public ServerCommand(Map<String, String> env, ServerConnector connector, Clock clock) {
    this.env = Map.copyOf(env);
    this.connector = connector;
    this.clock = clock;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a subcommand is required: add, list, show, check or remove");
  }

  private record Session(Ledger ledger, Servers servers) implements AutoCloseable {
    @Override
    public void close() {
      ledger.close();
    }
  }

  private Session open() {
    CloudsyncHome home = CloudsyncHome.locate(env);
    var config = home.loadConfig();
    SecretBox box = new SecretBox(MasterKey.load(home, env));
    Ledger ledger = Ledger.open(config, clock);
    return new Session(ledger, new Servers(ledger, box, connector, clock));
  }

  abstract static class Sub implements Callable<Integer> {
    @ParentCommand ServerCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Session s = parent.open()) {
        PrintWriter out = spec.commandLine().getOut();
        int status = run(s.servers(), out);
        out.flush();
        return status;
      }
    }

    abstract int run(Servers servers, PrintWriter out) throws Exception;
  }

  enum Format {
    TEXT,
    JSON
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Register a SQL Server instance (2016 or later). Connects first and checks the version,",
        "edition and the login's permissions; nothing is registered when a check fails."
      })
  static final class Add extends Sub {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Lower-case letters, digits, dashes.")
    String name;

    @Option(
        names = "--jdbc-url",
        required = true,
        paramLabel = "URL",
        description = "jdbc:sqlserver://HOST:PORT;encrypt=true;... (no password in it).")
    String jdbcUrl;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "The SQL login.")
    String user;

    @Option(
        names = "--password-file",
        required = true,
        paramLabel = "FILE",
        description = "A file holding the login's password (first line). Stored encrypted.")
    Path passwordFile;

    @Option(
        names = "--data-dir",
        required = true,
        paramLabel = "DIR",
        description = "Where restored data files go, as the server sees it.")
    String dataDir;

    @Option(
        names = "--log-dir",
        required = true,
        paramLabel = "DIR",
        description = "Where restored log files go, as the server sees it.")
    String logDir;

    @Option(
        names = "--standby-dir",
        paramLabel = "DIR",
        description = "Where STANDBY undo files go (needed for a readable standby).")
    String standbyDir;

    @Option(
        names = "--path-map",
        paramLabel = "LOCAL=REMOTE",
        description = "Where the server sees a local staging directory (repeatable).")
    List<String> pathMaps;

    @Option(
        names = "--max-concurrent-restores",
        paramLabel = "N",
        description = "Restores run at once on this instance (default ${DEFAULT-VALUE}).")
    int maxConcurrentRestores = 2;

    @Option(
        names = "--no-check",
        description = "Register without connecting (the server is not reachable yet).")
    boolean noCheck;

    @Override
    int run(Servers servers, PrintWriter out) {
      ServerSpec spec =
          new ServerSpec(
              name,
              jdbcUrl,
              user,
              password(passwordFile),
              dataDir,
              logDir,
              standbyDir,
              pathMaps,
              maxConcurrentRestores);
      SqlServerEngine.ServerReport report;
      try {
        report = servers.add(spec, !noCheck);
      } catch (CloudsyncException e) {
        if (e.code() != ErrorCode.SERVER_UNREACHABLE) {
          throw e;
        }
        List<String> hints = new java.util.ArrayList<>(e.hints());
        hints.add(
            "nothing was registered; to register it before it can be reached, add --no-check");
        throw new CloudsyncException(e.code(), e.getMessage(), hints, null);
      }
      out.println("registered SQL Server " + name + " (" + Servers.displayUrl(jdbcUrl) + ")");
      if (report == null) {
        out.println("note: not checked (--no-check): 'cloudsync server check " + name + "' later");
      } else {
        out.println("  version: " + report.info().describe());
        out.println("  permissions: all present");
      }
      out.println(
          "  the password is stored encrypted; place a center with 'center edit ID --server "
              + name
              + "'");
      return 0;
    }
  }

  /** The first line of the password file. */
  static Secret password(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw unreadable(file, Files.exists(file) ? "not a regular file" : "no such file");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      String first = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
      if (first.isEmpty()) {
        throw unreadable(file, "its first line is empty");
      }
      return Secret.of(first);
    } catch (IOException e) {
      throw unreadable(file, e.getClass().getSimpleName());
    }
  }

  private static CloudsyncException unreadable(Path file, String why) {
    return new CloudsyncException(
        ErrorCode.FILE_UNREADABLE,
        "--password-file '" + file + "' cannot be read: " + why,
        "put the login's password alone on the file's first line; keep the file readable only by"
            + " you");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List SQL Servers.")
  static final class ListServers extends Sub {
    @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
    Format format = Format.TEXT;

    @Override
    int run(Servers servers, PrintWriter out) {
      List<ServerRow> rows = servers.list();
      if (format == Format.JSON) {
        ArrayNode a = JsonOutput.array();
        rows.forEach(r -> a.add(json(r, servers)));
        JsonOutput.print(out, a);
        return 0;
      }
      if (rows.isEmpty()) {
        out.println(
            "no SQL Servers: centers use the verify engine (nothing is restored);"
                + " add one with 'cloudsync server add'");
        return 0;
      }
      String format = "%-20s %-40s %-16s %-5s %s%n";
      out.printf(format, "NAME", "URL", "LOGIN", "MAX", "CENTERS");
      for (ServerRow r : rows) {
        out.printf(
            format,
            r.name(),
            Servers.displayUrl(r.jdbcUrl()),
            r.login(),
            r.maxConcurrentRestores(),
            servers.centersOn(r.name()).size());
      }
      return 0;
    }
  }

  static ObjectNode json(ServerRow r, Servers servers) {
    ObjectNode o = JsonOutput.object();
    o.put("name", r.name());
    o.put("url", Servers.displayUrl(r.jdbcUrl()));
    o.put("login", r.login());
    o.put("data_dir", r.dataDir());
    o.put("log_dir", r.logDir());
    o.put("standby_dir", r.standbyDir());
    o.set("path_maps", JsonOutput.strings(r.pathMaps()));
    o.put("max_concurrent_restores", r.maxConcurrentRestores());
    ArrayNode centers = o.putArray("centers");
    servers.centersOn(r.name()).forEach(c -> centers.add(c.value()));
    return o;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a SQL Server's settings (never its password).")
  static final class Show extends Sub {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
    Format format = Format.TEXT;

    @Override
    int run(Servers servers, PrintWriter out) {
      ServerRow r = servers.get(name);
      if (format == Format.JSON) {
        JsonOutput.print(out, json(r, servers));
        return 0;
      }
      out.println(r.name() + "  " + Servers.displayUrl(r.jdbcUrl()));
      row(out, "login", r.login() + " (password stored encrypted)");
      row(out, "data dir", r.dataDir());
      row(out, "log dir", r.logDir());
      row(out, "standby dir", r.standbyDir() == null ? "- (no readable standby)" : r.standbyDir());
      row(out, "path maps", r.pathMaps().isEmpty() ? "-" : String.join(", ", r.pathMaps()));
      row(out, "max restores", String.valueOf(r.maxConcurrentRestores()));
      var centers = servers.centersOn(r.name());
      row(out, "centers", centers.isEmpty() ? "-" : centers.toString());
      return 0;
    }

    private static void row(PrintWriter out, String label, String value) {
      out.printf("  %-14s %s%n", label + ":", value);
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Connect to a registered SQL Server and check version and permissions again.")
  static final class Check extends Sub {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    int run(Servers servers, PrintWriter out) {
      SqlServerEngine.ServerReport report = servers.check(name);
      out.println(
          "SQL Server " + name + ": " + report.info().describe() + "; permissions: all present");
      return 0;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Unregister a SQL Server no center is placed on (its databases stay).")
  static final class Remove extends Sub {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    int run(Servers servers, PrintWriter out) {
      servers.remove(name);
      out.println("removed SQL Server " + name + " (its databases were not touched)");
      return 0;
    }
  }
}
