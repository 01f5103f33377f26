package org.cloudsync.ledger;

import java.util.Locale;

/** How a run ended. */
public enum RunOutcome {
  OK,
  PARTIAL,
  FAILED,
  INTERRUPTED;

  /** The name stored in the ledger and shown in output: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RunOutcome fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
