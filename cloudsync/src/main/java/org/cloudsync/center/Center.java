package org.cloudsync.center;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.ChecklistItem;
import org.cloudsync.ledger.Contact;

/**
 * A health center as people and the web layer see it: never a secret, only the redacted SAS URL and
 * the TDE certificate's thumbprint. Nullable: databaseName, expectedUpload, sourceDirectory,
 * sasUrlRedacted, publicIp, tdeCertThumbprint.
 *
 * @param sourceKind {@code directory} or {@code azure}
 * @param checklist the onboarding items done, with their dates
 */
public record Center(
    CenterId id,
    String name,
    ZoneId timeZone,
    String databaseName,
    LocalTime expectedUpload,
    boolean paused,
    String sourceKind,
    String sourceDirectory,
    String sasUrlRedacted,
    String publicIp,
    String tdeCertThumbprint,
    boolean hasTdeCredentials,
    List<Contact> contacts,
    Map<ChecklistItem, LocalDate> checklist,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public Center {
    contacts = List.copyOf(contacts);
    checklist = Map.copyOf(checklist);
  }
}
