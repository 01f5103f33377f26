package org.cloudsync.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.ledger.H2LedgerRepair;
import org.cloudsync.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync ledger repair}: rebuilds the H2 ledger file through SQL when a killed process
 * left an index entry without its row ({@code LEDGER_DAMAGED}). See {@link H2LedgerRepair}.
 */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Look after the ledger database.",
    subcommands = {LedgerCommand.Repair.class})
public final class LedgerCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Clock clock;

  /** The command on this process's environment. */
  public LedgerCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** The command on {@code env} (for tests and embedding). */
  public LedgerCommand(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: repair");
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description = {
        "Rebuild the H2 ledger file through SQL (after LEDGER_DAMAGED).",
        "Every row the tables hold is copied into a new file with fresh",
        "indexes, which then takes the ledger's name; the old file is kept",
        "beside it as ledger-damaged-TIME.mv.db. Stop every cloudsync process",
        "using the ledger first: the repair needs the file to itself."
      })
  static final class Repair implements Callable<Integer> {
    @ParentCommand LedgerCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      CloudsyncConfig config = CloudsyncHome.locate(parent.env).loadConfig();
      H2LedgerRepair.Result r = H2LedgerRepair.of(config, parent.clock).run();
      out.println(
          "ledger "
              + r.ledgerFile()
              + " rebuilt: "
              + r.totalRows()
              + " rows in "
              + r.rows().size()
              + " tables; the file as it was is kept as "
              + r.damagedCopy());
      out.flush();
      // Opening it as cloudsync does checks its migrations too.
      try (Ledger ledger = Ledger.open(config, parent.clock)) {
        List<String> versions = ledger.appliedVersions();
        out.println("it opens at schema version " + versions.get(versions.size() - 1));
      } catch (CloudsyncException e) {
        throw new CloudsyncException(
            e.code(),
            "the rebuilt ledger " + r.ledgerFile() + " does not open: " + e.getMessage(),
            List.of(
                "the file as it was is "
                    + r.damagedCopy()
                    + "; put it back under the ledger's"
                    + " name to undo the repair, and report this as a bug"),
            e);
      }
      out.println(
          "next: cloudsync sync; a gap in its plan may be a file whose row was lost (README)");
      out.flush();
      return 0;
    }
  }
}
