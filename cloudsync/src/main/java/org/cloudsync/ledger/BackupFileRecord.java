package org.cloudsync.ledger;

import java.time.OffsetDateTime;

/**
 * A backup file as the ledger holds it. {@code entryPath} is the blob's name for a plain blob, or
 * the entry's path inside a zip. Nullable: stagedPath, header (until it is read), reason,
 * errorCode.
 */
public record BackupFileRecord(
    long id,
    CenterId centerId,
    long blobId,
    String entryPath,
    String stagedPath,
    HeaderSummary header,
    FileState state,
    String reason,
    String errorCode,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
