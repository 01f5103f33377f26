package org.cloudsync.source;

import java.io.InputStream;
import java.util.List;

/**
 * Where eCW's files come from: an Azure Blob container, or a directory for on-premises drops and
 * the demo. Deliberately narrow (list, open a range, describe); retry, MD5 checking, resume and
 * parallel download live once above it in {@link BlobFetcher}.
 *
 * <p>Failures are {@link SourceException}s with a stable code; {@link
 * SourceException#transientFailure()} says whether trying again may help. Reading the returned
 * stream throws {@link java.io.IOException} when the transfer breaks; callers treat that as
 * transient.
 */
public interface BlobSource {

  /** Every blob currently in the source, with its metadata. */
  List<BlobInfo> list();

  /**
   * Opens {@code range} of the blob exactly as {@code blob} describes it. If the blob has since
   * been replaced (its etag differs) this fails with {@code BLOB_CHANGED}; if it was deleted, with
   * {@code BLOB_VANISHED}.
   */
  InputStream open(BlobInfo blob, ByteRange range);

  /** A human description of the source, safe to print and log (no secrets). */
  String describe();
}
