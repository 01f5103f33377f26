package org.cloudsync.ledger;

import java.time.OffsetDateTime;

/**
 * The last failure of a center's apply phase.
 *
 * @param code the stable error code's name
 * @param subject the file or database it concerns, null when none
 */
public record ReplayError(
    CenterId center, String code, String message, String subject, OffsetDateTime at) {}
