package org.cloudsync.source.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.source.Backoff;
import org.cloudsync.source.BlobFetcher;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.ByteRange;
import org.cloudsync.source.FetchResult;
import org.cloudsync.source.ProgressListener;
import org.cloudsync.source.SourceException;
import org.cloudsync.source.StagingDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AzureBlobSource against a scripted stub answering with Azure's real failures. */
class AzureBlobSourceStubTest {
  private static final String AUTH_MESSAGE =
      "Server failed to authenticate the request. Make sure the value of Authorization header is"
          + " formed correctly including the signature.";

  @TempDir Path staging;
  private ScriptedBlobService service;
  private AzureBlobSource source;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    service = new ScriptedBlobService();
    source = new AzureBlobSource(SasUrl.parse(service.sasUrl()));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private BlobFetcher fetcher(BlobFetcher.Options options) {
    return new BlobFetcher(
        source, staging, options, StagingDisk.SYSTEM, sleeps::add, new Random(1));
  }

  private BlobFetcher fetcher() {
    return fetcher(
        BlobFetcher.Options.DEFAULT
            .withParallel(Long.MAX_VALUE, 1 << 20, 1)
            .withReserve(0)
            .withBackoff(new Backoff(4, Duration.ofMillis(100), Duration.ofSeconds(2))));
  }

