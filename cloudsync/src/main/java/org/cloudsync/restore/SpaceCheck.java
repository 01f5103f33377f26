package org.cloudsync.restore;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.ErrorCode;

/**
 * The free-space pre-flight of a restore that creates database files (an initial load, a
 * re-baseline): per volume of the server, the bytes the new files need there and the bytes free.
 *
 * @param outcome whether there is room, not, or the check could not be made
 * @param volumes one entry per volume checked
 * @param unchecked what could not be checked and why (e.g. a directory no database file lies in),
 *     empty when everything was
 * @param strategy what the figures assume, e.g. {@code side by side (the old copy stays)}
 */
public record SpaceCheck(
    Outcome outcome, List<Volume> volumes, List<String> unchecked, String strategy) {

  /** What the new files take the place of. */
  public enum Mode {
    /** An initial load: every file is new. */
    NEW_DATABASE("initial load, every file new"),
    /** Side by side: a second copy beside the live one, which stays (kept afterwards). */
    BESIDE_LIVE("side by side, the live copy stays beside the new one"),
    /** In place: {@code WITH REPLACE} overwrites the live copy's files, so only growth counts. */
    REPLACE_LIVE("in place, WITH REPLACE reuses the live copy's files");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    /** What the figures assume, for messages. */
    public String text() {
      return text;
    }
  }

  /** The three results. */
  public enum Outcome {
    /** Every volume checked has room; {@link #unchecked} may still name what was not checked. */
    ENOUGH,
    /** At least one volume has less free space than the new files need there. */
    NOT_ENOUGH,
    /** Nothing could be checked (the verify engine has no disk). */
    NOT_PERFORMED
  }

  /**
   * One volume of the server.
   *
   * @param directories the server directories on it that receive new files, e.g. {@code data
   *     D:\Data}
   * @param volume the volume's mount point as SQL Server reports it ({@code D:\}), or a description
   *     when SQL Server reports none (on Linux)
   * @param neededBytes what the new files need on this volume
   * @param availableBytes the volume's free space ({@code sys.dm_os_volume_stats.available_bytes})
   */
  public record Volume(String directories, String volume, long neededBytes, long availableBytes) {
    public Volume {
      Objects.requireNonNull(directories, "directories");
      Objects.requireNonNull(volume, "volume");
    }

    public boolean enough() {
      return availableBytes >= neededBytes;
    }

    /** {@code data D:\Data on volume D:\: needs 9437184 bytes, 8000000 free}. */
    public String describe() {
      return directories
          + " on volume "
          + volume
          + ": needs "
          + neededBytes
          + " bytes, "
          + availableBytes
          + " free";
    }
  }

  public SpaceCheck {
    Objects.requireNonNull(outcome, "outcome");
    volumes = List.copyOf(volumes);
    unchecked = List.copyOf(unchecked);
    Objects.requireNonNull(strategy, "strategy");
  }

  /** The check could not be made at all, for {@code reason}. */
  public static SpaceCheck notPerformed(String reason, String strategy) {
    return new SpaceCheck(Outcome.NOT_PERFORMED, List.of(), List.of(reason), strategy);
  }

  /** The checks of {@code volumes}, with what could not be checked. */
  public static SpaceCheck of(List<Volume> volumes, List<String> unchecked, String strategy) {
    boolean enough = volumes.stream().allMatch(Volume::enough);
    Outcome o =
        volumes.isEmpty() ? Outcome.NOT_PERFORMED : enough ? Outcome.ENOUGH : Outcome.NOT_ENOUGH;
    return new SpaceCheck(o, volumes, unchecked, strategy);
  }

  /** The volume with the least room to spare (the one refused first), null when none checked. */
  public Volume tightest() {
    return volumes.stream()
        .min(
            (a, b) ->
                Long.compare(a.availableBytes - a.neededBytes, b.availableBytes - b.neededBytes))
        .orElse(null);
  }

  /** One line for the ledger and the output, with every figure. */
  public String describe() {
    StringBuilder sb = new StringBuilder("free space ");
    sb.append(
        switch (outcome) {
          case ENOUGH -> "checked, " + strategy + ": enough";
          case NOT_ENOUGH -> "checked, " + strategy + ": not enough";
          case NOT_PERFORMED -> "check not performed";
        });
    for (Volume v : volumes) {
      sb.append("; ").append(v.describe());
    }
    for (String u : unchecked) {
      sb.append("; not checked: ").append(u);
    }
    return sb.toString();
  }

  /**
   * The refusal when a volume has too little room ({@code SERVER_DISK_FULL}), null otherwise.
   *
   * @param what the restore refused, e.g. {@code the side-by-side re-baseline of 'Sales'}
   * @param besideLive whether the new copy goes beside a live one (then the in-place strategy is
   *     suggested)
   */
  public Refusal refusal(String what, boolean besideLive) {
    if (outcome != Outcome.NOT_ENOUGH) {
      return null;
    }
    StringBuilder sb = new StringBuilder(what).append(" needs more free space than the server has");
    for (Volume v : volumes) {
      if (!v.enough()) {
        sb.append("; ").append(v.describe());
      }
    }
    String free =
        "free space on that volume (or give the server other --data-dir/--log-dir), then sync"
            + " again";
    if (!besideLive) {
      return Refusal.of(ErrorCode.SERVER_DISK_FULL, 0, sb.toString(), free);
    }
    return Refusal.of(
        ErrorCode.SERVER_DISK_FULL,
        0,
        sb.toString(),
        free,
        "an old copy kept from an earlier re-baseline can be dropped sooner with a shorter"
            + " --keep-old-copy",
        "the in-place strategy needs no second copy: 'cloudsync center edit ID --rebaseline"
            + " in-place --maintenance-window HH:MM-HH:MM'");
  }
}
