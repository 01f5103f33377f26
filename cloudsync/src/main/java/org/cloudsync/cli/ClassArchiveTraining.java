package org.cloudsync.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cloudsync.source.BlobFetcher;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.ProgressListener;
import org.cloudsync.source.Sleeper;
import org.cloudsync.source.StagingDisk;
import org.cloudsync.source.azure.AzureBlobSource;
import org.cloudsync.source.azure.SasUrl;

/**
 * The workload the build runs once, under {@code -XX:ArchiveClassesAtExit}, to record the class
 * data archive ({@code cloudsync.jsa}) beside the jar. {@code cloudsync.sh} then starts the JVM
 * with {@code -XX:SharedArchiveFile}, which maps the classes recorded here instead of loading,
 * parsing and verifying them from the jar: about a second less CPU before a download's first byte.
 *
 * <p>It touches only a temporary directory and the loopback interface: it fetches one blob from a
 * container served on 127.0.0.1 by this class (in parallel ranges, then in one stream, as {@code
 * sync} does with the Azure SDK), then runs {@code cloudsync demo --days 1} with its output thrown
 * away. What it fetches and prints is never used; only which classes were loaded matters.
 */
public final class ClassArchiveTraining {
  private static final String PATH = "/training/container";
  private static final String BLOB = "training.bin";
  private static final String ETAG = "0x8DC000000000001";

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("cloudsync-class-archive");
    try {
      fetchFromLoopback(dir);
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
      int code = Main.run(new String[] {"demo", "--days", "1"}, discard, discard);
      if (code != 0) {
        System.err.println("class archive training: the demo exited " + code);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static void fetchFromLoopback(Path dir) throws IOException {
    byte[] content = new byte[24 << 20];
    new Random(1).nextBytes(content);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", exchange -> serve(exchange, content));
    server.start();
    try {
      String sas =
          "http://127.0.0.1:"
              + server.getAddress().getPort()
              + PATH
              + "?sv=2023-11-03&sr=c&sp=rl&se=2099-01-01T00:00:00Z&sig=training";
      AzureBlobSource source = new AzureBlobSource(SasUrl.parse(sas));
      BlobFetcher.Options parallel = BlobFetcher.Options.DEFAULT.withParallel(8 << 20, 4 << 20, 2);
      BlobFetcher.Options single = BlobFetcher.Options.DEFAULT.withParallel(1L << 40, 4 << 20, 1);
      for (BlobFetcher.Options options : new BlobFetcher.Options[] {parallel, single}) {
        BlobFetcher fetcher =
            new BlobFetcher(source, dir, options, StagingDisk.SYSTEM, Sleeper.SYSTEM, new Random());
        for (BlobInfo blob : fetcher.list()) {
          fetcher.fetch(blob, ProgressListener.NONE);
        }
      }
    } finally {
      server.stop(0);
    }
  }

  /** Answers a list call and ranged reads of one blob, as the Blob service does. */
  private static void serve(HttpExchange exchange, byte[] content) throws IOException {
    try (exchange) {
      var headers = exchange.getResponseHeaders();
      headers.set("x-ms-version", "2023-11-03");
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null && query.contains("comp=list")) {
        byte[] xml = listing(content).getBytes(StandardCharsets.UTF_8);
        headers.set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, xml.length);
        exchange.getResponseBody().write(xml);
        return;
      }
      long from = 0;
      long to = content.length - 1L;
      String range = exchange.getRequestHeaders().getFirst("x-ms-range");
      Matcher m = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range == null ? "" : range);
      if (m.matches()) {
        from = Long.parseLong(m.group(1));
        to = m.group(2).isEmpty() ? to : Math.min(to, Long.parseLong(m.group(2)));
        headers.set("Content-Range", "bytes " + from + "-" + to + "/" + content.length);
      }
      headers.set("Content-Type", "application/octet-stream");
      headers.set("ETag", "\"" + ETAG + "\"");
      headers.set("Last-Modified", "Thu, 26 Nov 2026 09:00:00 GMT");
      headers.set("x-ms-blob-type", "BlockBlob");
      long length = to - from + 1;
      exchange.sendResponseHeaders(m.matches() ? 206 : 200, length);
      exchange.getResponseBody().write(content, (int) from, (int) length);
    }
  }

  private static String listing(byte[] content) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Blobs><Blob><Name>"
        + BLOB
        + "</Name><Properties><Last-Modified>Thu, 26 Nov 2026 09:00:00 GMT</Last-Modified><Etag>"
        + ETAG
        + "</Etag><Content-Length>"
        + content.length
        + "</Content-Length><Content-Type>application/octet-stream</Content-Type><Content-MD5>"
        + Base64.getEncoder().encodeToString(md5(content))
        + "</Content-MD5><BlobType>BlockBlob</BlobType></Properties></Blob></Blobs>"
        + "<NextMarker /></EnumerationResults>";
  }

  private static byte[] md5(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }
}
