package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The step a center's engine is applying, or applied last, and how far it went.
 *
 * @param engine {@code verify} or {@code sqlserver}
 * @param stepType {@code full}, {@code diff} or {@code log}
 * @param files the step's files as the plan names them
 * @param stepNumber the step's place in its night, from 1
 * @param stepCount the night's steps
 * @param percent how far the engine reported it, null when it reports none (the verify engine)
 * @param state {@code running}, {@code done} or {@code failed}
 */
public record RestoreProgress(
    CenterId center,
    String engine,
    String stepType,
    List<String> files,
    int stepNumber,
    int stepCount,
    Integer percent,
    String state,
    OffsetDateTime startedAt,
    OffsetDateTime updatedAt) {
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  public RestoreProgress {
    Objects.requireNonNull(center, "center");
    files = List.copyOf(files);
    if (stepNumber < 1 || stepNumber > stepCount) {
      throw new IllegalArgumentException("step " + stepNumber + " of " + stepCount);
    }
    if (percent != null && (percent < 0 || percent > 100)) {
      throw new IllegalArgumentException("percent " + percent);
    }
    if (!List.of(RUNNING, DONE, FAILED).contains(state)) {
      throw new IllegalArgumentException("state " + state);
    }
  }

  /** Whether the step is still being applied (or the process applying it stopped). */
  public boolean running() {
    return RUNNING.equals(state);
  }

  /**
   * One line for a person: {@code full 'a.bak' (step 1 of 3): 40%}, or without a percentage {@code
   * log 'a.trn' (step 2 of 5): running (the verify engine reports no percentage)}.
   */
  public String describe() {
    String what =
        stepType
            + " "
            + (files.size() == 1 ? "'" + files.get(0) + "'" : files.toString())
            + " (step "
            + stepNumber
            + " of "
            + stepCount
            + "): ";
    if (percent != null) {
      return what + percent + "%" + (running() ? "" : ", " + state);
    }
    return what + state + " (the " + engine + " engine reports no percentage)";
  }
}
