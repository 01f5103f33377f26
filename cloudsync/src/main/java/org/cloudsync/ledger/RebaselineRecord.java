package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * One re-baseline of a center onto a new full backup.
 *
 * @param strategy {@code side-by-side}, {@code in-place}, or {@code verify} (modelled by the verify
 *     engine)
 * @param state {@code pending} (noticed, waiting e.g. for the maintenance window), {@code done} or
 *     {@code failed}
 * @param oldRestoreLsn the position the re-baseline retired; nullable like the other old values
 * @param retiredName the name the old copy was kept under, null when none was kept
 */
public record RebaselineRecord(
    long id,
    CenterId center,
    String strategy,
    UUID newBaseGuid,
    UUID oldBaseGuid,
    String oldIdentity,
    Lsn oldRestoreLsn,
    String retiredName,
    String state,
    String note,
    OffsetDateTime noticedAt,
    OffsetDateTime finishedAt) {}
