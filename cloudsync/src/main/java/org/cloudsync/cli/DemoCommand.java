package org.cloudsync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cloudsync.center.Center;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.replay.CenterStatus;
import org.cloudsync.replay.Engines;
import org.cloudsync.replay.StatusReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync demo}: a self-contained run on the embedded defaults. Generates a synthetic eCW
 * feed (an initial full and daily zips of logs), then, in a temporary home ({@code init}, {@code
 * center add} with a directory source), delivers it night by night into the source directory (the
 * full first, then one daily zip a night, dated in the past) and runs {@code sync} after each
 * delivery, printing what the verify engine verified. Nothing is restored, and it says so.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic eClinicalWorks Cloud Sync feed (an initial full backup and daily"
          + " zips of log backups; header-only files, no database pages), then in a temporary"
          + " home adds a health center on a directory source and syncs it night by night: the"
          + " full on night 0, one daily zip a night after. The verify engine checks every step"
          + " by SQL Server's rules; nothing is restored.",
    })
final class DemoCommand implements Callable<Integer> {
  private static final CenterId DEMO = new CenterId("demo");

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
      defaultValue = "5",
      description = "Nights of daily zips to generate and sync (default: ${DEFAULT-VALUE}).")
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
    Path home = Files.createTempDirectory("cloudsync-demo-home-");
    try {
      SyntheticFeed.Manifest manifest = DemoFeed.write(feed.resolve("generated"), days);
      out.print(banner(feed, manifest.files().size(), temporary));
      out.flush();
      int status = nights(out, home, feed, manifest);
      out.print(
          "\nThe verify engine checked every step by SQL Server's rules: nothing was restored,"
              + " and no SQL Server was contacted.\n");
      out.flush();
      if (status != 0) {
        throw new CloudsyncException(
            ErrorCode.INTERNAL,
            "the generated demo feed did not sync cleanly (sync exit status " + status + ")",
            "this is a bug in cloudsync; rerun with --debug and report it");
      }
      return ExitStatus.OK.code();
    } finally {
      DemoFeed.delete(home);
      if (temporary) {
        DemoFeed.delete(feed);
      }
    }
  }

  /**
   * The night-by-night run: init, center add on the (empty) source directory, then for each
   * delivery (the full, then each daily zip) a copy into the source and one {@code sync}.
   *
   * @return the highest exit status of the syncs
   */
  private int nights(PrintWriter out, Path home, Path feed, SyntheticFeed.Manifest manifest)
      throws IOException {
    Path source = Files.createDirectories(feed.resolve("source"));
    Map<String, String> env = Map.of(CloudsyncHome.ENV_HOME, home.toString());
    Clock clock = Clock.systemUTC();
    out.print("\n$ CLOUDSYNC_HOME=" + home + " cloudsync init\n");
    run(out, new InitCommand(env, clock));
    out.print(
        "\n$ cloudsync center add demo --name 'Demo Clinic' --source "
            + source
            + " --database "
            + DemoFeed.DATABASE
            + "\n");
    run(
        quiet(),
        new CenterCommand(env, SasUrlCheck.NONE, clock),
        "add",
        "demo",
        "--name",
        "Demo Clinic",
        "--source",
        source.toString(),
        "--database",
        DemoFeed.DATABASE);
    out.print("added health center demo (no SQL Server: the verify engine; nothing is restored)\n");
    int worst = 0;
    int night = 0;
    Set<Long> seen = new HashSet<>();
    for (Map.Entry<String, List<String>> delivery : deliveries(manifest).entrySet()) {
      for (String file : delivery.getValue()) {
        Path target = source.resolve(file);
        Files.copy(manifest.directory().resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
        // Delivered a day ago: the directory source takes it at once.
        Files.setLastModifiedTime(
            target, FileTime.from(clock.instant().minus(Duration.ofDays(days + 1 - night))));
      }
      out.print(
          "\n== night "
              + night
              + ": "
              + String.join(", ", delivery.getValue())
              + " arrive"
              + (delivery.getValue().size() == 1 ? "s" : "")
              + "\n$ cloudsync sync\n");
      StringWriter syncOut = new StringWriter();
      PrintWriter w = new PrintWriter(syncOut);
      int status = run(w, new SyncCommand(env, clock, Duration.ZERO));
      w.flush();
      if (status != 0) {
        out.print(syncOut);
      }
      worst = Math.max(worst, status);
      summary(out, home, env, clock, seen);
      out.flush();
      night++;
    }
    return worst;
  }

  /** What this night verified, and where the database stands. */
  private static void summary(
      PrintWriter out, Path home, Map<String, String> env, Clock clock, Set<Long> seen) {
    CloudsyncHome h = CloudsyncHome.locate(env);
    try (Ledger ledger = Ledger.open(h.loadConfig(), clock)) {
      Centers centers =
          new Centers(ledger, new SecretBox(MasterKey.load(h, env)), SasUrlCheck.NONE, clock);
      List<String> verified = new ArrayList<>();
      for (BackupFileRecord f : new BackupFileStore(ledger).list(DEMO, FileState.VERIFIED)) {
        if (seen.add(f.id())) {
          verified.add(f.entryPath());
        }
      }
      Center center = centers.get(DEMO);
      CenterStatus s =
          new StatusReader(ledger, centers, new Engines(ledger, null, f -> Path.of(f.path())))
              .read(center);
      out.print(
          "verify engine: verified "
              + verified.size()
              + " file(s)"
              + (verified.isEmpty()
                  ? ""
                  : ": "
                      + verified.get(0)
                      + (verified.size() > 1 ? " .. " + verified.get(verified.size() - 1) : ""))
              + " (nothing restored)\n");
      out.print(
          "  database '"
              + s.database().name()
              + "' "
              + s.stateName()
              + (s.standby() ? " (standby)" : "")
              + ", restore_lsn "
              + (s.database().restorePoint() == null
                  ? "-"
                  : s.database().restorePoint().toDecimalString())
              + (s.lastFile() == null || s.lastFile().backupFinish() == null
                  ? ""
                  : ", current through " + JsonOutput.date(s.lastFile().backupFinish()))
              + "; "
              + s.filesPending()
              + " file(s) pending"
              + (s.lastError() == null ? "" : "; last error " + s.lastError().code())
              + "\n");
    }
  }

  /** The feed's files by delivery: the full's stripes first, then each daily zip. */
  private static Map<String, List<String>> deliveries(SyntheticFeed.Manifest manifest) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (SyntheticFeed.GeneratedFile f : manifest.files()) {
      int bang = f.path().indexOf('!');
      String file = bang < 0 ? f.path() : f.path().substring(0, bang);
      String group = bang < 0 ? "full" : file;
      List<String> files = out.computeIfAbsent(group, k -> new ArrayList<>());
      if (!files.contains(file)) {
        files.add(file);
      }
    }
    return out;
  }

  private PrintWriter quiet() {
    return new PrintWriter(new StringWriter());
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
        + "cloudsync demo: a SYNTHETIC feed, not real data, on the VERIFY ENGINE\n"
        + "  "
        + files
        + " header-only backup files (no database pages) in\n"
        + "  "
        + feed
        + (temporary ? " (deleted afterwards; keep them with --dir DIR)" : "")
        + ",\n"
        + "  laid out like an eClinicalWorks Cloud Sync container: an initial full backup\n"
        + "  (striped over two files), then one zip of log backups per day, delivered one\n"
        + "  night at a time. The verify engine checks each step by SQL Server's restore\n"
        + "  rules: NOTHING IS RESTORED and no SQL Server is contacted.\n"
        + line;
  }
}
