package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * One re-baseline of a center onto a new full backup.
 *
 * @param engine the engine that ran it ({@code verify} or {@code sqlserver}); null for rows written
 *     before it was recorded
 * @param strategy {@code side-by-side}, {@code in-place}, or {@code verify} (modelled by the verify
 *     engine, rows written before the modelled strategy was recorded)
 * @param oldRestoreLsn the position the re-baseline retired; nullable like the other old values
 * @param retiredName the name the old copy was kept under, null when none was kept (in place)
 * @param state {@code pending} (noticed, waiting e.g. for the maintenance window or free space),
 *     {@code done} or {@code failed}
 * @param temporaryName the name the new copy was restored under before the swap (side by side)
 * @param spaceCheck the free-space pre-flight in words, with every figure (or why it was not
 *     performed); null before it ran
 * @param spaceNeededBytes what the tightest volume needed, null when not checked
 * @param spaceAvailableBytes what the tightest volume had free, null when not checked
 * @param swappedAt when the new copy took the live name (side by side)
 * @param dropAfter when the old copy's retention ends
 * @param droppedAt when the old copy was dropped (or found gone)
 * @param dropNote what happened at the last attempt to drop the old copy
 */
public record RebaselineRecord(
    long id,
    CenterId center,
    String engine,
    String strategy,
    UUID newBaseGuid,
    UUID oldBaseGuid,
    String oldIdentity,
    Lsn oldRestoreLsn,
    String retiredName,
    String state,
    String note,
    OffsetDateTime noticedAt,
    OffsetDateTime finishedAt,
    String temporaryName,
    String spaceCheck,
    Long spaceNeededBytes,
    Long spaceAvailableBytes,
    OffsetDateTime swappedAt,
    OffsetDateTime dropAfter,
    OffsetDateTime droppedAt,
    String dropNote) {

  /**
   * Whether an old copy is kept under {@link #retiredName} and not yet dropped (the swap that
   * retired it happened).
   */
  public boolean keepsOldCopy() {
    return retiredName != null && swappedAt != null && droppedAt == null;
  }

  /**
   * Whether a swap was started (the names it uses recorded first) and not recorded as done: the
   * server may show it half done, which the next sync resolves from the names and identities.
   */
  public boolean swapStarted() {
    return "pending".equals(state)
        && temporaryName != null
        && retiredName != null
        && swappedAt == null;
  }
}
