package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cloudsync.format.synthetic.SyntheticBackupWriter;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay through {@code cloudsync sync} on the verify engine, a synthetic feed delivered into a
 * directory source night by night: initial load and 30 nights, a gap and the resent log, a new
 * full.
 */
class ReplaySyncTest {
  @TempDir Path tmp;
  Cli cli;
  Path drop;
  SyntheticFeed.Manifest manifest;
  final Map<String, List<String>> deliveries = new LinkedHashMap<>();

  @BeforeEach
  void init() throws Exception {
    cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    drop = Files.createDirectories(tmp.resolve("drop"));
    assertThat(cli.center("add", "riverside", "--name", "R", "--source", drop.toString()).status())
        .isZero();
  }

  private void feed(UnaryOperator<SyntheticFeed.Builder> b) {
    manifest =
        b.apply(
                SyntheticFeed.builder(
                        "Riverside", LocalDateTime.of(2026, 1, 4, 22, 0), ZoneOffset.UTC, 3)
                    .logInterval(Duration.ofHours(6)))
            .build()
            .writeTo(tmp.resolve("feed"));
    for (SyntheticFeed.GeneratedFile f : manifest.files()) {
      int bang = f.path().indexOf('!');
      String file = bang < 0 ? f.path() : f.path().substring(0, bang);
      List<String> files =
          deliveries.computeIfAbsent(
              bang < 0 ? file.replaceAll("_\\d+of\\d+", "") : file, k -> new ArrayList<>());
      if (!files.contains(file)) {
        files.add(file);
      }
    }
  }

  private List<String> keys() {
    return new ArrayList<>(deliveries.keySet());
  }

  private void deliver(String key) throws Exception {
    for (String file : deliveries.get(key)) {
      Path target = drop.resolve(file);
      Files.copy(manifest.directory().resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(target, FileTime.from(Instant.parse("2026-11-01T00:00:00Z")));
    }
  }

  private JsonNode status() throws Exception {
    Cli.Result r = cli.status("--format", "json");
    assertThat(r.status()).as(r.all()).isZero();
    return new ObjectMapper().readTree(r.out()).get("centers").get(0);
  }

  @Test
  void initialLoadThenThirtyNightsEachVerified() throws Exception {
    feed(b -> b.days(30));
    List<String> keys = keys();
    assertThat(keys).hasSize(31);
    deliver(keys.get(0));
    Cli.Result first = cli.sync();
    assertThat(first.status()).as(first.all()).isZero();
    assertThat(first.out())
        .contains(
            "apply: verify engine (checks every step by SQL Server's rules; NOTHING IS RESTORED)")
        .contains("verify engine: verified full")
        .contains("now: 'riverside' STANDBY at ");
    for (String zip : keys.subList(1, keys.size())) {
      deliver(zip);
      Cli.Result night = cli.sync();
      assertThat(night.status()).as(night.all()).isZero();
      assertThat(night.out().lines().filter(l -> l.startsWith("    verify engine: verified log")))
          .as(zip)
          .hasSize(4);
    }
    JsonNode s = status();
    assertThat(s.get("engine").asText()).isEqualTo("verify");
    assertThat(s.get("state").asText()).isEqualTo("ONLINE");
    assertThat(s.get("standby").asBoolean()).isTrue();
    assertThat(s.get("restore_lsn").asText()).isEqualTo(manifest.chainEnd().toDecimalString());
    assertThat(s.get("files_pending").asInt()).isZero();
    assertThat(s.get("last_error").isNull()).isTrue();
    assertThat(s.get("last_file").get("path").asText()).startsWith(keys.get(30) + "!");
    Cli.Result idle = cli.sync();
    assertThat(idle.out()).contains("nothing new to verify").contains("the chain is complete");
  }

  @Test
  void aGapStopsWithLsnGapAndItsRangeThenTheResentLogResumes() throws Exception {
    feed(b -> b.days(3).missingLog(2, 1));
    for (String key : keys()) {
      deliver(key);
    }
    Cli.Result gap = cli.sync();
    SyntheticFeed.GeneratedFile missing = manifest.withheld().get(0);
    assertThat(gap.status()).as(gap.all()).isEqualTo(4);
    assertThat(gap.out())
        .contains("stopped: LSN_GAP: ")
        .contains("missing LSN range " + missing.header().firstLsn().toDecimalString() + " to ");
    JsonNode stuck = status();
    assertThat(stuck.get("last_error").get("code").asText()).isEqualTo("LSN_GAP");
    assertThat(stuck.get("files_pending").asInt()).isEqualTo(2 + 4);
    assertThat(cli.sync().status()).isEqualTo(4);

    Path resent = drop.resolve(missing.path().substring(missing.path().indexOf('!') + 1));
    SyntheticBackupWriter.headerOnly().write(missing.header(), resent);
    Files.setLastModifiedTime(resent, FileTime.from(Instant.parse("2026-11-01T00:00:00Z")));
    Cli.Result resumed = cli.sync();
    assertThat(resumed.status()).as(resumed.all()).isZero();
    JsonNode s = status();
    assertThat(s.get("restore_lsn").asText()).isEqualTo(manifest.chainEnd().toDecimalString());
    assertThat(s.get("files_pending").asInt()).isZero();
    assertThat(s.get("last_error").isNull()).isTrue();
  }

  @Test
  void aNewFullIsNoticedAndReBaselined() throws Exception {
    feed(b -> b.days(4).newFull(3, 1));
    List<String> keys = keys();
    // The initial full, the new full, then the four zips.
    List<String> fulls = keys.stream().filter(k -> k.endsWith(".bak")).toList();
    List<String> zips = keys.stream().filter(k -> k.endsWith(".zip")).toList();
    assertThat(fulls).hasSize(2);
    deliver(fulls.get(0));
    deliver(zips.get(0));
    deliver(zips.get(1));
    assertThat(cli.sync().status()).isZero();
    String before = status().get("restore_lsn").asText();
    deliver(zips.get(2));
    deliver(fulls.get(1));
    Cli.Result r = cli.sync();
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("re-baselined side-by-side onto full " + fulls.get(1).replace(".bak", ""))
        .contains("retired position ")
        .contains("verify engine: verified full")
        .contains(
            "re-baseline: free space check not performed; not checked: no SQL Server is"
                + " configured for this center");
    JsonNode kept = status().get("old_copies");
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).get("name").asText()).startsWith("riverside_cloudsync_old_");
    assertThat(kept.get(0).get("engine").asText()).isEqualTo("verify");
    assertThat(kept.get(0).get("drop_after").asText()).isNotEmpty();
    assertThat(cli.status().out())
        .containsPattern(
            "  old copy: +'riverside_cloudsync_old_\\d{12}' kept since \\S+, dropped by the first"
                + " sync after \\S+\n");
    deliver(zips.get(3));
    assertThat(cli.sync().status()).isZero();
    JsonNode s = status();
    assertThat(s.get("restore_lsn").asText())
        .isEqualTo(manifest.chainEnd().toDecimalString())
        .isNotEqualTo(before);
    assertThat(s.get("files_pending").asInt()).isZero();
  }
}
