package org.cloudsync.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.center.Center;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.intake.Staging;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.replay.ApplyProgress;
import org.cloudsync.source.ProgressListener;
import org.cloudsync.source.TextProgressBar;
import org.cloudsync.source.directory.DirectorySource;
import org.cloudsync.sync.CenterSources;
import org.cloudsync.sync.SyncCycle;
import org.cloudsync.sync.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync sync [--center ID] [--format text|json] [--dry-run]}: one cycle (discover,
 * fetch, unpack, validate, plan, apply) for one or every center that is not paused, printing what
 * it found and what its engine applied (or verified). The exit status is the highest any center
 * earns (see {@link org.cloudsync.sync.CenterReport#exitStatus()}): 3 when this run quarantined
 * input, 4 when a center's chain cannot be completed, 5 when a source cannot be reached or refuses
 * access, 6 when a restore was refused or failed. A center another process is syncing right now is
 * skipped with {@code CENTER_BUSY} naming that process; it does not raise the status.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Run one cycle for one or all centers (paused ones are left alone): discover new or changed"
          + " blobs, fetch them into staging, unpack zips, validate every backup file's header,"
          + " plan, and apply: each center on its engine (its SQL Server, or the verify engine,"
          + " which checks every step by SQL Server's rules and restores nothing).",
      "Running it again fetches nothing already fetched; a cycle stopped at any point continues"
          + " where it stood.",
      "Exit status: 0 all well, 3 some input quarantined or gone, 4 a chain cannot be completed,"
          + " 5 a source is unreachable or refuses access, 6 a restore was refused or failed;"
          + " the highest applies. A center another cloudsync process is syncing right now is"
          + " skipped (CENTER_BUSY, naming that process) without raising the status."
    })
final class SyncCommand implements Callable<Integer> {
  /** Files larger than this get a progress bar while downloading (on a terminal). */
  private static final long PROGRESS_BAR_BYTES = 16L << 20;

  private static final Duration STAGING_RETENTION = Duration.ofDays(7);

  @Mixin LoggingOptions logging;
  @Spec CommandSpec spec;

  @Option(names = "--center", paramLabel = "ID", description = "Only this center.")
  String center;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  CenterCommand.Format format;

  @Option(
      names = "--dry-run",
      description =
          "List the sources and plan from what the ledger holds; record and fetch nothing.")
  boolean dryRun;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Centers synced at once (default: ${DEFAULT-VALUE}); restores on one SQL Server are"
              + " capped further by its --max-concurrent-restores. Progress bars are"
              + " drawn only when one center runs at a time.")
  int parallel;

  private final Map<String, String> env;
  private final Clock clock;
  private final Duration settle;

  /** The command on this process's environment. */
  SyncCommand() {
    this(System.getenv(), Clock.systemUTC(), DirectorySource.DEFAULT_SETTLE);
  }

  /**
   * The command on {@code env} (for tests, embedding and the demo).
   *
   * @param settle how long a file in a directory source must be left alone before it is taken
   */
  SyncCommand(Map<String, String> env, Clock clock, Duration settle) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.settle = settle;
  }

  @Override
  public Integer call() {
    if (parallel < 1) {
      throw new ParameterException(
          spec.commandLine(), "--parallel must be at least 1, not " + parallel);
    }
    CloudsyncHome home = CloudsyncHome.locate(env);
    var config = home.loadConfig();
    SecretBox box = new SecretBox(MasterKey.load(home, env));
    try (Ledger ledger = Ledger.open(config, clock)) {
      Centers centers = new Centers(ledger, box, SasUrlCheck.NONE, clock);
      List<Center> chosen =
          center == null ? centers.list() : List.of(centers.get(new CenterId(center)));
      boolean oneAtATime = Math.min(parallel, chosen.size()) <= 1;
      SyncCycle.Settings settings =
          SyncCycle.Settings.defaults(new Staging(home.stagingDir(), clock, STAGING_RETENTION))
              .withLockDirectory(home.locksDir())
              .withParallelCenters(parallel)
              .withProgress(
                  b ->
                      oneAtATime && b.size() >= PROGRESS_BAR_BYTES
                          ? TextProgressBar.forStderr(b.name())
                          : ProgressListener.NONE);
      SyncReport report =
          new SyncCycle(ledger, new CenterSources(centers, clock, settle), settings)
              .withReplay(
                  new org.cloudsync.replay.Replay(
                          ledger,
                          centers,
                          new org.cloudsync.server.Servers(
                              ledger, box, org.cloudsync.server.ServerConnector.JDBC, clock),
                          clock)
                      .withProgress(
                          oneAtATime ? RestoreProgressBar.forStderr() : ApplyProgress.NONE))
              .run(chosen, dryRun);
      PrintWriter out = spec.commandLine().getOut();
      if (format == CenterCommand.Format.JSON) {
        JsonOutput.print(out, SyncJson.of(report));
      } else {
        if (chosen.isEmpty()) {
          out.print("no centers yet: add one with 'cloudsync center add'\n");
        }
        SyncText.print(out, report);
      }
      out.flush();
      return report.exitStatus().code();
    }
  }
}
