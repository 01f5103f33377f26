package org.cloudsync.restore;

import java.util.Objects;

/**
 * How one step is applied.
 *
 * @param finish the state the step leaves the database in
 * @param replace overwrite an existing database with a full ({@code WITH REPLACE}): only for an
 *     in-place re-baseline
 * @param restart resume an interrupted full or differential restore ({@code WITH RESTART}) rather
 *     than starting it over
 */
public record ApplyOptions(Finish finish, boolean replace, boolean restart) {

  /** The state a step leaves the database in. */
  public enum Finish {
    /** {@code NORECOVERY}: restoring, more backups can follow; nobody can read it. */
    NORECOVERY,
    /** {@code STANDBY = undo file}: readable between nights; more logs can still follow. */
    STANDBY,
    /** {@code RECOVERY}: online and writable; the chain ends here for good. */
    RECOVERY
  }

  public ApplyOptions {
    Objects.requireNonNull(finish, "finish");
  }

  public static ApplyOptions norecovery() {
    return new ApplyOptions(Finish.NORECOVERY, false, false);
  }

  public static ApplyOptions standby() {
    return new ApplyOptions(Finish.STANDBY, false, false);
  }

  public static ApplyOptions recovery() {
    return new ApplyOptions(Finish.RECOVERY, false, false);
  }

  /**
   * The options of step {@code index} of a night of {@code count} steps: {@code STANDBY} on the
   * night's last step when the center keeps a readable standby, {@code NORECOVERY} otherwise.
   */
  public static ApplyOptions forNight(int index, int count, boolean standbyAfterNight) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("step " + index + " of " + count);
    }
    return standbyAfterNight && index == count - 1 ? standby() : norecovery();
  }

  public ApplyOptions withReplace() {
    return new ApplyOptions(finish, true, restart);
  }

  public ApplyOptions withRestart() {
    return new ApplyOptions(finish, replace, true);
  }
}
