package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.SecretLogFilter;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.source.azure.Azurite;
import org.cloudsync.source.azure.SasUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The "done when": a newcomer adds a center against an Azurite container holding an initial
 * dump and three daily zips ({@link SyntheticFeed} output uploaded), runs {@code sync}, and sees
 * every file classified, validated and planned, in the JSON output and in the ledger; the SAS
 * signature appears in no output, log line, ledger row or file of the home.
 */
@Tag("azurite")
class SyncAzuriteTest {
  private static Azurite azurite;

  @TempDir Path tmp;

  @BeforeAll
  static void startAzurite() throws Exception {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() throws Exception {
    if (azurite != null) {
      azurite.close();
    }
  }

  @Test
  void aCenterOnAnAzuriteContainerIsFetchedClassifiedValidatedAndPlanned() throws Exception {
    Path feed = tmp.resolve("feed");
    SyntheticFeed.Manifest manifest =
        SyntheticFeed.builder("riverside", LocalDateTime.of(2026, 11, 1, 22, 0), ZoneOffset.UTC, 3)
            .days(3)
            .logInterval(Duration.ofHours(3))
            .build()
            .writeTo(feed);
    BlobContainerClient container = azurite.createContainer("riverside-ecw");
    Set<String> uploaded = new HashSet<>();
    try (Stream<Path> files = Files.list(feed)) {
      for (Path f : files.toList()) {
        container.getBlobClient(f.getFileName().toString()).uploadFromFile(f.toString());
        uploaded.add(f.getFileName().toString());
      }
    }
    String sasUrl = azurite.sasUrl(container);
    String sig = sasUrl.replaceAll(".*[?&]sig=([^&]*).*", "$1");
    List<String> secrets = List.of(sig, URLDecoder.decode(sig, StandardCharsets.UTF_8));
    Path sasFile = Files.writeString(tmp.resolve("sas-url.txt"), sasUrl + "\n");

    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    StringBuilder seen = new StringBuilder();
    Cli cli = new Cli(tmp.resolve("home"));
    cli.sasCheck = (url, ip) -> SasUrl.parse(url.reveal()).checkAgainst(Cli.CLOCK, ip);
    try {
      SecretLogFilter.install(); // as the command line's logback.xml does
      root.setLevel(Level.DEBUG);
      logs.start();
      root.addAppender(logs);
      assertThat(cli.init().status()).isZero();
      Cli.Result added =
          cli.center("add", "riverside", "--name", "Riverside", "--sas-url-file", "" + sasFile);
      assertThat(added.status()).as(added.all()).isZero();
      Cli.Result first = cli.sync("--format", "json");
      Cli.Result text = cli.sync();
      for (Cli.Result r : List.of(added, first, text)) {
        seen.append(r.out()).append(r.err());
      }
      assertThat(first.status()).as(first.all()).isZero();
      assertThat(text.status()).as(text.all()).isZero();
      assertThat(text.out()).contains("blobs: 0 new, 5 unchanged, 0 fetched");

      JsonNode center = new ObjectMapper().readTree(first.out()).get("centers").get(0);
      assertThat(center.get("failures")).isEmpty();
      Set<String> listed = new HashSet<>();
      for (JsonNode b : center.get("blobs")) {
        listed.add(b.get("name").asText());
        assertThat(b.get("md5").asText()).isNotBlank();
        String kind = b.get("kind").asText();
        String expected =
            b.get("name").asText().contains("_FULL_")
                ? "initial-dump"
                : b.get("name").asText().endsWith(".zip") ? "log-zip" : "other";
        assertThat(kind).as(b.toString()).isEqualTo(expected);
        assertThat(b.get("state").asText())
            .isEqualTo(expected.equals("other") ? "ignored" : "unpacked");
      }
      assertThat(listed).isEqualTo(uploaded);
      assertThat(center.get("files")).hasSize(manifest.files().size());
      for (JsonNode f : center.get("files")) {
        assertThat(f.get("state").asText()).isEqualTo("verified");
        assertThat(f.get("header").get("database_name").asText()).isEqualTo("riverside");
      }
      JsonNode plan = center.get("plan");
      assertThat(plan.get("database").asText()).isEqualTo("riverside");
      assertThat(plan.get("problems")).isEmpty();
      assertThat(plan.get("steps"))
          .hasSize(manifest.files(BackupType.FULL).size() + manifest.files(BackupType.LOG).size());

      CloudsyncHome home = CloudsyncHome.locate(cli.env);
      String ledger = SecretsStayHiddenTest.ledgerText(home);
      assertThat(ledger).contains("verified").contains("riverside_20261104.zip");
      for (ILoggingEvent e : logs.list) {
        seen.append(e.getFormattedMessage()).append('\n');
        if (e.getThrowableProxy() != null) {
          seen.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
        }
      }
      assertThat(logs.list).as("debug logging was on").isNotEmpty();
      for (String secret : secrets) {
        assertThat(seen.toString()).as("output and log").doesNotContain(secret);
        assertThat(ledger).as("ledger rows").doesNotContain(secret);
        try (Stream<Path> files = Files.walk(home.root())) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                .as(f.toString())
                .doesNotContain(secret);
          }
        }
      }
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
    }
  }
}
