package org.cloudsync.cli;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.Placement;
import picocli.CommandLine.Option;

/**
 * The options of {@code center add|edit} that place a center: on a SQL Server or the verify engine,
 * standby or {@code NORECOVERY} throughout, the re-baseline strategy and maintenance window.
 */
final class PlacementOptions {
  @Option(
      names = "--server",
      paramLabel = "NAME",
      description =
          "The SQL Server (see 'cloudsync server add') the center's database lives on. Without"
              + " one, the verify engine checks every step and restores nothing.")
  String server;

  @Option(
      names = "--no-server",
      description =
          "Take the center off its SQL Server: the verify engine checks, restores nothing.")
  boolean noServer;

  @Option(
      names = "--norecovery-only",
      negatable = true,
      description =
          "Keep the database RESTORING (NORECOVERY) throughout instead of a readable standby"
              + " after each night.")
  Boolean norecoveryOnly;

  @Option(
      names = "--rebaseline",
      paramLabel = "side-by-side|in-place",
      description =
          "How a new full backup replaces the database: beside the live copy with a name swap,"
              + " or WITH REPLACE inside the maintenance window.")
  String rebaseline;

  @Option(
      names = "--maintenance-window",
      paramLabel = "HH:MM-HH:MM",
      description =
          "When an in-place re-baseline may run, in the center's time zone ('' removes it).")
  String maintenanceWindow;

  @Option(
      names = "--keep-old-copy",
      paramLabel = "DAYS",
      description =
          "How many days the old copy a side-by-side re-baseline keeps stays before a later sync"
              + " drops it (default 7; 0: at the next sync). In place nothing is kept.")
  Integer keepOldCopyDays;

  /** Whether any placement option was given. */
  boolean given() {
    return server != null
        || noServer
        || norecoveryOnly != null
        || rebaseline != null
        || maintenanceWindow != null
        || keepOldCopyDays != null;
  }

  /** {@code current} with the options given applied (also checks them). */
  Placement apply(Placement current) {
    if (server != null && noServer) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "--server and --no-server contradict each other",
          "give one of them");
    }
    Placement p = current;
    if (server != null) {
      p = p.withServer(server);
    }
    if (noServer) {
      p = p.withServer(null);
    }
    if (norecoveryOnly != null) {
      p = p.withNorecoveryOnly(norecoveryOnly);
    }
    if (rebaseline != null) {
      p = p.withRebaseline(Placement.RebaselineStrategy.parse(rebaseline));
    }
    if (maintenanceWindow != null) {
      p = window(p, maintenanceWindow);
    }
    if (keepOldCopyDays != null) {
      if (keepOldCopyDays < 0 || keepOldCopyDays > Placement.MAX_OLD_COPY_RETENTION_DAYS) {
        throw new CloudsyncException(
            ErrorCode.OPTION_INVALID,
            "--keep-old-copy " + keepOldCopyDays + " is not a number of days from 0 to 3650",
            "give the days an old copy is kept, e.g. --keep-old-copy 7 (0: dropped at the next"
                + " sync)");
      }
      p = p.withOldCopyRetentionDays(keepOldCopyDays);
    }
    return p;
  }

  private static Placement window(Placement p, String text) {
    if (text.isEmpty()) {
      return p.withMaintenanceWindow(null, null);
    }
    String[] parts = text.split("-", -1);
    try {
      if (parts.length != 2
          || !parts[0].matches("\\d{2}:\\d{2}")
          || !parts[1].matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:MM-HH:MM", text, 0);
      }
      LocalTime start = LocalTime.parse(parts[0]);
      LocalTime end = LocalTime.parse(parts[1]);
      if (start.equals(end)) {
        throw new DateTimeParseException("empty window", text, 0);
      }
      return p.withMaintenanceWindow(start, end);
    } catch (DateTimeParseException e) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "--maintenance-window '" + text + "' is not a window of the day",
          "use HH:MM-HH:MM on a 24-hour clock, e.g. 01:00-05:00 (a window may wrap midnight:"
              + " 22:00-02:00)");
    }
  }

  /** One line for output: which engine, standby or not, the re-baseline strategy and window. */
  static String describe(Placement p) {
    StringBuilder sb = new StringBuilder();
    if (p.serverName() == null) {
      sb.append("verify engine (no SQL Server: every step is checked, nothing is restored)");
    } else {
      sb.append("sqlserver engine on SQL Server ").append(p.serverName());
      sb.append(
          p.norecoveryOnly() ? ", NORECOVERY throughout" : ", readable STANDBY after each night");
    }
    sb.append("; re-baseline ").append(p.rebaseline().label());
    if (p.maintenanceStart() != null) {
      sb.append(" (window ")
          .append(p.maintenanceStart())
          .append('-')
          .append(p.maintenanceEnd())
          .append(')');
    }
    if (p.rebaseline() == Placement.RebaselineStrategy.SIDE_BY_SIDE) {
      sb.append(", old copy kept ").append(p.oldCopyRetentionDays()).append(" day(s)");
    }
    return sb.toString();
  }
}
