package org.cloudsync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.synthetic.SyntheticFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync demo}: a self-contained run on the embedded defaults. Generates a synthetic eCW
 * feed (an initial full and daily zips of logs) in a temporary directory, then inspects and plans
 * it. Restores nothing.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic eClinicalWorks Cloud Sync feed (an initial full backup and daily"
          + " zips of log backups; header-only files, no database pages) in a temporary"
          + " directory, then runs 'inspect' and 'plan' over it. Nothing is restored.",
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
      out.print(
          "\nThese files are synthetic and hold headers only: nothing was restored, and no"
              + " SQL Server was contacted.\n");
      out.flush();
      ErrorPrinter.unreadable(spec.commandLine().getErr(), "demo", scan.unreadable());
      if (!scan.unreadable().isEmpty() || !plan.isComplete()) {
        throw new CloudsyncException(
            ErrorCode.INTERNAL,
            "the generated demo feed did not read and plan cleanly",
            "this is a bug in cloudsync; rerun with --debug and report it");
      }
      return ExitStatus.OK.code();
    } finally {
      if (temporary) {
        DemoFeed.delete(feed);
      }
    }
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
