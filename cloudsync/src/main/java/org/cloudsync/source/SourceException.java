package org.cloudsync.source;

import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * A failure reaching or reading a {@link BlobSource}. {@link #transientFailure()} is true when the
 * same request may succeed if tried again (a 503, a timeout, a reset connection).
 */
public class SourceException extends CloudsyncException {
  private final boolean transientFailure;

  public SourceException(
      ErrorCode code,
      String message,
      List<String> hints,
      boolean transientFailure,
      Throwable cause) {
    super(code, message, hints, cause);
    this.transientFailure = transientFailure;
  }

  /** A failure that trying again will not fix. */
  public static SourceException permanent(ErrorCode code, String message, String... hints) {
    return new SourceException(code, message, List.of(hints), false, null);
  }

  public boolean transientFailure() {
    return transientFailure;
  }
}
