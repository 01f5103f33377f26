package org.cloudsync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.StartPoint;
import org.cloudsync.restore.sqlserver.RestoreStatements;
import org.cloudsync.restore.sqlserver.RestoreTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cloudsync plan}: the restore chain for the backups found, or why it is incomplete. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Plans the restore of the backups found under PATH by SQL Server's rules: the newest"
          + " complete full (all stripes), the latest differential on it, then the logs in LSN"
          + " order. Says which files were skipped and why, and what is missing.",
      "",
      "PATH is read as by 'cloudsync inspect' (files, directories, zips). Nothing is restored.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the chain is complete",
      "2:usage error (e.g. a malformed --after-lsn)",
      "3:some file could not be read",
      "4:the chain cannot be completed (see problems); the highest code wins",
    })
final class PlanCommand implements Callable<Integer> {
  enum Format {
    TEXT,
    JSON,
    TSQL
  }

  /** Both directories or neither: MOVE needs a home for data and log files alike. */
  static final class Directories {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        required = true,
        description = "tsql: MOVE data files to DIR (a directory on the SQL Server).")
    String data;

    @Option(
        names = "--log-dir",
        paramLabel = "DIR",
        required = true,
        description = "tsql: MOVE log files to DIR (a directory on the SQL Server).")
    String log;
  }

  @Mixin LoggingOptions logging;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Backup files, directories, zips.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--database",
      paramLabel = "NAME",
      description = "Plan for this database (needed when the files hold several).")
  String database;

  @Option(
      names = "--after-lsn",
      paramLabel = "LSN",
      converter = LsnConverter.class,
      description =
          "The database already stands at restore point LSN (decimal, or hex vlf:block:slot):"
              + " plan the logs from the one with FirstLSN <= LSN < LastLSN.")
  Lsn afterLsn;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (the default), json, or tsql (the RESTORE statements SQL Server would run).")
  Format format;

  @ArgGroup(exclusive = false)
  Directories directories;

  @Option(
      names = "--standby-dir",
      paramLabel = "DIR",
      description =
          "tsql: leave the database readable (STANDBY, undo file in DIR on the SQL Server)"
              + " after the last step, instead of RESTORING (NORECOVERY).")
  String standbyDir;

  @Option(names = "--ignore-diffs", description = "Plan full + logs, leaving differentials out.")
  boolean ignoreDiffs;

  @Option(names = "--ignore-logs", description = "Stop after the full (and differential).")
  boolean ignoreLogs;

  @Override
  public Integer call() {
    BackupScanner.Scan scan = BackupScanner.scan(paths);
    RestorePlan plan = Planner.plan(scan.sets(), request());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    switch (format) {
      case TEXT -> PlanText.print(out, plan);
      case JSON -> PlanJson.print(out, plan);
      case TSQL -> printTsql(out, err, plan, scan);
    }
    out.flush();
    ErrorPrinter.unreadable(err, "plan", scan.unreadable());
    ExitStatus status = scan.status();
    for (ChainProblem p : plan.problems()) {
      status = status.max(p.code().exitStatus());
    }
    return status.code();
  }

  PlanRequest request() {
    PlanRequest r = new PlanRequest(database, null, ignoreDiffs, ignoreLogs, null);
    return afterLsn == null ? r : r.withStart(StartPoint.at(afterLsn));
  }

  private void printTsql(
      PrintWriter out, PrintWriter err, RestorePlan plan, BackupScanner.Scan scan) {
    if (plan.database() == null) {
      out.print("-- nothing to restore: no database could be chosen\n");
    } else {
      RestoreTarget target = RestoreTarget.of(plan.database()).withStandby(standbyDir);
      if (directories != null) {
        target = target.withDirectories(directories.data, directories.log);
      }
      String script = RestoreStatements.script(plan, target, BackupFile::path);
      boolean zipped =
          plan.steps().stream()
              .flatMap(s -> s.paths().stream())
              .anyMatch(scan.zipEntries()::contains);
      if (zipped) {
        out.print(
            "-- files named ZIP!ENTRY are inside zips: extract them where SQL Server can read"
                + " them and change the DISK paths to match\n");
      }
      out.print(script);
    }
    for (ChainProblem p : plan.problems()) {
      String[] lines = p.message().split("\\R");
      err.print("plan: " + p.code().name() + ": " + ErrorPrinter.oneLine(lines[0]) + "\n");
      for (int i = 1; i < lines.length; i++) {
        err.print(ErrorPrinter.oneLine(lines[i]) + "\n");
      }
    }
  }
}
