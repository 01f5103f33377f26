package org.cloudsync.ledger;

import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * A health center's row as stored: secrets only as {@code SecretBox} ciphertext. {@code toString}
 * leaves the ciphertexts out. Nullable: everything but id, name, timeZone, sourceKind and the
 * times.
 *
 * @param sourceKind {@code directory} or {@code azure}
 * @param tdeCertificate the certificate's DER bytes in base64 (not secret)
 */
public record CenterRow(
    CenterId id,
    String name,
    String timeZone,
    String databaseName,
    LocalTime expectedUpload,
    boolean paused,
    String sourceKind,
    String sourceDirectory,
    String sasUrlEncrypted,
    String sasUrlRedacted,
    String publicIp,
    String tdeCertificate,
    String tdeCertThumbprint,
    String tdePrivateKeyEncrypted,
    String tdePasswordEncrypted,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  @Override
  public String toString() {
    return "CenterRow[" + id + ", " + name + ", " + sourceKind + "]";
  }
}
