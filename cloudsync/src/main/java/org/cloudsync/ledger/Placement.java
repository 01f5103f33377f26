package org.cloudsync.ledger;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Where a center's database lives and how it is kept.
 *
 * @param serverName the SQL Server instance, null for the verify engine
 * @param norecoveryOnly {@code NORECOVERY} throughout: no readable standby between nights
 * @param rebaseline how a new full backup replaces the database
 * @param maintenanceStart start of the window an in-place re-baseline may run in (the center's time
 *     zone); null together with {@code maintenanceEnd} when there is none
 * @param oldCopyRetentionDays how many days the old copy a side-by-side re-baseline keeps stays
 *     before it is dropped (0: at the next sync); moot in place, where {@code WITH REPLACE}
 *     overwrites it
 */
public record Placement(
    String serverName,
    boolean norecoveryOnly,
    RebaselineStrategy rebaseline,
    LocalTime maintenanceStart,
    LocalTime maintenanceEnd,
    int oldCopyRetentionDays) {

  /** The old copy's retention unless the center says otherwise: 7 days. */
  public static final int DEFAULT_OLD_COPY_RETENTION_DAYS = 7;

  /** The longest retention accepted: ten years. */
  public static final int MAX_OLD_COPY_RETENTION_DAYS = 3650;

  /** How a center is re-baselined when a new full backup arrives. */
  public enum RebaselineStrategy {
    /** Restore under a temporary name, apply the logs, swap names in a short window. */
    SIDE_BY_SIDE("side-by-side"),
    /** Restore {@code WITH REPLACE} over the live copy inside the maintenance window. */
    IN_PLACE("in-place");

    private final String label;

    RebaselineStrategy(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Parses {@code side-by-side} or {@code in-place} (any case). */
    public static RebaselineStrategy parse(String text) {
      for (RebaselineStrategy s : values()) {
        if (s.label.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "re-baseline strategy '" + text + "' is not known",
          "use side-by-side or in-place");
    }
  }

  /** The default: verify engine, readable standby, side by side, no window, 7 days' retention. */
  public static final Placement DEFAULT =
      new Placement(
          null,
          false,
          RebaselineStrategy.SIDE_BY_SIDE,
          null,
          null,
          DEFAULT_OLD_COPY_RETENTION_DAYS);

  public Placement {
    Objects.requireNonNull(rebaseline, "rebaseline");
    if ((maintenanceStart == null) != (maintenanceEnd == null)) {
      throw new IllegalArgumentException("a maintenance window needs a start and an end");
    }
    if (oldCopyRetentionDays < 0 || oldCopyRetentionDays > MAX_OLD_COPY_RETENTION_DAYS) {
      throw new IllegalArgumentException(
          "old copy retention out of range: " + oldCopyRetentionDays);
    }
  }

  /** Whether {@code time} (in the center's zone) lies in the window; a window may wrap midnight. */
  public boolean inMaintenanceWindow(LocalTime time) {
    if (maintenanceStart == null) {
      return false;
    }
    if (!maintenanceStart.isAfter(maintenanceEnd)) {
      return !time.isBefore(maintenanceStart) && time.isBefore(maintenanceEnd);
    }
    return !time.isBefore(maintenanceStart) || time.isBefore(maintenanceEnd);
  }

  public Placement withServer(String name) {
    return new Placement(
        name, norecoveryOnly, rebaseline, maintenanceStart, maintenanceEnd, oldCopyRetentionDays);
  }

  public Placement withNorecoveryOnly(boolean v) {
    return new Placement(
        serverName, v, rebaseline, maintenanceStart, maintenanceEnd, oldCopyRetentionDays);
  }

  public Placement withRebaseline(RebaselineStrategy s) {
    return new Placement(
        serverName, norecoveryOnly, s, maintenanceStart, maintenanceEnd, oldCopyRetentionDays);
  }

  public Placement withMaintenanceWindow(LocalTime start, LocalTime end) {
    return new Placement(serverName, norecoveryOnly, rebaseline, start, end, oldCopyRetentionDays);
  }

  public Placement withOldCopyRetentionDays(int days) {
    return new Placement(
        serverName, norecoveryOnly, rebaseline, maintenanceStart, maintenanceEnd, days);
  }
}
