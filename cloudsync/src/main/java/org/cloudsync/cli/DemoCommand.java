package org.cloudsync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.synthetic.SyntheticFeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync demo}: a self-contained run on the embedded defaults. Generates a synthetic eCW
 * feed (an initial full and daily zips of logs) in a temporary directory, inspects and plans it,
 * then takes it in as a health center would be: a temporary home, {@code init}, {@code center add}
 * with the feed as a directory source, {@code sync}. Restores nothing.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic eClinicalWorks Cloud Sync feed (an initial full backup and daily"
          + " zips of log backups; header-only files, no database pages) in a temporary"
          + " directory, runs 'inspect' and 'plan' over it, then 'init', 'center add' and 'sync'"
          + " in a temporary home to take it in. Nothing is restored.",
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin LoggingOptions logging;
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Write the feed to DIR (kept) instead of a temporary directory (deleted).")
  Path dir;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "3",
      description = "Daily zips of log backups to generate (default: ${DEFAULT-VALUE}).")
  int days;

  @Override
  public Integer call() throws IOException {
    if (days < 0 || days > 365) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--days must be between 0 and 365, not " + days);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean temporary = dir == null;
    Path feed = temporary ? Files.createTempDirectory("cloudsync-demo-") : dir;
    try {
      SyntheticFeed.Manifest manifest = DemoFeed.write(feed, days);
      out.print(banner(feed, manifest.files().size(), temporary));
      out.print("\n$ cloudsync inspect " + feed + "\n");
      BackupScanner.Scan scan = BackupScanner.scan(List.of(feed.toString()));
      InspectCommand.printTable(out, scan.sets());
      out.print("\n$ cloudsync plan " + feed + "\n");
      RestorePlan plan = Planner.plan(scan.sets(), PlanRequest.all());
      PlanText.print(out, plan);
      out.flush();
      ErrorPrinter.unreadable(spec.commandLine().getErr(), "demo", scan.unreadable());
      int synced = intake(out, feed);
      out.print(
          "\nThese files are synthetic and hold headers only: nothing was restored, and no"
              + " SQL Server was contacted.\n");
      out.flush();
      if (!scan.unreadable().isEmpty() || !plan.isComplete() || synced != 0) {
        throw new CloudsyncException(
            ErrorCode.INTERNAL,
            "the generated demo feed did not read, sync and plan cleanly",
            "this is a bug in cloudsync; rerun with --debug and report it");
      }
      return ExitStatus.OK.code();
    } finally {
      if (temporary) {
        DemoFeed.delete(feed);
      }
    }
  }

  /**
   * The intake on the embedded defaults: a temporary home ({@code init}: H2 ledger, staging, master
   * key), the feed as a directory source ({@code center add}), one {@code sync}. The feed was
   * written completely before, so the directory source takes its files at once (no settle time).
   *
   * @return the exit status of {@code sync}
   */
  private int intake(PrintWriter out, Path feed) throws IOException {
    Path home = Files.createTempDirectory("cloudsync-demo-home-");
    try {
      Map<String, String> env = Map.of(CloudsyncHome.ENV_HOME, home.toString());
      Clock clock = Clock.systemUTC();
      out.print("\n$ CLOUDSYNC_HOME=" + home + " cloudsync init\n");
      run(out, new InitCommand(env, clock));
      out.print(
          "\n$ cloudsync center add demo --name 'Demo Clinic' --source "
              + feed
              + " --database "
              + DemoFeed.DATABASE
              + "\n");
      run(
          out,
          new CenterCommand(env, SasUrlCheck.NONE, clock),
          "add",
          "demo",
          "--name",
          "Demo Clinic",
          "--source",
          feed.toString(),
          "--database",
          DemoFeed.DATABASE);
      out.print("\n$ cloudsync sync\n");
      return run(out, new SyncCommand(env, clock, Duration.ZERO));
    } finally {
      DemoFeed.delete(home);
    }
  }

  /** Runs a command in this process, printing to {@code out}; failures reach the error printer. */
  private int run(PrintWriter out, Object command, String... args) {
    CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(spec.commandLine().getErr());
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          throw ex;
        });
    int status = cl.execute(args);
    out.flush();
    return status;
  }

  private static String banner(Path feed, int files, boolean temporary) {
    String line = "=".repeat(78) + "\n";
    return line
        + "cloudsync demo: a SYNTHETIC feed, not real data\n"
        + "  "
        + files
        + " header-only backup files (no database pages) in\n"
        + "  "
        + feed
        + (temporary ? " (deleted afterwards; keep them with --dir DIR)" : "")
        + ",\n"
        + "  laid out like an eClinicalWorks Cloud Sync container: an initial full backup\n"
        + "  (striped over two files), then one zip of log backups per day.\n"
        + "  Nothing is restored and no SQL Server is contacted.\n"
        + line;
  }
}
