package org.cloudsync.ledger;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a backup file stands: {@code discovered → staged → validated → applied | verified | skipped
 * | quarantined}. {@code verified} is what the verify engine reaches (it restores nothing). A file
 * may be quarantined or skipped from any state before it is applied; applied, verified, skipped and
 * quarantined are final.
 */
public enum FileState implements TrackedState<FileState> {
  DISCOVERED,
  STAGED,
  VALIDATED,
  APPLIED,
  VERIFIED,
  SKIPPED,
  QUARANTINED;

  /** Whether a file in this state may move to {@code next}. */
  @Override
  public boolean canMoveTo(FileState next) {
    return successors().contains(next);
  }

  private Set<FileState> successors() {
    return switch (this) {
      case DISCOVERED -> EnumSet.of(STAGED, SKIPPED, QUARANTINED);
      case STAGED -> EnumSet.of(VALIDATED, SKIPPED, QUARANTINED);
      case VALIDATED -> EnumSet.of(APPLIED, VERIFIED, SKIPPED, QUARANTINED);
      case APPLIED, VERIFIED, SKIPPED, QUARANTINED -> EnumSet.noneOf(FileState.class);
    };
  }

  /** Whether no transition leaves this state. */
  public boolean isFinal() {
    return successors().isEmpty();
  }

  /** The name stored in the ledger and shown in output: lower case. */
  @Override
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static FileState fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
