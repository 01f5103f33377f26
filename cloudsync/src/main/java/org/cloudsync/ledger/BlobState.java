package org.cloudsync.ledger;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where one version of a blob stands: {@code discovered → fetched → unpacked}, or {@code ignored}
 * (not a backup: recorded, never fetched again), {@code gone} (deleted or replaced before it was
 * fetched) or {@code quarantined} (fetched but unusable, with the reason). A fetched blob whose
 * staged copy was lost may go back to {@code discovered} to be fetched again.
 */
public enum BlobState implements TrackedState<BlobState> {
  DISCOVERED,
  FETCHED,
  UNPACKED,
  IGNORED,
  GONE,
  QUARANTINED;

  /** Whether a blob in this state may move to {@code next}. */
  @Override
  public boolean canMoveTo(BlobState next) {
    return successors().contains(next);
  }

  private Set<BlobState> successors() {
    return switch (this) {
      case DISCOVERED -> EnumSet.of(FETCHED, IGNORED, GONE, QUARANTINED);
      case FETCHED -> EnumSet.of(UNPACKED, IGNORED, QUARANTINED, DISCOVERED);
      case UNPACKED, IGNORED, GONE, QUARANTINED -> EnumSet.noneOf(BlobState.class);
    };
  }

  /** The name stored in the ledger and shown in output: lower case. */
  @Override
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static BlobState fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
