package org.cloudsync.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.center.Center;
import org.cloudsync.center.CenterChange;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.source.azure.SasUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync center add|list|show|edit|pause|resume|remove}: manage health centers. Every
 * subcommand opens the home named by {@code $CLOUDSYNC_HOME} (see {@link CloudsyncHome}), its
 * ledger and master key. {@code remove} needs {@code --yes}: it deletes the center with its
 * contacts, checklist and ledger history of blobs and backup files (runs stay).
 */
@Command(
    name = "center",
    mixinStandardHelpOptions = true,
    description = "Manage health centers.",
    subcommands = {
      CenterCommand.Add.class,
      CenterCommand.ListCenters.class,
      CenterCommand.Show.class,
      CenterCommand.Edit.class,
      CenterCommand.Pause.class,
      CenterCommand.Resume.class,
      CenterCommand.Remove.class
    })
public final class CenterCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final SasUrlCheck sasCheck;
  private final Clock clock;

  /** The command on this process's environment. */
  public CenterCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  private CenterCommand(Map<String, String> env, Clock clock) {
    this(env, (url, ip) -> SasUrl.parse(url.reveal()).checkAgainst(clock, ip), clock);
  }

  /** The command on {@code env}, checking SAS URLs with {@code sasCheck}. */
  public CenterCommand(Map<String, String> env, SasUrlCheck sasCheck, Clock clock) {
    this.env = Map.copyOf(env);
    this.sasCheck = sasCheck;
    this.clock = clock;
  }

  /** Without a subcommand: say which ones exist. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a subcommand is required: add, list, show, edit, pause, resume or remove");
  }

  /** The ledger and the centers in it, for one subcommand. */
  private Session open() {
    CloudsyncHome home = CloudsyncHome.locate(env);
    var config = home.loadConfig();
    SecretBox box = new SecretBox(MasterKey.load(home, env));
    Ledger ledger = Ledger.open(config, clock);
    return new Session(ledger, new Centers(ledger, box, sasCheck, clock));
  }

  private record Session(Ledger ledger, Centers centers) implements AutoCloseable {
    @Override
    public void close() {
      ledger.close();
    }
  }

  /** Today on this machine's calendar, the default date of {@code --check}. */
  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
  }

  /** Output formats (the command line accepts them in any case). */
  enum Format {
    TEXT,
    JSON
  }

  /**
   * A subcommand: runs its body in a session. Failures are thrown as {@link CloudsyncException} for
   * the command line's error printer.
   */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand CenterCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Session s = parent.open()) {
        PrintWriter out = spec.commandLine().getOut();
        int status = run(s.centers(), out);
        out.flush();
        return status;
      }
    }

    abstract int run(Centers centers, PrintWriter out) throws Exception;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a health center: --name and one of --sas-url-file or --source are required.",
        "Give --tde-cert, --tde-key and --tde-password-file together."
      })
  static final class Add extends Sub {
    @Parameters(index = "0", paramLabel = "ID", description = "Lower-case letters, digits, dashes.")
    String id;

    @Mixin CenterOptions options;
    @Mixin PlacementOptions placement;

    @Override
    int run(Centers centers, PrintWriter out) {
      CenterId centerId = CenterId.parse(id);
      Placement wanted = placement.apply(Placement.DEFAULT);
      if (wanted.serverName() != null) {
        centers.requireServer(wanted.serverName());
      }
      CenterChange change = centers.add(centerId, options.toSettings(parent.today()));
      Placement placed = placement.given() ? centers.place(centerId, p -> wanted) : wanted;
      out.println("added health center " + centerId + " (" + change.center().name() + ")");
      change.notes().forEach(n -> out.println("note: " + n));
      CenterView.printText(out, change.center());
      out.println("  engine:          " + PlacementOptions.describe(placed));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List health centers.")
  static final class ListCenters extends Sub {
    @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
    Format format = Format.TEXT;

    @Override
    int run(Centers centers, PrintWriter out) throws Exception {
      if (format == Format.JSON) {
        CenterView.printJson(out, centers.list());
      } else {
        CenterView.printTable(out, centers.list());
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a health center: settings, checklist, redacted SAS URL; never secrets.")
  static final class Show extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
    Format format = Format.TEXT;

    @Override
    int run(Centers centers, PrintWriter out) throws Exception {
      Center c = centers.get(CenterId.parse(id));
      if (format == Format.JSON) {
        CenterView.printJson(out, c);
      } else {
        CenterView.printText(out, c);
        out.println("  engine:          " + PlacementOptions.describe(centers.placement(c.id())));
      }
      return 0;
    }
  }

  @Command(
      name = "edit",
      mixinStandardHelpOptions = true,
      description = {
        "Change a health center: only the options given change.",
        "--contact/--operator-contact replace that kind's contacts; --public-ip '' removes it."
      })
  static final class Edit extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin CenterOptions options;
    @Mixin PlacementOptions placement;

    @Override
    int run(Centers centers, PrintWriter out) {
      CenterId centerId = CenterId.parse(id);
      Placement wanted = placement.apply(centers.placement(centerId));
      if (wanted.serverName() != null) {
        centers.requireServer(wanted.serverName());
      }
      CenterChange change = centers.edit(centerId, options.toSettings(parent.today()));
      Placement placed = placement.given() ? centers.place(centerId, p -> wanted) : wanted;
      out.println("changed health center " + centerId);
      change.notes().forEach(n -> out.println("note: " + n));
      CenterView.printText(out, change.center());
      out.println("  engine:          " + PlacementOptions.describe(placed));
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Stop syncing a health center until it is resumed.")
  static final class Pause extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(Centers centers, PrintWriter out) {
      CenterId centerId = CenterId.parse(id);
      out.println(
          centers.pause(centerId)
              ? "paused health center " + centerId
              : "health center " + centerId + " was paused already");
      return 0;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Sync a paused health center again.")
  static final class Resume extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(Centers centers, PrintWriter out) {
      CenterId centerId = CenterId.parse(id);
      out.println(
          centers.resume(centerId)
              ? "resumed health center " + centerId
              : "health center " + centerId + " was not paused");
      return 0;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = {
        "Remove a health center with its contacts, checklist, secrets and its ledger history of",
        "blobs and backup files (runs stay). Needs --yes."
      })
  static final class Remove extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--yes", description = "Confirm the removal.")
    boolean yes;

    @Override
    int run(Centers centers, PrintWriter out) {
      CenterId centerId = CenterId.parse(id);
      Center c = centers.get(centerId);
      if (!yes) {
        throw new CloudsyncException(
            ErrorCode.OPTION_INVALID,
            "not removing health center '" + centerId + "' (" + c.name() + ") without --yes",
            "removal deletes its settings, secrets and ledger history of blobs and backup files",
            "run 'cloudsync center remove "
                + centerId
                + " --yes' to go ahead, or"
                + " 'cloudsync center pause "
                + centerId
                + "' to stop syncing it");
      }
      centers.remove(centerId);
      out.println("removed health center " + centerId + " and its ledger history");
      return 0;
    }
  }
}
