package org.cloudsync.format.plan;

import java.util.Objects;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * Where a database already stands: the restore point {@code p} (the next log to apply has {@code
 * FirstLSN <= p < LastLSN}) and, when known, its recovery fork.
 */
public record StartPoint(Lsn restorePoint, UUID recoveryForkId) {
  public StartPoint {
    Objects.requireNonNull(restorePoint, "restorePoint");
  }

  public static StartPoint at(Lsn restorePoint) {
    return new StartPoint(restorePoint, null);
  }
}
