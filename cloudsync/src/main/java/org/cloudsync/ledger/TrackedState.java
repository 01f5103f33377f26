package org.cloudsync.ledger;

/** A ledger state with checked transitions: {@link BlobState}, {@link FileState}. */
interface TrackedState<S extends TrackedState<S>> {
  /** Whether a row in this state may move to {@code next}. */
  boolean canMoveTo(S next);

  /** The name stored in the ledger and shown in output. */
  String label();
}
