package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.HeaderTsv;
import org.cloudsync.format.plan.BackupFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cloudsync inspect}: the headers of backup files, read offline. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the headers of SQL Server backup files without SQL Server: one row per backup set.",
      "",
      "PATH is a file, a directory (searched recursively) or a zip (entries read in place,"
          + " named ZIP!ENTRY). In a directory or zip, files named *.bak, *.trn (any case) are"
          + " read, *.zip files are opened, and any other file is read only if it starts with a"
          + " backup signature (TAPE or MSSQLBAK); the rest are skipped (listed with --verbose)."
          + " A file argument is always read.",
      "",
      "Paths are shown relative to the directory argument they were found under, with /"
          + " separators; a file argument as given; control characters in names show as ?."
          + " Rows are sorted by path, then position.",
      "",
      "Files that cannot be read are reported on stderr with their error code and reason;"
          + " the others are still printed.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file was read", "3:some file could not be read"})
final class InspectCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  enum Format {
    TABLE,
    JSON,
    TSV
  }

  @Mixin LoggingOptions logging;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Backup files, directories, zips.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table (aligned columns, the default), json (every field) or tsv (the"
              + " columns of headers.tsv).")
  Format format;

  @Override
  public Integer call() {
    BackupScanner.Scan scan = BackupScanner.scan(paths);
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case TSV -> printTsv(out, scan.sets());
      case JSON -> printJson(out, scan.sets());
      case TABLE -> printTable(out, scan.sets());
    }
    out.flush();
    ErrorPrinter.unreadable(spec.commandLine().getErr(), "inspect", scan.unreadable());
    return scan.status().code();
  }

  static void printTsv(PrintWriter out, List<BackupFile> sets) {
    out.print(HeaderTsv.headerLine());
    out.print('\n');
    for (BackupFile f : sets) {
      out.print(HeaderTsv.row(f.path(), f.header()));
      out.print('\n');
    }
  }

  static void printJson(PrintWriter out, List<BackupFile> sets) {
    ArrayNode a = JsonOutput.array();
    for (BackupFile f : sets) {
      a.add(JsonOutput.header(f.path(), f.header()));
    }
    JsonOutput.print(out, a);
  }

  static void printTable(PrintWriter out, List<BackupFile> sets) {
    TextTable t = new TextTable();
    t.row("path", "type", "database", "first_lsn", "last_lsn", "start", "family", "pos", "flags");
    for (BackupFile f : sets) {
      BackupHeader h = f.header();
      t.row(
          f.path(),
          h.backupType().shortName(),
          h.databaseName(),
          h.firstLsn().toDecimalString(),
          h.lastLsn().toDecimalString(),
          h.backupStartDate() == null ? "?" : h.backupStartDate().format(TIME),
          h.familySequenceNumber() + "/" + h.familyCount(),
          Integer.toString(h.position()),
          flags(h));
    }
    out.print(t.render(""));
    if (sets.isEmpty()) {
      out.print("(no backup sets found)\n");
    }
  }

  private static String flags(BackupHeader h) {
    List<String> flags = new ArrayList<>();
    if (h.isEmptyLog()) {
      flags.add("empty");
    }
    if (Boolean.TRUE.equals(h.copyOnly())) {
      flags.add("copy-only");
    }
    if (h.compressed()) {
      flags.add("compressed");
    }
    if (h.hasChecksums()) {
      flags.add("checksums");
    }
    if (h.mediaPasswordProtected()) {
      flags.add("password");
    }
    return flags.isEmpty() ? "-" : String.join(",", flags);
  }
}
