package org.cloudsync.format;

/**
 * The process exit codes of the {@code cloudsync} command, as listed under "Contracts" in the
 * architecture document. When several apply, the highest wins.
 */
public enum ExitStatus {
  OK(0),
  INTERNAL(1),
  USAGE(2),
  INPUT_INVALID(3),
  CHAIN_INCOMPLETE(4),
  SOURCE_UNREACHABLE(5),
  RESTORE_FAILED(6);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The more severe of the two: the one with the higher exit code. */
  public ExitStatus max(ExitStatus other) {
    return other.code > code ? other : this;
  }
}
