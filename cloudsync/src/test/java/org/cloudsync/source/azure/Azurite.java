package org.cloudsync.source.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Azure Storage emulator (npm package {@code azurite}) for tests: installed on first use
 * into a cache directory when it is not on the PATH, started on 127.0.0.1 with a free port and a
 * temporary location, stopped by {@link #close()}.
 *
 * <p>The cache is {@code $CLOUDSYNC_TEST_CACHE} or {@code ~/.cache/cloudsync-test}; only {@code
 * node} and {@code npm} must exist, and the npm registry must be reachable the first time.
 */
public final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account (public, documented, not a secret). */
  public static final String ACCOUNT = "devstoreaccount1";

  private static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  private final int port;
  private final Path location;
  private final BlobServiceClient service;

  private Azurite(Process process, int port, Path location) {
    this.process = process;
    this.port = port;
    this.location = location;
    this.service =
        new BlobServiceClientBuilder()
            .connectionString(
                "DefaultEndpointsProtocol=http;AccountName="
                    + ACCOUNT
                    + ";AccountKey="
                    + KEY
                    + ";BlobEndpoint=http://127.0.0.1:"
                    + port
                    + "/"
                    + ACCOUNT
                    + ";")
            .buildClient();
  }

  /** Installs Azurite if needed and starts it; fails with the reason if it cannot. */
  public static Azurite start() throws IOException, InterruptedException {
    Path executable = executable();
    int port = freePort();
    Path location = Files.createTempDirectory("azurite-");
    List<String> command =
        List.of(
            executable.toString(),
            "--disableTelemetry",
            "--skipApiVersionCheck",
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            Integer.toString(port),
            "--location",
            location.toString(),
            "--silent");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(location.resolve("azurite.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!listening(port)) {
      if (!process.isAlive()) {
        throw new IOException(
            "azurite exited with "
                + process.exitValue()
                + ": "
                + Files.readString(location.resolve("azurite.log")));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("azurite did not listen on port " + port + " within 60 s");
      }
      Thread.sleep(100);
    }
    return new Azurite(process, port, location);
  }

  /** The {@code azurite-blob} on the PATH, or the one in the cache, installing it there. */
  static Path executable() throws IOException, InterruptedException {
    Optional<Path> onPath = onPath("azurite-blob");
    if (onPath.isPresent()) {
      return onPath.get();
    }
    Path cache = cacheDirectory().resolve("azurite");
    Path installed = cache.resolve("node_modules/.bin/azurite-blob");
    if (Files.isExecutable(installed)) {
      return installed;
    }
    Files.createDirectories(cache);
    if (!Files.exists(cache.resolve("package.json"))) {
      Files.writeString(cache.resolve("package.json"), "{\"private\": true}\n");
    }
    Path npm =
        onPath("npm")
            .orElseThrow(() -> new IOException("neither azurite-blob nor npm is on the PATH"));
    Process install =
        new ProcessBuilder(
                npm.toString(),
                "install",
                "--prefix",
                cache.toString(),
                "--no-audit",
                "--no-fund",
                "azurite")
            .redirectErrorStream(true)
            .redirectOutput(cache.resolve("npm-install.log").toFile())
            .start();
    if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
      install.destroyForcibly();
      throw new IOException(
          "npm install azurite failed: " + Files.readString(cache.resolve("npm-install.log")));
    }
    if (!Files.isExecutable(installed)) {
      throw new IOException("npm install azurite did not produce " + installed);
    }
    return installed;
  }

  private static Path cacheDirectory() {
    String configured = System.getenv("CLOUDSYNC_TEST_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "cloudsync-test");
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  /** A client with the account key, for setting up containers and blobs. */
  public BlobServiceClient service() {
    return service;
  }

  /** Creates a container and returns it. */
  public BlobContainerClient createContainer(String name) {
    return service.createBlobContainer(name);
  }

  /** A container SAS URL with read and list permission valid for a day. */
  public String sasUrl(BlobContainerClient container) {
    String token =
        container.generateSas(
            new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusDays(1),
                new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
    return container.getBlobContainerUrl() + "?" + token;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(location)) {
      walk.forEach(files::add);
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(files.get(i));
    }
  }
}
