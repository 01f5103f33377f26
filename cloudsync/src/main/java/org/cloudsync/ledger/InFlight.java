package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.cloudsync.format.Lsn;

/**
 * The step a cycle started to apply and has not recorded yet: found at start, it is reconciled with
 * the database's real position (at or past {@code lastLsn}: it was applied; else it is applied
 * again).
 *
 * @param backupFileId the ledger id of the step's first file
 */
public record InFlight(
    CenterId center, long backupFileId, Lsn firstLsn, Lsn lastLsn, OffsetDateTime startedAt) {
  public InFlight {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(firstLsn, "firstLsn");
    Objects.requireNonNull(lastLsn, "lastLsn");
  }
}
