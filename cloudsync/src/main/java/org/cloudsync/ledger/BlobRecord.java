package org.cloudsync.ledger;

import java.time.OffsetDateTime;

/** A blob as the ledger holds it. Nullable: reason, errorCode, stagedPath. */
public record BlobRecord(
    long id,
    CenterId centerId,
    BlobVersion version,
    OffsetDateTime firstSeen,
    BlobKind kind,
    BlobState state,
    String reason,
    String errorCode,
    String stagedPath,
    OffsetDateTime updatedAt) {}
