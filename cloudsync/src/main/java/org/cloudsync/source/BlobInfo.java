package org.cloudsync.source;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One blob as a {@link BlobSource} listed it. {@code name} is the path inside the source with
 * {@code /} separators; {@code etag} changes whenever the content may have changed; {@code
 * contentMd5} is the base64 MD5 the source stores for the whole blob, or null when it has none.
 */
public record BlobInfo(
    String name, long size, String etag, String contentMd5, Instant lastModified) {

  public BlobInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("blob '" + name + "': size " + size + " < 0");
    }
    if (contentMd5 != null && contentMd5.isEmpty()) {
      contentMd5 = null;
    }
  }

  /** A blob with an MD5 given as raw bytes (null or empty for none). */
  public static BlobInfo of(
      String name, long size, String etag, byte[] contentMd5, Instant lastModified) {
    String md5 =
        contentMd5 == null || contentMd5.length == 0
            ? null
            : Base64.getEncoder().encodeToString(contentMd5);
    return new BlobInfo(name, size, etag, md5, lastModified);
  }

  /** The stored MD5 as 16 bytes, if the source has one that decodes to 16 bytes. */
  public Optional<byte[]> md5Bytes() {
    if (contentMd5 == null) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(contentMd5);
      return bytes.length == 16 ? Optional.of(bytes) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