  private static byte[] content(int size, int seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private BlobInfo only(String name) {
    return source.list().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void listsBlobsWithTheirMetadata() {
    byte[] a = content(1000, 1);
    String etag = service.put("logs/2026-11-26.zip", a, true);
    service.put("full.bak", content(10, 2), false);

    List<BlobInfo> blobs = source.list();

    assertThat(blobs).extracting(BlobInfo::name).containsExactly("full.bak", "logs/2026-11-26.zip");
    BlobInfo zip = blobs.get(1);
    assertThat(zip.size()).isEqualTo(1000);
    assertThat(zip.etag()).isEqualTo(etag);
    assertThat(zip.contentMd5()).isEqualTo(ScriptedBlobService.md5(a));
    assertThat(blobs.get(0).contentMd5()).isNull();
    assertThat(service.requests().get(0).query()).containsEntry("restype", "container");
  }

  @Test
  void opensARangeWithTheListedEtag() throws IOException {
    byte[] a = content(5000, 3);
    service.put("a.trn", a, false);
    BlobInfo blob = only("a.trn");

    try (InputStream in = source.open(blob, ByteRange.of(100, 50))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(a, 100, 150));
    }
    ScriptedBlobService.Request get = service.downloads().get(0);
    assertThat(get.header("x-ms-range")).isEqualTo("bytes=100-149");
    assertThat(get.header("If-Match")).isEqualTo("\"" + blob.etag() + "\"");
  }

  @Test
  void transfersARangeFromTheClientsBuffersWithTheListedEtag() throws IOException {
    byte[] a = content(300_000, 4);
    service.put("a.trn", a, false);
    BlobInfo blob = only("a.trn");
    java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

    source.transfer(
        blob,
        ByteRange.of(1000, 250_000),
        bytes -> {
          byte[] chunk = new byte[bytes.remaining()];
          bytes.get(chunk);
          received.write(chunk, 0, chunk.length);
        });

    assertThat(received.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(a, 1000, 251_000));
    ScriptedBlobService.Request get = service.downloads().get(0);
    assertThat(get.header("x-ms-range")).isEqualTo("bytes=1000-250999");
    assertThat(get.header("If-Match")).isEqualTo("\"" + blob.etag() + "\"");
  }

  @Test
  void whatTheSinkThrowsDuringATransferIsThrownUnchanged() {
    service.put("a.trn", content(300_000, 5), false);
    BlobInfo blob = only("a.trn");
    IOException diskProblem = new IOException("no space left on device");
    IllegalStateException bug = new IllegalStateException("sink bug");

    assertThatThrownBy(
            () ->
                source.transfer(
                    blob,
                    ByteRange.all(),
                    bytes -> {
                      throw diskProblem;
                    }))
        .isSameAs(diskProblem);
    assertThatThrownBy(
            () ->
                source.transfer(
                    blob,
                    ByteRange.all(),
                    bytes -> {
                      throw bug;
                    }))
        .isSameAs(bug);
  }

  @Test
  void aCutTransferIsAnIoExceptionAfterTheBytesDelivered() {
    byte[] a = content(200_000, 6);
    service.put("big.bak", a, false);
    BlobInfo blob = only("big.bak");
    service.cutNextDownload(70_000);
    long[] delivered = {0};

    assertThatThrownBy(
            () -> source.transfer(blob, ByteRange.all(), bytes -> delivered[0] += skipAll(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("blob 'big.bak'")
        .hasMessageContaining("the transfer broke")
        .hasMessageNotContaining("sig=");
    assertThat(delivered[0]).isBetween(0L, 70_000L);
  }

  private static int skipAll(java.nio.ByteBuffer bytes) {
    int n = bytes.remaining();
    bytes.position(bytes.limit());
    return n;
  }

  static Stream<Arguments> serviceFailures() {
    return Stream.of(
        Arguments.of(
            403,
            "AuthenticationFailed",
            AUTH_MESSAGE,
            "Signature not valid in the specified time frame: Start [Thu, 09 Jul 2026 10:11:03"
                + " GMT] - Expiry [Thu, 09 Jul 2026 18:11:03 GMT] - Current [Fri, 10 Jul 2026"
                + " 10:16:22 GMT]",
            ErrorCode.SAS_EXPIRED,
            "ask eCW for a new SAS URL, then run `cloudsync center edit ID --sas-url-file FILE`"),
        Arguments.of(
            403,
            "AuthenticationFailed",
            AUTH_MESSAGE,
            "Signed expiry time [Wed, 31 Aug 2026 00:00:00 GMT] must be after signed start time"
                + " [Thu, 20 Oct 2026 20:05:51 GMT]",
            ErrorCode.SAS_EXPIRED,
            "ask eCW for a new SAS URL"),
        Arguments.of(
            403,
            "AuthenticationFailed",
            AUTH_MESSAGE,
            "Signature did not match. String to sign used was rl\n\n2099-01-01T00:00:00Z\n"
                + "/blob/account/container\n\n\n\nhttps\n2023-11-03\nc",
            ErrorCode.SAS_SIGNATURE_MISMATCH,
            "the SAS URL was altered or its key rotated"),
        Arguments.of(
            403,
            "AuthorizationSourceIPMismatch",
            "This request is not authorized to perform this operation using this source IP"
                + " 203.0.113.7.",
            null,
            ErrorCode.SAS_IP_NOT_ALLOWED,
            "ask eCW to allow-list this server's public IP 203.0.113.7"),
        Arguments.of(
            403,
            "AuthorizationPermissionMismatch",
            "This request is not authorized to perform this operation using this permission.",
            null,
            ErrorCode.SAS_PERMISSION_MISSING,
            "read and list permissions (sp=rl)"),
        Arguments.of(
            403,
            "AuthorizationFailure",
            "This request is not authorized to perform this operation.",
            null,
            ErrorCode.ACCESS_DENIED,
            "ask eCW for a new SAS URL"),
        Arguments.of(
            404,
            "ContainerNotFound",
            "The specified container does not exist.",
            null,
            ErrorCode.CONTAINER_NOT_FOUND,
            "check the container name in the SAS URL"));
  }

  @ParameterizedTest(name = "{1} {4}")
  @MethodSource("serviceFailures")
  void mapsServiceFailuresOnList(
      int status, String code, String message, String detail, ErrorCode expected, String hint) {
    service.failNext(status, code, message, detail);

    assertThatThrownBy(source::list)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(expected);
              assertThat(e.transientFailure()).isFalse();
              assertThat(e.getMessage())
                  .contains("HTTP " + status + " " + code)
                  .contains("Azure container 'container' at http://127.0.0.1:")
                  .doesNotContain(ScriptedBlobService.SIGNATURE);
              assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains(hint));
            });
  }

  @Test
  void probeChecksOfflineThenWithARealListCall() {
    java.time.Clock now = java.time.Clock.systemUTC();
    assertThat(source.probe(now, null)).isEmpty();
    assertThat(service.requests()).hasSize(1);
    assertThat(service.requests().get(0).query()).containsEntry("maxresults", "1");

    service.failNext(
        403,
        "AuthorizationPermissionMismatch",
        "This request is not authorized to perform this operation using this permission.",
        null);
    assertThatThrownBy(() -> source.probe(now, null))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SAS_PERMISSION_MISSING));

