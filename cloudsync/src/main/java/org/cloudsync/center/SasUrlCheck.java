package org.cloudsync.center;

import java.util.List;
import org.cloudsync.config.Secret;

/**
 * Checks a SAS URL before a center stores it: container-level, permissions, expiry, allowed IP. The
 * real check is the source package's {@code SasUrl}; {@link #NONE} accepts every URL that {@link
 * Centers} found well formed.
 */
@FunctionalInterface
public interface SasUrlCheck {
  /** Accepts every URL. */
  SasUrlCheck NONE = (url, publicIp) -> List.of();

  /**
   * Checks {@code url}.
   *
   * @param publicIp the center's configured public IP, null when none
   * @return notes for the operator (e.g. days until expiry); never holding the signature
   * @throws org.cloudsync.format.CloudsyncException when the URL cannot be used
   */
  List<String> check(Secret url, String publicIp);
}
