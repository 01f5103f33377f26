package org.cloudsync.format.mtf;

import org.cloudsync.format.ErrorCode;

/**
 * Thrown inside the reader when a file is recognised as a backup that cannot be read offline
 * (encrypted, another compression, an unknown container); the entry point turns it into {@link
 * org.cloudsync.format.ReadResult.NotReadableOffline}.
 */
final class OfflineUnreadable extends RuntimeException {
  private final ErrorCode reason;

  OfflineUnreadable(ErrorCode reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  ErrorCode reason() {
    return reason;
  }
}