    AzureBlobSource policyBound =
        new AzureBlobSource(
            SasUrl.parse(service.sasUrl().replace("sp=rl&se=2099-01-01T00:00:00Z", "si=ecw")));
    assertThat(policyBound.probe(now, null)).hasSize(2);
    assertThat(service.requests()).hasSize(3);
  }

  @Test
  void serverBusyIsTransientAndListingIsTriedAgain() {
    service.put("a.trn", content(10, 4), false);
    service.failNext(
        503, "ServerBusy", "The server is currently unable to receive requests.", null);

    assertThatThrownBy(source::list)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
              assertThat(e.transientFailure()).isTrue();
            });

    service.failNext(500, "InternalError", "The server encountered an internal error.", null);
    assertThat(fetcher().list()).extracting(BlobInfo::name).containsExactly("a.trn");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void blobDeletedAfterListingIsBlobVanished() {
    service.put("a.trn", content(10, 5), false);
    BlobInfo blob = only("a.trn");
    service.delete("a.trn");

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BLOB_VANISHED);
              assertThat(e.getMessage()).contains("blob 'a.trn'").contains("deleted");
            });
    assertThat(staging.resolve("a.trn")).doesNotExist();
    assertThat(staging.resolve(".a.trn.part")).doesNotExist();
  }

  @Test
  void blobReplacedAfterListingIsBlobChanged() {
    service.put("a.trn", content(10, 6), false);
    BlobInfo blob = only("a.trn");
    service.put("a.trn", content(12, 7), false);

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BLOB_CHANGED);
              assertThat(e.getMessage()).contains("blob 'a.trn'").contains("replaced");
            });
    assertThat(staging.resolve("a.trn")).doesNotExist();
  }

  @Test
  void retriesA503DuringDownload() throws IOException {
    byte[] a = content(3000, 8);
    service.put("a.trn", a, true);
    BlobInfo blob = only("a.trn");
    service.next(
        r -> !r.isList(),
        (ex, r) ->
            ScriptedBlobService.error(
                ex, 503, "ServerBusy", "Ingress is over the account limit.", null));

    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(Files.readAllBytes(result.file())).isEqualTo(a);
    assertThat(result.retries()).isEqualTo(1);
    assertThat(result.md5Verified()).isTrue();
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  /** The start of a {@code bytes=N-M} range header. */
  private static long rangeStart(ScriptedBlobService.Request request) {
    String range = request.header("x-ms-range");
    return Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
  }

  @Test
  void resumesACutTransferWithARangedRequest() throws IOException {
    byte[] a = content(200_000, 9);
    service.put("big.bak", a, true);
    BlobInfo blob = only("big.bak");
    service.cutNextDownload(70_000);
    service.cutNextDownload(50_000);

    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(Files.readAllBytes(result.file())).isEqualTo(a);
    assertThat(result.retries()).isEqualTo(2);
    List<ScriptedBlobService.Request> gets = service.downloads();
    assertThat(gets).hasSize(3);
    assertThat(gets.get(0).header("x-ms-range")).isEqualTo("bytes=0-199999");
    // Each retry asks for the rest from the last byte that reached the file. The client may lose
    // the tail of a cut transfer (a reset connection drops unread bytes), so the exact byte is at
    // most what was sent; BlobFetcherTest pins exact offsets with an in-memory source.
    long second = rangeStart(gets.get(1));
    long third = rangeStart(gets.get(2));
    assertThat(second).isBetween(0L, 70_000L);
    assertThat(third).isBetween(second, second + 50_000);
    assertThat(gets.get(1).header("x-ms-range")).isEqualTo("bytes=" + second + "-199999");
    assertThat(gets.get(2).header("x-ms-range")).isEqualTo("bytes=" + third + "-199999");
    assertThat(gets).allSatisfy(r -> assertThat(r.header("If-Match")).isNotNull());
  }

  @Test
  void aDownloadGivenUpOnIsResumedByTheNextRun() throws IOException {
    byte[] a = content(100_000, 10);
    service.put("big.bak", a, true);
    BlobInfo blob = only("big.bak");
    service.cutNextDownload(30_000);
    for (int i = 0; i < 4; i++) {
      service.next(
          r -> !r.isList(),
          (ex, r) ->
              ScriptedBlobService.error(
                  ex, 500, "InternalError", "The server encountered an internal error.", null));
    }

    assertThatThrownBy(() -> fetcher().fetch(blob, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
              assertThat(e.getMessage()).contains("of 100000 after 4 failed attempts");
            });
    Path partial = staging.resolve(".big.bak.part");
    long kept = Files.size(partial);
    assertThat(kept).isBetween(0L, 30_000L);
    assertThat(staging.resolve("big.bak")).doesNotExist();

    int before = service.downloads().size();
    FetchResult result = fetcher().fetch(blob, ProgressListener.NONE);

    assertThat(Files.readAllBytes(result.file())).isEqualTo(a);
    assertThat(result.resumedFrom()).isEqualTo(kept);
    assertThat(result.md5Verified()).isTrue();
    assertThat(service.downloads().get(before).header("x-ms-range"))
        .isEqualTo("bytes=" + kept + "-99999");
  }

  @Test
  void parallelRangesEqualTheBlob() throws IOException {
    byte[] a = content(1_000_003, 11);
    service.put("big.bak", a, true);
    BlobInfo blob = only("big.bak");
    service.cutNextDownload(1000);

    FetchResult result =
        fetcher(
                BlobFetcher.Options.DEFAULT
                    .withParallel(100_000, 128 * 1024, 3)
                    .withReserve(0)
                    .withBackoff(new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(2))))
            .fetch(blob, ProgressListener.NONE);

    assertThat(Files.readAllBytes(result.file())).isEqualTo(a);
    assertThat(result.md5Verified()).isTrue();
    assertThat(service.downloads()).hasSizeGreaterThanOrEqualTo(9);
  }

  @Test
  void aStalledResponseTimesOut() throws IOException {
    source =
        new AzureBlobSource(
            SasUrl.parse(service.sasUrl()),
            new AzureBlobSource.Options(Duration.ofSeconds(2), Duration.ofMillis(500), false));
    service.next(
        r -> true,
        (ex, r) -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    assertThatThrownBy(source::list)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
              assertThat(e.transientFailure()).isTrue();
              assertThat(e.getMessage()).contains("timed out");
            });
  }

  @Test
  void connectionRefusedIsSourceUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AzureBlobSource nowhere =
        new AzureBlobSource(
            SasUrl.parse(
                "http://127.0.0.1:"
                    + port
                    + "/account/container?sv=2023-11-03&sr=c&sp=rl&se=2099-01-01T00:00:00Z&sig="
                    + ScriptedBlobService.SIGNATURE));

    assertThatThrownBy(nowhere::list)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
              assertThat(e.getMessage()).contains("connection refused");
              assertThat(e.getMessage()).doesNotContain(ScriptedBlobService.SIGNATURE);
            });
  }

  @Test
  void unknownHostIsSourceUnreachable() {
    AzureBlobSource nowhere =
        new AzureBlobSource(
            SasUrl.parse(
                "https://nosuchaccount.blob.invalid/container?sv=2023-11-03&sr=c&sp=rl"
                    + "&se=2099-01-01T00:00:00Z&sig="
                    + ScriptedBlobService.SIGNATURE));

    assertThatThrownBy(nowhere::list)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
              assertThat(e.getMessage()).contains("unknown host");
            });
  }
}
