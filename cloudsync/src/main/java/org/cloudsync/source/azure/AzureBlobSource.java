package org.cloudsync.source.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobDownloadAsyncResponse;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cloudsync.config.Redaction;
import org.cloudsync.config.SecretLogFilter;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.source.BlobFetcher;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.BlobSource;
import org.cloudsync.source.ByteRange;
import org.cloudsync.source.SourceException;
import reactor.core.Exceptions;

/**
 * An Azure Blob container reached through its container SAS URL, with the official Azure Storage
 * SDK.
 *
 * <p>Deliberate SDK settings:
 *
 * <ul>
 *   <li><b>No SDK retries.</b> The SDK tries each request once ({@code maxTries = 1}) and download
 *       bodies are not re-requested by it ({@code DownloadRetryOptions.maxRetryRequests = 0}).
 *       Every retry, with backoff and ranged resume, happens once in {@link BlobFetcher}, so a
 *       failure is never retried at two layers (8 x 4 attempts).
 *   <li><b>Timeouts</b> on connect, write, response and read (a stalled body fails instead of
 *       hanging), set on the SDK's HTTP client through {@link HttpClientOptions}.
 *   <li><b>HTTP logging</b> is off unless asked for; when on, only known harmless query parameters
 *       are shown and the SDK prints {@code REDACTED} for the rest, including {@code sig}.
 *   <li><b>Library logs</b>: reactor-netty, under the SDK, logs each request's full URL at DEBUG;
 *       {@link SecretLogFilter} redacts it before any appender sees it.
 * </ul>
 */
public final class AzureBlobSource implements BlobSource {
  /** Query parameters the SDK may print in its HTTP log; {@code sig} is never among them. */
  static final Set<String> LOGGABLE_QUERY_PARAMETERS =
      Set.of(
          "restype",
          "comp",
          "prefix",
          "marker",
          "maxresults",
          "include",
          "sv",
          "sr",
          "sp",
          "st",
          "se",
          "spr",
          "si",
          "sip");

  /**
   * How the SDK's HTTP client behaves.
   *
   * @param connectTimeout establishing a connection
   * @param ioTimeout waiting for a response, or for the next bytes of a body
   * @param logHttp whether the SDK logs each request (redacted) at INFO
   */
  public record Options(Duration connectTimeout, Duration ioTimeout, boolean logHttp) {
    public static final Options DEFAULT =
        new Options(Duration.ofSeconds(20), Duration.ofSeconds(60), false);
  }

  private final SasUrl sas;
  private final BlobContainerClient container;
  private final BlobContainerAsyncClient asyncContainer;

  public AzureBlobSource(SasUrl sas) {
    this(sas, Options.DEFAULT);
  }

