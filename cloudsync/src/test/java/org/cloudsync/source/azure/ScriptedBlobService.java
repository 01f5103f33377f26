package org.cloudsync.source.azure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted stand-in for the Azure Blob service on 127.0.0.1: it lists and serves blobs like Azure
 * (path style {@code /ACCOUNT/CONTAINER/BLOB}, {@code x-ms-range}, {@code If-Match}) and, when
 * scripted, answers with Azure's real status codes, {@code x-ms-error-code} headers and XML error
 * bodies, or cuts a body short (Content-Length larger than the bytes sent, then close).
 */
public final class ScriptedBlobService implements AutoCloseable {
  static final String ACCOUNT = "account";
  static final String CONTAINER = "container";
  public static final String SIGNATURE = "RECOGNISABLEsig0123456789SECRET";

  /** A request as received. */
  public record Request(
      String method, String path, Map<String, String> query, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }

    boolean isList() {
      return "list".equals(query.get("comp"));
    }
  }

  private record Blob(byte[] content, String etag, String md5) {}

  private record Step(Predicate<Request> matches, Action action) {}

  @FunctionalInterface
  interface Action {
    void answer(HttpExchange exchange, Request request) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private int etagCounter;

  public ScriptedBlobService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** A container SAS URL for this stub with {@link #SIGNATURE} and the given extra parameters. */
  public String sasUrl() {
    return "http://127.0.0.1:"
        + port()
        + "/"
        + ACCOUNT
        + "/"
        + CONTAINER
        + "?sv=2023-11-03&sr=c&sp=rl&se=2099-01-01T00:00:00Z&sig="
        + SIGNATURE;
  }

  public synchronized String put(String name, byte[] content, boolean withMd5) {
    String etag = "0x8DC" + String.format("%012X", ++etagCounter);
    String md5 = withMd5 ? md5(content) : null;
    blobs.put(name, new Blob(content, etag, md5));
    return etag;
  }

  void delete(String name) {
    blobs.remove(name);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> downloads() {
    return requests.stream().filter(r -> !r.isList()).toList();
  }

  /** The next request matching gets this answer instead of the normal one. */
  synchronized void next(Predicate<Request> matches, Action action) {
    script.addLast(new Step(matches, action));
  }

  /** The next request of any kind answers with an Azure error. */
  public void failNext(int status, String code, String message, String detail) {
    next(r -> true, (ex, r) -> error(ex, status, code, message, detail));
  }

  /** The next download sends only {@code bytes} bytes of its body, then drops the connection. */
  void cutNextDownload(int bytes) {
    next(r -> !r.isList(), (ex, r) -> serveBlob(ex, r, bytes));
  }

  static String md5(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = record(exchange);
      Step step = takeStep(request);
      if (step != null) {
        step.action().answer(exchange, request);
      } else if (request.isList()) {
        list(exchange);
      } else {
        serveBlob(exchange, request, Integer.MAX_VALUE);
      }
    } catch (IOException e) {
      // The client went away or a scripted cut closed the stream: nothing to answer.
    }
  }

  private synchronized Step takeStep(Request request) {
    for (var it = script.iterator(); it.hasNext(); ) {
      Step step = it.next();
      if (step.matches().test(request)) {
        it.remove();
        return step;
      }
    }
    return null;
  }

  private Request record(HttpExchange exchange) {
    Map<String, String> query = new TreeMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    Request request =
        new Request(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, headers);
    requests.add(request);
    return request;
  }

  private void list(HttpExchange exchange) throws IOException {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .append("<EnumerationResults ServiceEndpoint=\"http://127.0.0.1:")
        .append(port())
        .append("/")
        .append(ACCOUNT)
        .append("/\" ContainerName=\"")
        .append(CONTAINER)
        .append("\"><Blobs>");
    for (var e : new TreeMap<>(blobs).entrySet()) {
      Blob b = e.getValue();
      xml.append("<Blob><Name>")
          .append(e.getKey())
          .append("</Name><Properties><Last-Modified>")
          .append(rfc1123())
          .append("</Last-Modified><Etag>")
          .append(b.etag())
          .append("</Etag><Content-Length>")
          .append(b.content().length)
          .append("</Content-Length><Content-Type>application/octet-stream</Content-Type>")
          .append(
              b.md5() == null ? "<Content-MD5 />" : "<Content-MD5>" + b.md5() + "</Content-MD5>")
          .append("<BlobType>BlockBlob</BlobType></Properties></Blob>");
    }
    xml.append("</Blobs><NextMarker /></EnumerationResults>");
    byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.getResponseHeaders().set("x-ms-version", "2023-11-03");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void serveBlob(HttpExchange exchange, Request request, int cutAfter) throws IOException {
    String name = request.path().substring(("/" + ACCOUNT + "/" + CONTAINER + "/").length());
    Blob blob = blobs.get(name);
    if (blob == null) {
      error(exchange, 404, "BlobNotFound", "The specified blob does not exist.", null);
      return;
    }
    String ifMatch = request.header("If-Match");
    if (ifMatch != null && !ifMatch.replace("\"", "").equals(blob.etag())) {
      error(
          exchange,
          412,
          "ConditionNotMet",
          "The condition specified using HTTP conditional header(s) is not met.",
          null);
      return;
    }
    long from = 0;
    long to = blob.content().length - 1;
    String range = request.header("x-ms-range");
    if (range == null) {
      range = request.header("Range");
    }
    boolean partial = range != null;
    if (partial) {
      Matcher m = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
      if (!m.matches()) {
        throw new IllegalStateException("bad range " + range);
      }
      from = Long.parseLong(m.group(1));
      if (!m.group(2).isEmpty()) {
        to = Math.min(to, Long.parseLong(m.group(2)));
      }
    }
    long length = to - from + 1;
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", "application/octet-stream");
    h.set("ETag", "\"" + blob.etag() + "\"");
    h.set("Last-Modified", rfc1123());
    h.set("x-ms-blob-type", "BlockBlob");
    h.set("Accept-Ranges", "bytes");
    h.set("x-ms-version", "2023-11-03");
    if (partial) {
      h.set("Content-Range", "bytes " + from + "-" + to + "/" + blob.content().length);
    }
    exchange.sendResponseHeaders(partial ? 206 : 200, length);
    OutputStream out = exchange.getResponseBody();
    int send = (int) Math.min(length, cutAfter);
    out.write(blob.content(), (int) from, send);
    out.flush();
    if (send < length) {
      // Content-Length promised more: closing now makes the client see a cut transfer. Wait a
      // little first so that the bytes sent reach the client before the connection drops.
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("scripted cut after " + send + " bytes");
    }
  }

  static void error(HttpExchange exchange, int status, String code, String message, String detail)
      throws IOException {
    String xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "\nRequestId:5a2f7e0c-001e-0033-2b4f-1f0c3a000000\nTime:2026-11-26T09:00:00.0000000Z"
            + "</Message>"
            + (detail == null
                ? ""
                : "<AuthenticationErrorDetail>" + detail + "</AuthenticationErrorDetail>")
            + "</Error>";
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.getResponseHeaders().set("x-ms-error-code", code);
    exchange.getResponseHeaders().set("x-ms-request-id", "5a2f7e0c-001e-0033-2b4f-1f0c3a000000");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static String rfc1123() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.of(2026, 11, 26, 9, 0, 0, 0, ZoneOffset.UTC));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
