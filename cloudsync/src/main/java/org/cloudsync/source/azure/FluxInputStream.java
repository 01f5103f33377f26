package org.cloudsync.source.azure;

import com.azure.storage.blob.models.BlobDownloadAsyncResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.stream.Stream;
import org.cloudsync.config.Redaction;
import reactor.core.Exceptions;

/**
 * A download's body as a blocking stream. The SDK delivers it as a reactive stream of buffers; this
 * takes them a few at a time (backpressure), so memory stays bounded whatever the blob size. A
 * transfer cut short surfaces as an {@link IOException} from {@code read}.
 */
final class FluxInputStream extends InputStream {
  private static final int PREFETCH = 8;

  private final BlobDownloadAsyncResponse response;
  private final Stream<ByteBuffer> buffers;
  private final Iterator<ByteBuffer> iterator;
  private final String subject;
  private ByteBuffer current;
  private boolean closed;

  FluxInputStream(BlobDownloadAsyncResponse response, String subject) {
    this.response = response;
    this.subject = subject;
    this.buffers = response.getValue().toStream(PREFETCH);
    this.iterator = buffers.iterator();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException(subject + ": stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      try {
        if (!iterator.hasNext()) {
          return -1;
        }
        current = iterator.next();
      } catch (RuntimeException e) {
        Throwable cause = Exceptions.unwrap(e);
        throw new IOException(
            subject
                + ": the transfer broke: "
                + Redaction.redact(
                    cause.getMessage() == null
                        ? cause.getClass().getSimpleName()
                        : cause.getMessage()),
            new AzureErrors.SanitizedCause(cause));
      }
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    buffers.close();
    response.close();
  }
}
