package org.cloudsync.format.synthetic;

import java.util.List;

/**
 * One MTF block as written: its bytes, except for an optional run of zeros standing in for data
 * pages (so a 10 GB backup needs no 10 GB array). Offsets are relative to the block's start.
 *
 * @param head the bytes before the zero run (the whole block when {@code zeroRun == 0})
 * @param zeroRun how many zero bytes follow {@code head}
 * @param tail the bytes after the zero run
 * @param streams where each stream header sits, in order
 */
record EncodedBlock(String type, byte[] head, long zeroRun, byte[] tail, List<StreamAt> streams) {

  /** A stream header inside a block: its id, its offset in the block, its declared length. */
  record StreamAt(String id, long offset, long length) {}

  long length() {
    return head.length + zeroRun + tail.length;
  }

  /** A copy whose bytes can be changed without touching this one. */
  EncodedBlock copy() {
    return new EncodedBlock(type, head.clone(), zeroRun, tail.clone(), streams);
  }

  /** The array holding block offset {@code offset} (never inside the zero run). */
  byte[] arrayAt(long offset) {
    if (offset < head.length) {
      return head;
    }
    if (offset >= head.length + zeroRun && offset < length()) {
      return tail;
    }
    throw new IllegalArgumentException(
        type + " block offset " + offset + " lies in the zero-filled data, not in a header");
  }

  /** Index into {@link #arrayAt(long)} for block offset {@code offset}. */
  int indexAt(long offset) {
    return (int) (offset < head.length ? offset : offset - head.length - zeroRun);
  }
}
