package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One version of a blob as a source lists it: the ledger's identity for it is (center, name, etag).
 *
 * @param contentMd5 base64 Content-MD5, null when the source has none
 * @param lastModified null when unknown
 */
public record BlobVersion(
    String name, String etag, long size, String contentMd5, OffsetDateTime lastModified) {
  public BlobVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(etag, "etag");
    if (size < 0) {
      throw new IllegalArgumentException("size " + size + " is negative");
    }
  }
}
