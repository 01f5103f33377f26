package org.cloudsync.ledger;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** The onboarding steps of a health center, in the order they usually happen. */
public enum ChecklistItem {
  SERVICE_AGREEMENT("service-agreement", "service agreement signed"),
  DATA_DUMP_AUTHORIZATION(
      "data-dump-authorization", "Data Dump Authorization Agreement with eCW signed"),
  STATIC_IP_SENT("static-ip-sent", "static IP sent to eCW"),
  TDE_CREDENTIALS("tde-credentials", "TDE credentials received"),
  SAS_URL("sas-url", "SAS URL received"),
  INITIAL_DUMP("initial-dump", "initial dump uploaded");

  private final String label;
  private final String description;

  ChecklistItem(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The name stored in the ledger and used on the command line. */
  public String label() {
    return label;
  }

  /** What the step is, for people. */
  public String description() {
    return description;
  }

  /** The item named {@code label}, or {@code OPTION_INVALID} listing the names. */
  public static ChecklistItem parse(String label) {
    return Arrays.stream(values())
        .filter(i -> i.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new CloudsyncException(
                    ErrorCode.OPTION_INVALID,
                    "checklist item '" + label + "' does not exist",
                    "the items are: "
                        + Arrays.stream(values())
                            .map(ChecklistItem::label)
                            .collect(Collectors.joining(", "))));
  }
}
