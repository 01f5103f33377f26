package org.cloudsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BlobFetcher with a source that overrides {@link BlobSource#transfer} and hands over its own
 * (direct, oddly sized) buffers, as the Azure source does: the bytes, MD5, retries and ranges must
 * come out exactly as through {@link BlobSource#open}.
 */
class BufferSourceFetchTest {
  @TempDir Path staging;

  /** Serves a blob in direct buffers of 7,777 bytes, optionally cutting the first transfer. */
  private static final class BufferSource implements BlobSource {
    private final BlobInfo blob;
    private final byte[] content;
    private long cutFirstAfter;
    final List<ByteRange> transfers = new ArrayList<>();

    BufferSource(byte[] content, long cutFirstAfter) {
      this.content = content;
      this.cutFirstAfter = cutFirstAfter;
      this.blob = new BlobInfo("big.bak", content.length, "v1", md5(content), Instant.EPOCH);
    }

    @Override
    public List<BlobInfo> list() {
      return List.of(blob);
    }

    @Override
    public InputStream open(BlobInfo blob, ByteRange range) {
      throw new AssertionError("the fetcher must use transfer when a source offers it");
    }

    @Override
    public synchronized void transfer(BlobInfo blob, ByteRange range, Sink sink)
        throws IOException {
      transfers.add(range);
      long cut = cutFirstAfter;
      cutFirstAfter = Long.MAX_VALUE;
      ByteBuffer buffer = ByteBuffer.allocateDirect(7_777);
      long position = range.offset();
      long sent = 0;
      // Deliberately ignores the range's end: the fetcher must take only what it asked for.
      while (position < content.length) {
        if (sent >= cut) {
          throw new IOException("connection reset");
        }
        buffer.clear();
        int n = (int) Math.min(buffer.capacity(), content.length - position);
        buffer.put(content, (int) position, n).flip();
        sink.accept(buffer);
        assertThat(buffer.hasRemaining()).as("the sink takes every byte it is given").isFalse();
        position += n;
        sent += n;
      }
    }

    @Override
    public String describe() {
      return "buffers";
    }
  }

  private static byte[] content(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private BlobFetcher fetcher(BlobSource source, long threshold, long chunk, int threads) {
    return new BlobFetcher(
        source,
        staging,
        BlobFetcher.Options.DEFAULT
            .withParallel(threshold, chunk, threads)
            .withReserve(0)
            .withBackoff(new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(1))),
        StagingDisk.SYSTEM,
        d -> {},
        new Random(1));
  }

  @Test
  void aSingleStreamFromBuffersIsWrittenAndVerifiedAfterACut() throws IOException {
    byte[] data = content(1_000_003);
    BufferSource source = new BufferSource(data, 300_000);

    FetchResult result =
        fetcher(source, Long.MAX_VALUE, 1 << 20, 1).fetch(source.list().get(0), (d, t) -> {});

    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.md5Verified()).isTrue();
    assertThat(result.retries()).isEqualTo(1);
    // The cut came after whole buffers, so the retry starts exactly where the file ends.
    long resumedAt = (300_000 / 7_777 + 1) * 7_777L;
    assertThat(source.transfers)
        .containsExactly(
            ByteRange.of(0, 1_000_003), ByteRange.of(resumedAt, 1_000_003 - resumedAt));
  }

  @Test
  void parallelRangesFromBuffersTakeOnlyTheirOwnBytes() throws IOException {
    byte[] data = content(2_500_001);
    BufferSource source = new BufferSource(data, Long.MAX_VALUE);

    FetchResult result = fetcher(source, 1, 300_000, 3).fetch(source.list().get(0), (d, t) -> {});

    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.md5Verified()).isTrue();
    assertThat(source.transfers).hasSize(9);
  }
}
