package org.cloudsync.format;

import java.util.List;

/**
 * The outcome of reading a file's headers offline: either the headers of every backup set in it, or
 * a typed statement that this file cannot be read offline (never a guess). A damaged file is
 * neither: reading it throws {@link BackupFormatException}.
 */
public sealed interface ReadResult {

  /** One header per backup set, in position order. */
  record Headers(List<BackupHeader> sets) implements ReadResult {
    public Headers {
      sets = List.copyOf(sets);
      if (sets.isEmpty()) {
        throw new IllegalArgumentException("a backup file holds at least one set");
      }
    }
  }

  /**
   * A file recognised as a backup whose header this library cannot read: backup encryption, another
   * compression algorithm, an unknown container. SQL Server's {@code RESTORE HEADERONLY} can still
   * read it.
   *
   * @param reason {@link ErrorCode#BACKUP_ENCRYPTED}, {@link ErrorCode#UNSUPPORTED_COMPRESSION} or
   *     {@link ErrorCode#UNSUPPORTED_CONTAINER}
   * @param detail lower-case facts: what was recognised, and where
   */
  record NotReadableOffline(ErrorCode reason, String detail) implements ReadResult {}
}
