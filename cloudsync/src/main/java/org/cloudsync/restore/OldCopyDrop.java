package org.cloudsync.restore;

import java.util.Objects;

/**
 * What became of an old copy a re-baseline kept, when its retention had passed and it was to be
 * dropped.
 *
 * @param kind the result
 * @param message lower-case facts for the ledger and the output
 */
public record OldCopyDrop(Kind kind, String message) {
  /** The results. */
  public enum Kind {
    /** Dropped now. */
    DROPPED,
    /** No database has that name any more (dropped by hand): nothing to do. */
    GONE,
    /**
     * A database has that name but not the identity recorded when the copy was kept: it is not
     * cloudsync's, and is never dropped.
     */
    NOT_OURS,
    /** The server refused or could not be reached; tried again at the next sync. */
    FAILED
  }

  public OldCopyDrop {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
