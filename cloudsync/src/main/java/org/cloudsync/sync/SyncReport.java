package org.cloudsync.sync;

import java.util.List;
import org.cloudsync.format.ExitStatus;

/** What one {@code sync} found, center by center, and the exit status it earns. */
public record SyncReport(List<CenterReport> centers) {
  public SyncReport {
    centers = List.copyOf(centers);
  }

  /** The highest status of any center; {@link ExitStatus#OK} when there is none. */
  public ExitStatus exitStatus() {
    ExitStatus status = ExitStatus.OK;
    for (CenterReport c : centers) {
      status = status.max(c.exitStatus());
    }
    return status;
  }
}
