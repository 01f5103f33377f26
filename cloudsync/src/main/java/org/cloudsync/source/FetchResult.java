package org.cloudsync.source;

import java.nio.file.Path;
import java.util.List;

/**
 * A blob fetched into staging.
 *
 * @param file where the complete, checked bytes now are
 * @param md5Verified whether the bytes were compared with the blob's Content-MD5 (false: it had
 *     none)
 * @param resumedFrom the byte a partial download from an earlier run was resumed at (0: none)
 * @param retries transient failures that were tried again
 * @param notes things a person may want to know (restarts, re-downloads), lower-case facts
 */
public record FetchResult(
    BlobInfo blob,
    Path file,
    boolean md5Verified,
    long resumedFrom,
    int retries,
    List<String> notes) {
  public FetchResult {
    notes = List.copyOf(notes);
  }
}
