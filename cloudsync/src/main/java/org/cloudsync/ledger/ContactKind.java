package org.cloudsync.ledger;

import java.util.Arrays;

/** Who a contact is: someone at the health center, or the hosting operator. */
public enum ContactKind {
  HEALTH_CENTER("health-center"),
  OPERATOR("operator");

  private final String label;

  ContactKind(String label) {
    this.label = label;
  }

  /** The name stored in the ledger and shown in output. */
  public String label() {
    return label;
  }

  static ContactKind fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst().orElseThrow();
  }
}
