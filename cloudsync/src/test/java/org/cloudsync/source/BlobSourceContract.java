package org.cloudsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobSource} must do, run against each implementation. A subclass says how to
 * put, replace and delete a blob in its backend and which secrets must never be printed.
 */
public abstract class BlobSourceContract {
  @TempDir protected Path staging;

  /** A source over a fresh, empty backend; called once per test before any blob is put. */
  protected abstract BlobSource source() throws Exception;

  /** Puts (or replaces) a blob so the source lists it. */
  protected abstract void put(String name, byte[] content) throws Exception;

  /** Deletes a blob. */
  protected abstract void delete(String name) throws Exception;

  /** Strings that must never appear in any description or message (signatures, keys). */
  protected abstract List<String> secrets();

  protected static byte[] content(int size, int seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static BlobInfo named(List<BlobInfo> blobs, String name) {
    return blobs.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  private static byte[] read(BlobSource source, BlobInfo blob, ByteRange range) throws IOException {
    try (InputStream in = source.open(blob, range)) {
      return in.readAllBytes();
    }
  }

  @Test
  void listsEveryBlobWithNameSizeEtagAndTime() throws Exception {
    BlobSource source = source();
    put("full/Center_FULL_1.bak", content(3000, 1));
    put("logs/2026-11-25.zip", content(10, 2));
    put("empty.txt", new byte[0]);

    List<BlobInfo> blobs = source.list();

    assertThat(blobs)
        .extracting(BlobInfo::name)
        .containsExactlyInAnyOrder("full/Center_FULL_1.bak", "logs/2026-11-25.zip", "empty.txt");
    assertThat(named(blobs, "full/Center_FULL_1.bak").size()).isEqualTo(3000);
    assertThat(named(blobs, "empty.txt").size()).isZero();
    assertThat(blobs).allSatisfy(b -> assertThat(b.etag()).isNotBlank());
    assertThat(blobs)
        .allSatisfy(
            b ->
                assertThat(b.lastModified())
                    .isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z")));
  }

  @Test
  void anEmptySourceListsNothing() throws Exception {
    assertThat(source().list()).isEmpty();
  }

  @Test
  void etagIsStableUntilTheContentIsReplaced() throws Exception {
    BlobSource source = source();
    put("a.trn", content(100, 3));
    String first = named(source.list(), "a.trn").etag();
    assertThat(named(source.list(), "a.trn").etag()).isEqualTo(first);

    put("a.trn", content(101, 4));

    assertThat(named(source.list(), "a.trn").etag()).isNotEqualTo(first);
  }

  @Test
  void opensWholeBlobsAndRanges() throws Exception {
    BlobSource source = source();
    byte[] data = content(5 * 1024 * 1024 + 17, 5);
    put("big.bak", data);
    BlobInfo blob = named(source.list(), "big.bak");

    assertThat(read(source, blob, ByteRange.all())).isEqualTo(data);
    assertThat(read(source, blob, ByteRange.of(1000, 4096)))
        .isEqualTo(Arrays.copyOfRange(data, 1000, 5096));
    assertThat(read(source, blob, ByteRange.from(data.length - 10)))
        .isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
    assertThat(read(source, blob, ByteRange.of(data.length - 5, 100)))
        .isEqualTo(Arrays.copyOfRange(data, data.length - 5, data.length));
    assertThat(read(source, blob, ByteRange.of(7, 0))).isEmpty();
  }

  @Test
  void openingAReplacedBlobIsBlobChanged() throws Exception {
    BlobSource source = source();
    put("a.trn", content(100, 6));
    BlobInfo listed = named(source.list(), "a.trn");
    put("a.trn", content(200, 7));

    assertThatThrownBy(() -> read(source, listed, ByteRange.all()))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_CHANGED));
  }

  @Test
  void openingADeletedBlobIsBlobVanished() throws Exception {
    BlobSource source = source();
    put("a.trn", content(100, 8));
    BlobInfo listed = named(source.list(), "a.trn");
    delete("a.trn");

    assertThatThrownBy(() -> read(source, listed, ByteRange.all()))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_VANISHED));
  }

  @Test
  void fetchesThroughTheFetcherSequentiallyAndInParallel() throws Exception {
    BlobSource source = source();
    byte[] data = content(3 * 1024 * 1024 + 5, 9);
    put("logs/day.zip", data);
    BlobInfo blob = named(source.list(), "logs/day.zip");
    BlobFetcher.Options sequential =
        BlobFetcher.Options.DEFAULT.withParallel(Long.MAX_VALUE, 1 << 20, 1).withReserve(0);
    BlobFetcher.Options parallel =
        BlobFetcher.Options.DEFAULT.withParallel(1 << 20, 512 * 1024, 3).withReserve(0);

    for (BlobFetcher.Options options : List.of(sequential, parallel)) {
      Path dir = Files.createTempDirectory(staging, "s");
      FetchResult result =
          new BlobFetcher(source, dir, options, StagingDisk.SYSTEM, d -> {}, new Random(1))
              .fetch(blob, ProgressListener.NONE);
      assertThat(result.file()).isEqualTo(dir.resolve("logs/day.zip"));
      assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
      try (var files = Files.list(result.file().getParent())) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("day.zip");
      }
    }
  }

  @Test
  void describesItselfWithoutSecrets() throws Exception {
    BlobSource source = source();
    put("a.trn", content(1, 10));
    BlobInfo listed = named(source.list(), "a.trn");
    delete("a.trn");
    Throwable thrown = catchThrowable(() -> read(source, listed, ByteRange.all()));
    assertThat(thrown).isInstanceOf(SourceException.class);
    String message = ((SourceException) thrown).describe();

    assertThat(source.describe()).isNotBlank();
    for (String secret : secrets()) {
      assertThat(source.describe()).doesNotContain(secret);
      assertThat(source.toString()).doesNotContain(secret);
      assertThat(message).doesNotContain(secret);
    }
  }

  @Test
  void blobsStayReadableWhileAnotherIsListed() throws Exception {
    BlobSource source = source();
    put("a.trn", content(1000, 11));
    put("b.trn", content(1000, 12));
    List<BlobInfo> blobs = source.list();
    try (InputStream a = source.open(named(blobs, "a.trn"), ByteRange.all())) {
      assertThat(source.list()).hasSize(2);
      assertThat(a.readAllBytes()).hasSize(1000);
    }
  }
}
