package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.center.Center;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.lock.CenterLocks;
import org.cloudsync.replay.CenterStatus;
import org.cloudsync.replay.Engines;
import org.cloudsync.replay.StatusReader;
import org.cloudsync.server.ServerConnector;
import org.cloudsync.server.Servers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync status [--center ID] [--format text|json]}: per center the engine, the database
 * state in SQL Server's names ({@code RESTORING}, {@code ONLINE} with {@code standby}), the restore
 * point ({@code restore_lsn}, a decimal string), the last file applied (or, with the verify engine,
 * verified) and the backup time it brings the data to, files pending and the last error; then the
 * step being applied with its percentage (JSON: {@code restore_progress}, the last step started),
 * the database users without a login with the {@code CREATE LOGIN} their readers need (JSON: {@code
 * orphaned_users}; "unknown" with the verify engine), and the old copies side-by-side re-baselines
 * kept with when they will be dropped, and the process syncing the center right now when one holds
 * its lock. For a center on a SQL Server the position is read from the server.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Where each health center's database stands.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin LoggingOptions logging;
  @Spec CommandSpec spec;

  @Option(names = "--center", paramLabel = "ID", description = "Only this health center.")
  String center;

  @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
  Format format = Format.TEXT;

  enum Format {
    TEXT,
    JSON
  }

  private final Map<String, String> env;
  private final ServerConnector connector;
  private final Clock clock;

  public StatusCommand() {
    this(System.getenv(), ServerConnector.JDBC, Clock.systemUTC());
  }

  public StatusCommand(Map<String, String> env, ServerConnector connector, Clock clock) {
    this.env = Map.copyOf(env);
    this.connector = connector;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    CloudsyncHome home = CloudsyncHome.locate(env);
    var config = home.loadConfig();
    SecretBox box = new SecretBox(MasterKey.load(home, env));
    try (Ledger ledger = Ledger.open(config, clock)) {
      Centers centers = new Centers(ledger, box, SasUrlCheck.NONE, clock);
      Servers servers = new Servers(ledger, box, connector, clock);
      StatusReader reader =
          new StatusReader(ledger, centers, new Engines(ledger, servers, f -> Path.of(f.path())))
              .withLocks(new CenterLocks(home.locksDir(), ledger, clock));
      List<Center> chosen =
          center == null ? centers.list() : List.of(centers.get(CenterId.parse(center)));
      List<CenterStatus> statuses = new ArrayList<>();
      for (Center c : chosen) {
        statuses.add(reader.read(c));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.JSON) {
        ArrayNode a = JsonOutput.array();
        statuses.forEach(s -> a.add(json(s)));
        ObjectNode root = JsonOutput.object();
        root.set("centers", a);
        JsonOutput.print(out, root);
      } else {
        printText(out, statuses);
      }
      out.flush();
      return 0;
    }
  }

  static ObjectNode json(CenterStatus s) {
    ObjectNode o = JsonOutput.object();
    o.put("center", s.center().value());
    o.put("name", s.name());
    o.put("paused", s.paused());
    o.put("engine", s.engine());
    o.put("restores_data", s.restoresData());
    o.put("server", s.server());
    o.put("database", s.database() == null ? null : s.database().name());
    o.put("state", s.stateName());
    o.put("standby", s.standby());
    o.put("restore_lsn", s.database() == null ? null : JsonOutput.lsn(s.database().restorePoint()));
    o.put("position_error", s.positionError());
    if (s.lastFile() == null) {
      o.putNull("last_file");
    } else {
      ObjectNode f = o.putObject("last_file");
      f.put("path", s.lastFile().path());
      f.put("state", s.lastFile().state().label());
      f.put("last_lsn", JsonOutput.lsn(s.lastFile().lastLsn()));
    }
    o.put(
        "current_through",
        s.lastFile() == null ? null : JsonOutput.date(s.lastFile().backupFinish()));
    o.put("files_pending", s.filesPending());
    if (s.syncing() == null) {
      o.putNull("syncing");
    } else {
      ObjectNode h = o.putObject("syncing");
      h.put("pid", s.syncing().pid());
      h.put("host", s.syncing().host());
      h.put("since", s.syncing().since().toString());
    }
    if (s.lastError() == null) {
      o.putNull("last_error");
    } else {
      ObjectNode e = o.putObject("last_error");
      e.put("code", s.lastError().code());
      e.put("message", s.lastError().message());
      e.put("subject", s.lastError().subject());
      e.put("at", JsonOutput.instant(s.lastError().at()));
    }
    o.set("restore_progress", ProgressOutput.json(s.progress()));
    o.set("orphaned_users", UsersOutput.json(s.restoresData(), s.users()));
    ArrayNode copies = o.putArray("old_copies");
    for (CenterStatus.OldCopy c : s.oldCopies()) {
      ObjectNode n = copies.addObject();
      n.put("name", c.name());
      n.put("engine", c.engine());
      n.put("kept_since", c.keptSince() == null ? null : JsonOutput.instant(c.keptSince()));
      n.put("drop_after", c.dropAfter() == null ? null : JsonOutput.instant(c.dropAfter()));
      n.put("last_drop_attempt", c.lastDropAttempt());
    }
    return o;
  }

  static void printText(PrintWriter out, List<CenterStatus> statuses) {
    if (statuses.isEmpty()) {
      out.println("no health centers: add one with 'cloudsync center add'");
      return;
    }
    boolean first = true;
    for (CenterStatus s : statuses) {
      if (!first) {
        out.println();
      }
      first = false;
      out.println(s.center() + "  " + s.name() + (s.paused() ? "  (paused)" : ""));
      row(
          out,
          "engine",
          s.restoresData()
              ? s.engine() + " (SQL Server " + s.server() + ")"
              : s.engine() + " (checks every step by SQL Server's rules; nothing is restored)");
      if (s.database() == null) {
        row(out, "database", "UNKNOWN: " + s.positionError());
      } else {
        row(
            out,
            "database",
            "'"
                + s.database().name()
                + "' "
                + s.stateName()
                + (s.standby() ? " (standby, read-only)" : ""));
        row(
            out,
            "restore_lsn",
            s.database().restorePoint() == null
                ? "-"
                : s.database().restorePoint().toDecimalString());
      }
      if (s.lastFile() == null) {
        row(out, "last " + (s.restoresData() ? "applied" : "verified"), "-");
      } else {
        row(out, "last " + s.lastFile().state().label(), s.lastFile().path());
        row(
            out,
            "current through",
            s.lastFile().backupFinish() == null
                ? "-"
                : JsonOutput.date(s.lastFile().backupFinish()) + " (backup time, server's clock)");
      }
      row(out, "files pending", String.valueOf(s.filesPending()));
      if (s.syncing() != null) {
        row(out, "syncing now", "by " + s.syncing());
      }
      row(
          out,
          "last error",
          s.lastError() == null
              ? "-"
              : s.lastError().code()
                  + ": "
                  + s.lastError().message()
                  + (s.lastError().subject() == null ? "" : " (" + s.lastError().subject() + ")"));
      String running = ProgressOutput.line(s.progress());
      if (running != null) {
        row(out, "applying now", running);
      }
      List<String> users = UsersOutput.lines(s.restoresData(), s.users());
      row(out, "orphaned users", users.get(0));
      for (String more : users.subList(1, users.size())) {
        out.printf("  %-16s %s%n", "", more);
      }
      for (CenterStatus.OldCopy c : s.oldCopies()) {
        row(
            out,
            "old copy",
            "'"
                + c.name()
                + "' kept since "
                + (c.keptSince() == null ? "-" : JsonOutput.instant(c.keptSince()))
                + ", dropped by the first sync after "
                + (c.dropAfter() == null ? "-" : JsonOutput.instant(c.dropAfter()))
                + (c.engine() != null && !c.engine().equals(s.engine())
                    ? " (kept by the " + c.engine() + " engine)"
                    : "")
                + (c.lastDropAttempt() == null ? "" : "; last attempt: " + c.lastDropAttempt()));
      }
    }
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("  %-16s %s%n", label + ":", value);
  }
}
