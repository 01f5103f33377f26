package org.cloudsync.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.TdeCredentials;
import org.cloudsync.config.Secret;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.ChecklistItem;
import picocli.CommandLine.Option;

/** The options {@code center add} and {@code center edit} share, turned into settings. */
final class CenterOptions {
  @Option(names = "--name", paramLabel = "NAME", description = "The health center's name.")
  String name;

  @Option(
      names = "--sas-url-file",
      paramLabel = "FILE",
      description =
          "A file holding the container SAS URL eCW sent (kept out of shell history). Stored"
              + " encrypted; shown only with sig=***.")
  Path sasUrlFile;

  @Option(
      names = "--source",
      paramLabel = "DIR",
      description = "A directory to read backups from instead of Azure (on-premises drops).")
  Path sourceDirectory;

  @Option(names = "--database", paramLabel = "DB", description = "The target database name.")
  String database;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      description = "The center's time zone, e.g. America/Chicago (default: this machine's).")
  String timeZone;

  @Option(
      names = "--contact",
      paramLabel = "EMAIL",
      description = "A health center contact (repeat for several; on edit replaces them all).")
  List<String> contacts;

  @Option(
      names = "--operator-contact",
      paramLabel = "EMAIL",
      description = "An operator contact (repeat for several; on edit replaces them all).")
  List<String> operatorContacts;

  @Option(
      names = "--expected-upload",
      paramLabel = "HH:MM",
      description = "When eCW's daily upload is expected, in the center's time zone.")
  String expectedUpload;

  @Option(
      names = "--public-ip",
      paramLabel = "IP",
      description = "This server's static public IP that eCW allow-lists for the SAS URL.")
  String publicIp;

  @Option(names = "--tde-cert", paramLabel = "FILE", description = "TDE certificate (PEM or DER).")
  Path tdeCert;

  @Option(names = "--tde-key", paramLabel = "FILE", description = "TDE private key file.")
  Path tdeKey;

  @Option(
      names = "--tde-password-file",
      paramLabel = "FILE",
      description = "A file holding the TDE private key's password.")
  Path tdePasswordFile;

  @Option(
      names = "--check",
      paramLabel = "ITEM[=DATE]",
      description =
          "Mark an onboarding item done (DATE yyyy-mm-dd, default today). Items:"
              + " service-agreement, data-dump-authorization, static-ip-sent, tde-credentials,"
              + " sas-url, initial-dump.")
  List<String> checks;

  @Option(
      names = "--uncheck",
      paramLabel = "ITEM",
      description = "Mark an onboarding item not done.")
  List<String> unchecks;

  /** The settings these options ask for; files are read and every value is checked. */
  CenterSettings toSettings(LocalDate today) {
    CenterSettings s = new CenterSettings();
    s.name(name).databaseName(database).publicIp(publicIp);
    if (timeZone != null) {
      s.timeZone(zone(timeZone));
    }
    if (expectedUpload != null) {
      s.expectedUpload(time(expectedUpload));
    }
    if (sourceDirectory != null) {
      if (!Files.isDirectory(sourceDirectory)) {
        throw new CloudsyncException(
            ErrorCode.FILE_UNREADABLE,
            "--source '" + sourceDirectory + "' is not a directory",
            "create it, or give the directory eCW's files are dropped into");
      }
      s.sourceDirectory(sourceDirectory);
    }
    if (sasUrlFile != null) {
      s.sasUrl(Secret.of(readText(sasUrlFile, "--sas-url-file").strip()));
    }
    s.tde(tde());
    s.healthCenterContacts(contacts).operatorContacts(operatorContacts);
    for (String check : checks == null ? List.<String>of() : checks) {
      int eq = check.indexOf('=');
      ChecklistItem item = ChecklistItem.parse(eq < 0 ? check : check.substring(0, eq));
      s.check(item, eq < 0 ? today : date(check.substring(eq + 1), check));
    }
    for (String item : unchecks == null ? List.<String>of() : unchecks) {
      s.uncheck(ChecklistItem.parse(item));
    }
    return s;
  }

  private TdeCredentials tde() {
    List<String> missing = new ArrayList<>();
    if (tdeCert == null) {
      missing.add("--tde-cert");
    }
    if (tdeKey == null) {
      missing.add("--tde-key");
    }
    if (tdePasswordFile == null) {
      missing.add("--tde-password-file");
    }
    if (missing.size() == 3) {
      return null;
    }
    if (!missing.isEmpty()) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "TDE credentials are incomplete: " + String.join(", ", missing) + " missing",
          "give --tde-cert, --tde-key and --tde-password-file together");
    }
    return TdeCredentials.read(tdeCert, tdeKey, tdePasswordFile);
  }

  private static String readText(Path file, String option) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new CloudsyncException(
            ErrorCode.FILE_UNREADABLE,
            option
                + " '"
                + file
                + "' cannot be read: "
                + (Files.exists(file) ? "not a regular file" : "no such file"),
            "check the path and that this user may read the file");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        throw new CloudsyncException(
            ErrorCode.FILE_UNREADABLE,
            option + " '" + file + "' cannot be read: it is empty",
            "put the SAS URL alone on the file's first line");
      }
      return text;
    } catch (java.io.IOException e) {
      throw new CloudsyncException(
          ErrorCode.FILE_UNREADABLE,
          option + " '" + file + "' cannot be read: " + e.getClass().getSimpleName(),
          "check the path and that this user may read the file");
    }
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "--timezone '" + text + "' is not a time zone",
          "use a region id such as America/New_York or America/Chicago, or UTC");
    }
  }

  private static LocalTime time(String text) {
    try {
      if (!text.matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:MM", text, 0);
      }
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "--expected-upload '" + text + "' is not a time of day",
          "use HH:MM on a 24-hour clock, e.g. 05:30");
    }
  }

  private static LocalDate date(String text, String option) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "--check '" + option + "' has no valid date",
          "use ITEM=yyyy-mm-dd, e.g. sas-url=2026-11-03, or ITEM alone for today");
    }
  }
}
