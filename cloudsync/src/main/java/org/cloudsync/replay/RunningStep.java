package org.cloudsync.replay;

import java.util.Objects;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.CenterId;

/**
 * A step the apply phase hands to its engine, as progress listeners see it.
 *
 * @param engine {@code verify} or {@code sqlserver}
 * @param restoresData false for the verify engine, which reports no progress
 * @param number the step's place in its night, from 1
 * @param count the night's steps
 */
public record RunningStep(
    CenterId center, String engine, boolean restoresData, RestoreStep step, int number, int count) {
  public RunningStep {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(step, "step");
    if (number < 1 || number > count) {
      throw new IllegalArgumentException("step " + number + " of " + count);
    }
  }

  /** {@code center-1: full Sales_FULL.bak (1/3)}, the first file's name without directories. */
  public String label() {
    String first = step.paths().get(0);
    String name = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('!')) + 1);
    return center
        + ": "
        + step.type().shortName()
        + " "
        + name
        + (step.paths().size() > 1 ? " +" + (step.paths().size() - 1) : "")
        + " ("
        + number
        + "/"
        + count
        + ")";
  }
}
