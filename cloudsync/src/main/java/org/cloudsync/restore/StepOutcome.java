package org.cloudsync.restore;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;

/**
 * What happened to one step. Always names the engine, so that no output presents a check as a
 * restore.
 *
 * @param engine the engine's name ({@code verify}, {@code sqlserver})
 * @param kind applied (SQL Server restored it and confirmed), verified (the verify engine accepted
 *     it; no data was restored), refused (checked before touching the server; nothing changed) or
 *     failed (the server failed it; reconcile before going on)
 * @param step the step
 * @param after the database's state afterwards as the engine knows it (for a failure: as before);
 *     null when a refusal or failure left it unknown
 * @param refusal why it was refused or failed, null on success
 */
public record StepOutcome(
    String engine, Kind kind, RestoreStep step, DatabaseState after, Refusal refusal) {

  /** The four outcomes. */
  public enum Kind {
    APPLIED("applied"),
    VERIFIED("verified"),
    REFUSED("refused"),
    FAILED("failed");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    /** The word for output and the ledger's file state. */
    public String word() {
      return word;
    }
  }

  public StepOutcome {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(step, "step");
    if ((kind == Kind.APPLIED || kind == Kind.VERIFIED) && after == null) {
      throw new IllegalArgumentException(kind + " outcome without a state");
    }
    if ((kind == Kind.APPLIED || kind == Kind.VERIFIED) != (refusal == null)) {
      throw new IllegalArgumentException(kind + " outcome with refusal " + refusal);
    }
  }

  public static StepOutcome success(
      String engine, Kind kind, RestoreStep step, DatabaseState after) {
    return new StepOutcome(engine, kind, step, after, null);
  }

  public static StepOutcome refused(
      String engine, RestoreStep step, DatabaseState state, Refusal refusal) {
    return new StepOutcome(engine, Kind.REFUSED, step, state, refusal);
  }

  public static StepOutcome failed(
      String engine, RestoreStep step, DatabaseState state, Refusal refusal) {
    return new StepOutcome(engine, Kind.FAILED, step, state, refusal);
  }

  /** Applied or verified. */
  public boolean succeeded() {
    return refusal == null;
  }

  /** The error code of a refusal or failure, null on success. */
  public ErrorCode code() {
    return refusal == null ? null : refusal.code();
  }

  /** Hints of a refusal or failure. */
  public List<String> hints() {
    return refusal == null ? List.of() : refusal.hints();
  }

  /**
   * One line for a person: {@code verify engine: verified log 'a.trn' (LSN x to y); 'db' RESTORING
   * at y}, or {@code sqlserver engine: refused log 'a.trn': LOG_TOO_RECENT: error 4305: ...}.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(engine).append(" engine: ").append(kind.word()).append(' ');
    sb.append(step.type().shortName()).append(' ');
    List<String> paths = step.paths();
    sb.append(paths.size() == 1 ? "'" + paths.get(0) + "'" : paths.toString());
    if (refusal == null) {
      sb.append(" (LSN ")
          .append(step.firstLsn().toDecimalString())
          .append(" to ")
          .append(step.lastLsn().toDecimalString())
          .append("); ")
          .append(after.describe());
    } else {
      sb.append(": ").append(refusal.code().name()).append(": ").append(refusal.reason());
    }
    return sb.toString();
  }
}
