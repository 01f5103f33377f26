package org.cloudsync.intake;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;

/**
 * One backup file taken out of a blob, with its outcome. The sync cycle records it in the ledger.
 *
 * @param path where the file now lies: under the blob's staging directory when validated, under
 *     {@code quarantine/} otherwise (for a file read in place from a directory source: where it is)
 * @param entryName the zip entry's name, or the blob's name for a blob that is itself a backup
 * @param size the file's size in bytes
 * @param headers one header per backup set in the file; empty when the header could not be read
 * @param state validated or quarantined
 * @param errorCode why it was quarantined, null when validated
 * @param reason lower-case facts and {@code hint:} lines saying why, null when validated
 */
public record StagedFile(
    Path path,
    String entryName,
    long size,
    List<BackupHeader> headers,
    State state,
    ErrorCode errorCode,
    String reason) {

  /** Where a staged file stands after unpacking. */
  public enum State {
    /** The header was read and fits the center's rules. */
    VALIDATED,
    /** Damaged, not readable offline, of another database or of a wrong type: kept aside. */
    QUARANTINED
  }

  private static final Set<ErrorCode> NOT_READABLE_OFFLINE =
      Set.of(
          ErrorCode.BACKUP_ENCRYPTED,
          ErrorCode.UNSUPPORTED_COMPRESSION,
          ErrorCode.UNSUPPORTED_CONTAINER);

  public StagedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(entryName, "entryName");
    Objects.requireNonNull(state, "state");
    headers = headers == null ? List.of() : List.copyOf(headers);
    if ((state == State.QUARANTINED) != (errorCode != null)) {
      throw new IllegalArgumentException("a quarantined file, and only it, carries an error code");
    }
  }

  /** The first backup set's header, or null when none was read. */
  public BackupHeader header() {
    return headers.isEmpty() ? null : headers.get(0);
  }

  /**
   * True when the file looks like a backup that only SQL Server can read ({@code RESTORE
   * HEADERONLY}): encrypted, or another compression or container. Not damaged, just not readable
   * here.
   */
  public boolean needsServerHeader() {
    return errorCode != null && NOT_READABLE_OFFLINE.contains(errorCode);
  }
}
