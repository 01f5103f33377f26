package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudsync sync} on a directory source holding a generated feed. */
class SyncCommandTest {
  @TempDir Path tmp;
  Cli cli;
  Path drop;
  SyntheticFeed.Manifest manifest;

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    drop = tmp.resolve("drop");
    manifest =
        SyntheticFeed.builder("riverside", LocalDateTime.of(2026, 11, 1, 22, 0), ZoneOffset.UTC, 7)
            .days(3)
            .logInterval(java.time.Duration.ofHours(2))
            .build()
            .writeTo(drop);
    Cli.Result added =
        cli.center("add", "riverside", "--name", "Riverside", "--source", drop.toString());
    assertThat(added.status()).as(added.all()).isZero();
  }

  @Test
  void findsFetchesValidatesAndPlansEveryFileThenFetchesNothingTheSecondTime() throws Exception {
    Cli.Result first = cli.sync("--format", "json");
    assertThat(first.status()).as(first.all()).isZero();
    JsonNode center = new ObjectMapper().readTree(first.out()).get("centers").get(0);

    assertThat(center.get("center").asText()).isEqualTo("riverside");
    assertThat(center.get("counts").get("blobs_new").asInt()).isEqualTo(5); // full, 3 zips, readme
    assertThat(center.get("counts").get("blobs_fetched").asInt()).isEqualTo(5);
    List<String> kinds = new ArrayList<>();
    for (JsonNode b : center.get("blobs")) {
      kinds.add(
          b.get("name").asText() + " " + b.get("kind").asText() + " " + b.get("state").asText());
    }
    assertThat(kinds)
        .contains(
            "riverside_20261102.zip log-zip unpacked",
            "riverside_20261103.zip log-zip unpacked",
            "riverside_20261104.zip log-zip unpacked",
            SyntheticFeed.README + " other ignored")
        .anyMatch(k -> k.matches("riverside_FULL_.*\\.bak initial-dump unpacked"));
    int expectedFiles = manifest.files().size();
    assertThat(center.get("files")).hasSize(expectedFiles);
    for (JsonNode f : center.get("files")) {
      // sync now applies: on the verify engine every file ends verified (nothing restored).
      assertThat(f.get("state").asText()).as(f.toString()).isEqualTo("verified");
      assertThat(f.get("header").get("database_name").asText()).isEqualTo("riverside");
      assertThat(f.get("header").get("first_lsn").isTextual()).isTrue();
    }
    // Downloads are removed once unpacked: staging holds the backup files alone.
    assertThat(center.get("staging").get("incoming_bytes").asLong()).isZero();
    assertThat(center.get("staging").get("staged_bytes").asLong()).isPositive();
    JsonNode plan = center.get("plan");
    assertThat(plan.get("problems")).isEmpty();
    assertThat(plan.get("steps").get(0).get("type").asText()).isEqualTo("full");
    assertThat(plan.get("steps")).hasSize(1 + manifest.files(BackupType.LOG).size());
    assertThat(plan.get("steps").get(1).get("files").get(0).asText())
        .startsWith("riverside_20261102.zip!riverside_LOG_");

    Cli.Result second = cli.sync();
    assertThat(second.status()).as(second.all()).isZero();
    assertThat(second.out())
        .contains("blobs: 0 new, 5 unchanged, 0 fetched")
        .contains("files: 0 staged, 0 validated, 0 quarantined in this run")
        .contains("the chain is complete");
    assertThat(second.err()).isEmpty();
  }

  @Test
  void dryRunRecordsAndFetchesNothing() throws Exception {
    Cli.Result dry = cli.sync("--dry-run");
    assertThat(dry.status()).as(dry.all()).isZero();
    assertThat(dry.out())
        .contains("dry run: nothing recorded or fetched; 5 blob(s) would be fetched");
    try (var staged = Files.walk(cli.home.resolve("staging"))) {
      assertThat(staged.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(cli.sync().out()).contains("blobs: 5 new, 0 unchanged, 5 fetched");
  }

  @Test
  void badInputIsExplainedWithCodesAndHintsWhileTheRestIsTaken() throws Exception {
    byte[] corrupt = new byte[2000];
    new java.util.Random(5).nextBytes(corrupt);
    System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, corrupt, 0, 4);
    Path bad = drop.resolve("corrupt.zip");
    Files.write(bad, corrupt);
    Files.setLastModifiedTime(
        bad,
        java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-11-05T00:00:00Z")));
    Path sas =
        Files.writeString(
            tmp.resolve("sas.txt"),
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl"
                + "&se=2026-01-01T00:00:00Z&sig=EXPIREDSIGNATURE123");
    assertThat(cli.center("add", "expired", "--name", "E", "--sas-url-file", "" + sas).status())
        .isZero();

    Cli.Result r = cli.sync();

    assertThat(r.status()).as(r.all()).isEqualTo(5);
    assertThat(r.out())
        .contains("== center expired")
        .contains("error: SAS_EXPIRED: source: SAS URL ")
        .contains("sig=***")
        .doesNotContain("EXPIREDSIGNATURE123")
        .contains("exit status 5")
        .contains("== center riverside")
        .contains("error: ZIP_INVALID: unpack 'corrupt.zip': ")
        .contains("the chain is complete")
        .contains("exit status 3");
    assertThat(r.out().lines().filter(l -> l.startsWith("hint: ")).count()).isGreaterThan(1);
    assertThat(r.all()).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
