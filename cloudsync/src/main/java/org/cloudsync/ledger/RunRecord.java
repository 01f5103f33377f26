package org.cloudsync.ledger;

import java.time.OffsetDateTime;

/**
 * One run as the ledger holds it. Nullable: centerId (a run over all centers), finishedAt and
 * outcome (still running, or interrupted before it could say), counts (free text, usually JSON).
 */
public record RunRecord(
    long id,
    CenterId centerId,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    RunOutcome outcome,
    String counts) {}
