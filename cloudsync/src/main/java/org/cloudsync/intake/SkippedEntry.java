package org.cloudsync.intake;

import java.util.Objects;
import org.cloudsync.format.ErrorCode;

/**
 * A zip entry that was not staged: a directory, a readme, macOS metadata, a file that is not a
 * backup, an exact duplicate, or an entry refused as unsafe.
 *
 * @param entryName the name as stored in the zip
 * @param errorCode set when the entry is bad (e.g. {@link ErrorCode#ZIP_UNSAFE_ENTRY}), null when
 *     it is merely not a backup
 * @param reason lower-case facts
 */
public record SkippedEntry(String entryName, ErrorCode errorCode, String reason) {
  public SkippedEntry {
    Objects.requireNonNull(entryName, "entryName");
    Objects.requireNonNull(reason, "reason");
  }
}
