package org.cloudsync.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cloudsync.format.ErrorCode;

/** An in-memory source for fetcher tests, with faults scripted per {@code open}. */
final class MemorySource implements BlobSource {
  /** What the next {@code open} does instead of serving normally. */
  interface Fault {
    InputStream apply(MemorySource source, BlobInfo blob, ByteRange range) throws IOException;
  }

  private record Stored(byte[] content, String etag) {}

  private final Map<String, Stored> blobs = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  final List<ByteRange> opened = new CopyOnWriteArrayList<>();
  private int version;

  synchronized BlobInfo put(String name, byte[] content, String md5) {
    String etag = "v" + (++version);
    blobs.put(name, new Stored(content, etag));
    return new BlobInfo(name, content.length, etag, md5, Instant.parse("2026-11-26T09:00:00Z"));
  }

  void delete(String name) {
    blobs.remove(name);
  }

  void fault(Fault fault) {
    faults.addLast(fault);
  }

  /** The next open fails with a transient error. */
  void transientFailure() {
    fault(
        (s, b, r) -> {
          throw new SourceException(
              ErrorCode.SOURCE_UNREACHABLE, "HTTP 503 ServerBusy", List.of(), true, null);
        });
  }

  /** The next open delivers only {@code bytes} bytes, then breaks. */
  void cut(int bytes) {
    fault(
        (s, b, r) -> {
          InputStream real = s.serve(b, r);
          return new InputStream() {
            int left = bytes;

            @Override
            public int read() throws IOException {
              byte[] one = new byte[1];
              return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
              if (left == 0) {
                throw new IOException("connection reset");
              }
              int n = real.read(buf, off, Math.min(len, left));
              left -= n;
              return n;
            }
          };
        });
  }

  @Override
  public List<BlobInfo> list() {
    List<BlobInfo> out = new ArrayList<>();
    blobs.forEach(
        (n, s) ->
            out.add(
                new BlobInfo(
                    n, s.content().length, s.etag(), null, Instant.parse("2026-11-26T09:00:00Z"))));
    return out;
  }

  @Override
  public InputStream open(BlobInfo blob, ByteRange range) {
    opened.add(range);
    Fault fault = faults.pollFirst();
    try {
      return fault != null ? fault.apply(this, blob, range) : serve(blob, range);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  InputStream serve(BlobInfo blob, ByteRange range) {
    Stored stored = blobs.get(blob.name());
    if (stored == null) {
      throw SourceException.permanent(ErrorCode.BLOB_VANISHED, "blob '" + blob.name() + "' gone");
    }
    if (!stored.etag().equals(blob.etag())) {
      throw SourceException.permanent(
          ErrorCode.BLOB_CHANGED, "blob '" + blob.name() + "' replaced");
    }
    int from = (int) Math.min(range.offset(), stored.content().length);
    int to = (int) (from + range.lengthIn(stored.content().length));
    return new ByteArrayInputStream(Arrays.copyOfRange(stored.content(), from, to));
  }

  @Override
  public String describe() {
    return "memory";
  }
}
