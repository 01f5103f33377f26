package org.cloudsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobFetcherTest {
  private static final Backoff BACKOFF =
      new Backoff(4, Duration.ofMillis(100), Duration.ofMillis(300));
  private static final BlobFetcher.Options SEQUENTIAL =
      BlobFetcher.Options.DEFAULT
          .withParallel(Long.MAX_VALUE, 1 << 20, 1)
          .withReserve(0)
          .withBackoff(BACKOFF);

  @TempDir Path staging;
  private final MemorySource source = new MemorySource();
  private final List<Duration> sleeps = new ArrayList<>();

  private BlobFetcher fetcher(BlobFetcher.Options options, StagingDisk disk) {
    return new BlobFetcher(source, staging, options, disk, sleeps::add, new Random(7));
  }

  private BlobFetcher fetcher() {
    return fetcher(SEQUENTIAL, StagingDisk.SYSTEM);
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

  @Test
  void theFinalNameNeverHoldsAPartialFile() throws Exception {
    byte[] data = content(2_000_000);
    BlobInfo blob = source.put("logs/day.zip", data, md5(data));
    Path target = staging.resolve("logs/day.zip");
    AtomicBoolean sawPartialUnderFinalName = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();

    FetchResult result =
        fetcher()
            .fetch(
                blob,
                (done, total) -> {
                  calls.incrementAndGet();
                  if (done < total && Files.exists(target)) {
                    sawPartialUnderFinalName.set(true);
                  }
                });

    assertThat(sawPartialUnderFinalName).isFalse();
    assertThat(calls.get()).isGreaterThan(2);
    assertThat(result.file()).isEqualTo(target);
    assertThat(Files.readAllBytes(target)).isEqualTo(data);
    assertThat(result.md5Verified()).isTrue();
    try (var files = Files.list(target.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("day.zip");
    }
  }

  @Test
  void aZeroByteBlobIsFetched() throws Exception {
    BlobInfo blob = source.put("empty", new byte[0], md5(new byte[0]));
    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);
    assertThat(result.file()).isEmptyFile();
    assertThat(result.md5Verified()).isTrue();
  }

  @Test
  void anMd5MismatchIsDownloadedOnceMoreThenAccepted() throws Exception {
    byte[] data = content(10_000);
    BlobInfo blob = source.put("a.trn", data, md5(data));
    byte[] corrupt = data.clone();
    corrupt[5000] ^= 1;
    source.fault((s, b, r) -> new ByteArrayInputStream(corrupt));

    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("downloaded it again"));
    assertThat(source.opened).hasSize(2);
  }

  @Test
  void aPersistentMd5MismatchFailsAndKeepsNothing() throws Exception {
    byte[] data = content(10_000);
    String wrong = md5(content(10));
    BlobInfo blob = source.put("a.trn", data, wrong);

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BLOB_MD5_MISMATCH);
              assertThat(e.getMessage()).contains("blob 'a.trn'").contains(wrong);
              assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("ask eCW"));
            });
    try (var files = Files.list(staging)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aCutTransferResumesWithARangedRead() throws Exception {
    byte[] data = content(1_000_000);
    BlobInfo blob = source.put("big.bak", data, md5(data));
    source.cut(300_000);
    source.transientFailure();
    source.cut(100_000);

    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.md5Verified()).isTrue();
    assertThat(result.retries()).isEqualTo(3);
    assertThat(source.opened)
        .containsExactly(
            ByteRange.of(0, 1_000_000),
            ByteRange.of(300_000, 700_000),
            ByteRange.of(300_000, 700_000),
            ByteRange.of(400_000, 600_000));
  }

  @Test
  void retriesAreBoundedWithGrowingJitteredDelays() {
    BlobInfo blob = source.put("a.trn", content(100), null);
    for (int i = 0; i < 10; i++) {
      source.transientFailure();
    }

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
              assertThat(e.getMessage()).contains("gave up at byte 0 of 100 after 4");
            });
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    assertThat(source.opened).hasSize(4);
  }

  @Test
  void aPartialDownloadOfTheSameEtagIsResumed() throws Exception {
    byte[] data = content(50_000);
    BlobInfo blob = source.put("a.trn", data, md5(data));
    Files.write(staging.resolve(".a.trn.part"), java.util.Arrays.copyOf(data, 20_000));
    Files.writeString(staging.resolve(".a.trn.part-etag"), blob.etag());

    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(result.resumedFrom()).isEqualTo(20_000);
    assertThat(source.opened).containsExactly(ByteRange.of(20_000, 30_000));
    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.md5Verified()).isTrue();
    assertThat(staging.resolve(".a.trn.part-etag")).doesNotExist();
  }

  @Test
  void aPartialDownloadOfAnotherEtagRestartsAndSaysSo() throws Exception {
    byte[] data = content(50_000);
    BlobInfo blob = source.put("a.trn", data, md5(data));
    Files.write(staging.resolve(".a.trn.part"), new byte[20_000]);
    Files.writeString(staging.resolve(".a.trn.part-etag"), "v0-older");

    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(result.resumedFrom()).isZero();
    assertThat(source.opened).containsExactly(ByteRange.of(0, 50_000));
    assertThat(result.notes())
        .anySatisfy(n -> assertThat(n).contains("the blob changed since").contains("v0-older"));
    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
  }

  @Test
  void largeBlobsAreFetchedAsParallelRanges() throws Exception {
    byte[] data = content(5_000_003);
    BlobInfo blob = source.put("big.bak", data, md5(data));
    source.cut(1000);
    source.transientFailure();
    BlobFetcher.Options parallel =
        BlobFetcher.Options.DEFAULT
            .withParallel(1_000_000, 1_000_000, 3)
            .withReserve(0)
            .withBackoff(BACKOFF);
    AtomicLong last = new AtomicLong();

    FetchResult result =
        fetcher(parallel, StagingDisk.SYSTEM).fetch(blob, (done, total) -> last.set(done));

    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.md5Verified()).isTrue();
    assertThat(last.get()).isEqualTo(data.length);
    assertThat(
            source.opened.stream()
                .filter(r -> r.offset() % 1_000_000 == 0 && r.length() <= 1_000_000))
        .hasSizeGreaterThanOrEqualTo(6);
    assertThat(source.opened).contains(ByteRange.of(5_000_000, 3));
  }

  @Test
  void notEnoughFreeSpaceFailsBeforeDownloading() throws Exception {
    BlobInfo blob = source.put("big.bak", content(10_000), null);

    assertThatThrownBy(
            () ->
                fetcher(SEQUENTIAL.withReserve(1000), new FullDisk(10_500, Long.MAX_VALUE))
                    .fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
              assertThat(e.getMessage())
                  .contains("needs 10000 bytes but only 10500 are free (keeping 1000 in reserve)");
              assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("free space under"));
            });
    assertThat(source.opened).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void aDiskFillingUpDuringTheWriteIsDiskFullAndLosesNothingElse(int threads) throws Exception {
    Path earlier = staging.resolve("validated/earlier.trn");
    Files.createDirectories(earlier.getParent());
    Files.writeString(earlier, "validated", StandardCharsets.UTF_8);
    byte[] data = content(3_000_000);
    BlobInfo blob = source.put("validated/big.bak", data, md5(data));
    BlobFetcher.Options options =
        SEQUENTIAL.withParallel(1_000_000, 500_000, threads).withBackoff(BACKOFF);

    assertThatThrownBy(
            () ->
                fetcher(options, new FullDisk(Long.MAX_VALUE, 1_234_567))
                    .fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
              assertThat(e.getMessage()).contains("disk full writing blob 'validated/big.bak'");
            });
    assertThat(sleeps).isEmpty();
    try (var files = Files.list(earlier.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("earlier.trn");
    }
    assertThat(Files.readString(earlier)).isEqualTo("validated");
  }

  @Test
  void aDiskThatFillsUpOnlyWhenForcedIsDiskFullAndKeepsNoPartialFile() throws Exception {
    byte[] data = content(1_000_000);
    BlobInfo blob = source.put("day.zip", data, md5(data));
    FullDisk disk = new FullDisk(Long.MAX_VALUE, Long.MAX_VALUE).failForces();

    assertThatThrownBy(() -> fetcher(SEQUENTIAL, disk).fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
              assertThat(e.getMessage()).contains("disk full writing blob 'day.zip'");
            });
    assertThat(disk.forces.get()).isPositive();
    try (var files = Files.list(staging)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aBlobReplacedDuringTheDownloadIsBlobChanged() throws Exception {
    byte[] data = content(100_000);
    BlobInfo blob = source.put("a.trn", data, null);
    source.cut(40_000);
    source.fault(
        (s, b, r) -> {
          s.put("a.trn", content(5), null);
          return s.serve(b, r);
        });

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_CHANGED));
    assertThat(source.opened)
        .containsExactly(ByteRange.of(0, 100_000), ByteRange.of(40_000, 60_000));
    try (var files = Files.list(staging)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aBlobDeletedBeforeTheDownloadIsBlobVanished() throws Exception {
    BlobInfo blob = source.put("a.trn", content(100), null);
    source.delete("a.trn");

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_VANISHED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.bak", "/etc/passwd", "a/../../b", "", "a//b", "a\\..\\b", "."})
  void namesThatWouldEscapeStagingAreRefused(String name) {
    BlobInfo blob = source.put(name, content(10), null);

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_NAME_UNSAFE));
    assertThat(source.opened).isEmpty();
  }
}
