package org.cloudsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.testing.ChildJvm.cloudsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.RunOutcome;
import org.cloudsync.ledger.RunRecord;
import org.cloudsync.ledger.RunStore;
import org.cloudsync.testing.ChildJvm;
import org.cloudsync.testing.Drops;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: {@code cloudsync sync} runs in a child JVM ({@code org.cloudsync.cli.Main} on this
 * test's class path) over a generated feed (an initial full and 4 daily zips, 193 backup files) and
 * is killed with SIGKILL at random points (fixed seed), then run until it completes. The kill
 * points are counted in ledger steps: the child runs with {@code --debug} and each state change
 * logs one line ({@code DiscoverPhase: riverside: blob 'x' discovered}); a run is killed right
 * after a random number of such lines, spread so that the kills together cover the whole cycle
 * (discover, fetch, unpack, validate; plan and the run record at the end).
 *
 * <p>Then the ledger must equal that of an uninterrupted run in another home: the same blobs,
 * files, states, reasons, headers and plan, nothing twice; every killed run that had opened a run
 * record is closed as interrupted.
 *
 * <p>The ledger is the default one, the H2 file in the home, so the kills also land in H2's own
 * writes and its recovery runs before every next run. (On H2 2.5.252 one such kill once left a
 * commit that H2 never finished, and every later insert into {@code backup_files} spun forever: see
 * {@code H2CommitInFlightTest}.) The test has timeouts so that nothing can hang the build.
 *
 * <p>{@code bench/crash-soak.sh} runs it many times over: the system properties {@code
 * cloudsync.crash.seed} and {@code cloudsync.crash.kills} replace the fixed seed and the number of
 * kills, {@code cloudsync.crash.centers} the number of centers (each its own feed, synced 4 at a
 * time), and {@code cloudsync.crash.h2Options} replaces the options of the default H2 URL (e.g.
 * {@code AUTO_SERVER=TRUE} alone, to run without {@code WRITE_DELAY=0}).
 */
@Tag("slow")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SyncCrashTest {
  private static final int KILLS = Integer.getInteger("cloudsync.crash.kills", 20);
  private static final long SEED = Long.getLong("cloudsync.crash.seed", 20261126L);
  private static final String H2_OPTIONS = System.getProperty("cloudsync.crash.h2Options");

  /** Centers synced at once (each its own feed; {@code sync --parallel} runs up to 4 together). */
  private static final int CENTERS = Integer.getInteger("cloudsync.crash.centers", 1);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  @Test
  void killedAtRandomPointsItEndsWithTheLedgerOfAnUninterruptedRun() throws Exception {
    List<String> centers = new java.util.ArrayList<>();
    SyntheticFeed.Manifest manifest = null;
    for (int i = 0; i < CENTERS; i++) {
      String center = i == 0 ? "riverside" : "center" + (i + 1);
      centers.add(center);
      Path drop = tmp.resolve("drop").resolve(center);
      manifest =
          SyncFixture.feed(center)
              .days(4)
              .logInterval(Duration.ofMinutes(30))
              .build()
              .writeTo(drop);
      Drops.settle(drop);
    }
    Path reference = tmp.resolve("reference");
    Path crashed = tmp.resolve("crashed");
    for (Path home : List.of(reference, crashed)) {
      assertThat(cloudsync(home, "init").waitFor()).isZero();
      if (H2_OPTIONS != null) {
        Files.writeString(
            CloudsyncHome.at(home).configFile(),
            "ledger.url=jdbc:h2:file:" + home.resolve("ledger") + ";" + H2_OPTIONS + "\n",
            StandardOpenOption.APPEND);
      }
      for (String center : centers) {
        Path drop = tmp.resolve("drop").resolve(center);
        assertThat(
                cloudsync(home, "center", "add", center, "--name", "R", "--source", "" + drop)
                    .waitFor())
            .isZero();
      }
    }

    long start = System.nanoTime();
    Process uninterrupted = cloudsync(reference, "--debug", "sync");
    int steps = countSteps(uninterrupted, Integer.MAX_VALUE);
    assertThat(uninterrupted.waitFor()).isZero();
    long uninterruptedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(steps)
        .as("ledger steps of one run")
        .isGreaterThan(2 * CENTERS * manifest.files().size());

    Random random = new Random(SEED);
    int killed = 0;
    int stepsBeforeKills = 0;
    for (int i = 0; i < KILLS; i++) {
      Process p = cloudsync(crashed, "--debug", "sync");
      int killAfter = random.nextInt(2 * steps / KILLS + 1);
      stepsBeforeKills += countSteps(p, killAfter);
      p.destroyForcibly();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("killed run ended").isTrue();
      // Killed (by countSteps or here) unless it had ended on its own with status 0.
      if (p.exitValue() != 0) {
        killed++;
      }
    }
    int reruns = 0;
    for (String out = ""; ; reruns++) {
      assertThat(reruns).as("reruns until a sync completes; the last said:%n%s", out).isLessThan(3);
      Process p = cloudsync(crashed, "sync", "--format", "json");
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() == 0) {
        break;
      }
    }

    // The ledger first: a run whose kills fell short below still says whether the ledger held.
    JsonNode expected = ledgerView(reference);
    JsonNode actual = ledgerView(crashed);
    assertThat(actual.size()).isEqualTo(CENTERS);
    for (JsonNode center : actual) {
      assertThat(center.get("files")).hasSize(manifest.files().size());
      assertNoDuplicates(center);
    }
    assertThat(actual).isEqualTo(expected);
    System.out.printf("crash test (seed %d): the ledger equals an uninterrupted run's%n", SEED);

    assertThat(killed).as("runs killed before they ended").isGreaterThanOrEqualTo(KILLS * 3 / 4);
    assertThat(stepsBeforeKills).as("ledger steps taken by killed runs").isGreaterThan(steps / 2);
    List<RunRecord> runs = runs(crashed);
    assertThat(runs).allSatisfy(r -> assertThat(r.finishedAt()).isNotNull());
    long interrupted = runs.stream().filter(r -> r.outcome() == RunOutcome.INTERRUPTED).count();
    assertThat(interrupted)
        .as("run records (one per center) that killed syncs had opened")
        .isBetween(1L, (long) killed * CENTERS);
    System.out.printf(
        "crash test (seed %d): %d kills after %d ledger steps in all (a run takes %d steps, %d ms),"
            + " %d runs interrupted, %d reruns%n",
        SEED, killed, stepsBeforeKills, steps, uninterruptedMillis, interrupted, reruns);
  }

  /** Kills {@code p} after {@code limit} ledger steps (or lets it end); returns the steps seen. */
  private static int countSteps(Process p, int limit) throws IOException {
    return ChildJvm.killAfter(
        p, line -> line.matches(".*(Discover|Fetch|Unpack|Validate)Phase: [a-z0-9-]+: .*"), limit);
  }

  /**
   * What the ledger holds for each center (by id), through a final {@code sync --format json}
   * (which fetches nothing more): blobs and files without their times, and the plan.
   */
  static JsonNode ledgerView(Path home) throws Exception {
    Process p = cloudsync(home, "sync", "--format", "json");
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    ObjectNode views = new ObjectMapper().createObjectNode();
    for (JsonNode center : new ObjectMapper().readTree(out).get("centers")) {
      assertThat(center.get("counts").get("blobs_fetched").asInt()).isZero();
      ObjectNode view = views.putObject(center.get("center").asText());
      ArrayNode blobs = view.putArray("blobs");
      for (JsonNode b : center.get("blobs")) {
        ObjectNode copy = b.deepCopy();
        copy.remove("first_seen");
        blobs.add(copy);
      }
      view.set("files", center.get("files"));
      view.set("plan", center.get("plan"));
    }
    return views;
  }

  private static void assertNoDuplicates(JsonNode view) {
    Set<String> blobs = new HashSet<>();
    for (JsonNode b : view.get("blobs")) {
      assertThat(blobs.add(b.get("name").asText() + "@" + b.get("etag").asText())).isTrue();
    }
    Set<String> files = new HashSet<>();
    for (JsonNode f : view.get("files")) {
      assertThat(files.add(f.get("blob").asText() + "!" + f.get("entry").asText())).isTrue();
    }
  }

  private List<RunRecord> runs(Path home) {
    CloudsyncHome h = CloudsyncHome.at(home);
    try (Ledger ledger = Ledger.open(h.loadConfig(), Clock.systemUTC())) {
      return new RunStore(ledger).latest(1000);
    }
  }
}
