package org.cloudsync.ledger;

import java.util.Arrays;

/** What a blob holds, decided by its content: unknown until it is classified. */
public enum BlobKind {
  UNCLASSIFIED("unclassified"),
  INITIAL_DUMP("initial-dump"),
  LOG_ZIP("log-zip"),
  OTHER("other");

  private final String label;

  BlobKind(String label) {
    this.label = label;
  }

  /** The name stored in the ledger and shown in output. */
  public String label() {
    return label;
  }

  static BlobKind fromLabel(String label) {
    return Arrays.stream(values())
        .filter(k -> k.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown blob kind '" + label + "'"));
  }
}
