package org.cloudsync.sync;

import org.cloudsync.center.Center;
import org.cloudsync.source.BlobSource;

/**
 * Opens the blob source of a center, checking what can be checked before the first request (the SAS
 * URL's expiry, permissions and allowed IP range).
 */
@FunctionalInterface
public interface BlobSources {

  /**
   * The source of {@code center}.
   *
   * @throws org.cloudsync.format.CloudsyncException when the source cannot be used, with its code
   *     (e.g. {@code SAS_EXPIRED})
   */
  Opened open(Center center);

  /**
   * A source ready to list, with what a person should know about it.
   *
   * @param warnings e.g. "the SAS URL expires in 5 days"; never holding a secret
   */
  record Opened(BlobSource source, java.util.List<String> warnings) {
    public Opened {
      warnings = java.util.List.copyOf(warnings);
    }
  }
}