  public AzureBlobSource(SasUrl sas, Options options) {
    this.sas = sas;
    // The SDK's HTTP stack (reactor-netty) logs full request URLs at DEBUG: redact them.
    SecretLogFilter.install();
    HttpClient http =
        HttpClient.createDefault(
            new HttpClientOptions()
                .setConnectTimeout(options.connectTimeout())
                .setWriteTimeout(options.ioTimeout())
                .setResponseTimeout(options.ioTimeout())
                .setReadTimeout(options.ioTimeout()));
    BlobContainerClientBuilder builder =
        new BlobContainerClientBuilder()
            .endpoint(sas.secretUrl())
            .httpClient(http)
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.FIXED, 1, (Duration) null, null, null, null))
            .httpLogOptions(
                new HttpLogOptions()
                    .setLogLevel(
                        options.logHttp() ? HttpLogDetailLevel.BASIC : HttpLogDetailLevel.NONE)
                    .setAllowedQueryParamNames(LOGGABLE_QUERY_PARAMETERS));
    this.container = builder.buildClient();
    this.asyncContainer = builder.buildAsyncClient();
  }

  /**
   * Checks the SAS URL offline ({@link SasUrl#check}) and then for real with a one-blob list call,
   * which is the only check of what a stored access policy grants. For {@code center add} and the
   * start of each run.
   *
   * @param publicIp this server's public IP as configured, or null
   * @return warnings a person should see
   * @throws org.cloudsync.format.CloudsyncException the first problem found, with its code
   */
  public List<String> probe(Clock clock, InetAddress publicIp) {
    List<String> warnings = sas.check(clock, publicIp);
    try {
      container
          .listBlobs(new ListBlobsOptions().setMaxResultsPerPage(1), null)
          .iterator()
          .hasNext();
    } catch (RuntimeException e) {
      throw AzureErrors.map(e, describe(), "list", null);
    }
    return warnings;
  }

  @Override
  public List<BlobInfo> list() {
    try {
      List<BlobInfo> blobs = new ArrayList<>();
      for (BlobItem item : container.listBlobs(new ListBlobsOptions(), null)) {
        if (Boolean.TRUE.equals(item.isPrefix()) || Boolean.TRUE.equals(item.isDeleted())) {
          continue;
        }
        BlobItemProperties p = item.getProperties();
        Instant modified =
            p.getLastModified() == null ? Instant.EPOCH : p.getLastModified().toInstant();
        long size = p.getContentLength() == null ? 0 : p.getContentLength();
        blobs.add(BlobInfo.of(item.getName(), size, p.getETag(), p.getContentMd5(), modified));
      }
      return blobs;
    } catch (RuntimeException e) {
      throw AzureErrors.map(e, describe(), "list", null);
    }
  }

  @Override
  public InputStream open(BlobInfo blob, ByteRange range) {
    if (range.lengthIn(blob.size()) == 0) {
      return InputStream.nullInputStream();
    }
    return new FluxInputStream(download(blob, range), subject(blob));
  }

  /**
   * Passes the HTTP client's own buffers to {@code sink} (they are never copied into a stream
   * first), on the client's I/O thread while this thread waits.
   */
  @Override
  public void transfer(BlobInfo blob, ByteRange range, Sink sink) throws IOException {
    if (range.lengthIn(blob.size()) == 0) {
      return;
    }
    BlobDownloadAsyncResponse response = download(blob, range);
    SinkChannel channel = new SinkChannel(sink);
    try {
      response.writeValueToAsync(channel, null).block();
    } catch (RuntimeException e) {
      channel.rethrowSinkFailure();
      Throwable cause = Exceptions.unwrap(e);
      throw new IOException(
          subject(blob) + ": the transfer broke: " + Redaction.redact(messageOf(cause)),
          new AzureErrors.SanitizedCause(cause));
    } finally {
      response.close();
    }
  }

  private BlobDownloadAsyncResponse download(BlobInfo blob, ByteRange range) {
    BlobAsyncClient client = asyncContainer.getBlobAsyncClient(blob.name());
    BlobRange blobRange =
        range.toEnd()
            ? new BlobRange(range.offset())
            : new BlobRange(range.offset(), range.length());
    BlobRequestConditions sameVersion = new BlobRequestConditions().setIfMatch(quoted(blob.etag()));
    try {
      return client
          .downloadStreamWithResponse(
              blobRange, new DownloadRetryOptions().setMaxRetryRequests(0), sameVersion, false)
          .block();
    } catch (RuntimeException e) {
      SourceException mapped = AzureErrors.map(e, describe(), "download " + range, blob.name());
      if (mapped.code() == ErrorCode.BLOB_CHANGED && !stillExists(blob)) {
        // Some services (Azurite) answer a conditional read of a deleted blob with 412, not 404.
        throw SourceException.permanent(
            ErrorCode.BLOB_VANISHED,
            "blob '"
                + blob.name()
                + "' in "
                + describe()
                + ": deleted between listing and"
                + " downloading",
            "nothing to do: the next run lists the container again");
      }
      throw mapped;
    }
  }

  private String subject(BlobInfo blob) {
    return "blob '" + blob.name() + "' in " + describe();
  }

  private static String messageOf(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private boolean stillExists(BlobInfo blob) {
    try {
      return container.getBlobClient(blob.name()).exists();
    } catch (RuntimeException e) {
      return true;
    }
  }

  @Override
  public String describe() {
    return "Azure container '" + sas.container() + "' at " + sas.location();
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String quoted(String etag) {
    return etag.startsWith("\"") || etag.startsWith("W/") ? etag : "\"" + etag + "\"";
  }
}
