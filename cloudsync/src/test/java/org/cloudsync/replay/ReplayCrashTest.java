package org.cloudsync.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.testing.ChildJvm.cloudsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.testing.ChildJvm;
import org.cloudsync.testing.Drops;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's crash test: {@code cloudsync sync} (which now applies, on the verify engine) runs in
 * a child JVM over a 30-night feed (an initial full and 30 daily zips of 4 logs: 121 backup files)
 * and is killed with SIGKILL ({@code destroyForcibly}) 50 times at random points of the apply phase
 * (fixed seed), counted in the phase's debug lines (a step in flight, applied, recorded: three per
 * step), then run until it completes. The final position must equal that of an uninterrupted run in
 * another home, every file must be verified exactly once and none skipped, and no step may have
 * been verified twice (the verify engine would refuse a repeated log with 4326, and the final run
 * must succeed).
 *
 * <p>The ledger is the default one, the H2 file in the home, as in the intake's crash test: the
 * kills also land in H2's own writes, and its recovery runs before every next run. A run started
 * after a kill first waits about 4 s for H2 to take over the dead process's lock file, so the 50
 * kills the issue asks for take about 4 minutes.
 */
@Tag("slow")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReplayCrashTest {
  private static final int KILLS = 50;
  private static final int NIGHTS = 30;
  private static final long SEED = 20261126L;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  @Test
  void killedTwentyFiveTimesDuringThirtyNightsItEndsWhereAnUninterruptedRunEnds() throws Exception {
    long testStart = System.nanoTime();
    Path drop = tmp.resolve("drop");
    SyntheticFeed.Manifest manifest =
        SyntheticFeed.builder("Riverside", LocalDateTime.of(2026, 1, 4, 22, 0), ZoneOffset.UTC, 5)
            .days(NIGHTS)
            .logInterval(Duration.ofHours(6))
            .build()
            .writeTo(drop);
    Drops.settle(drop);
    Path reference = tmp.resolve("reference");
    Path crashed = tmp.resolve("crashed");
    for (Path home : List.of(reference, crashed)) {
      assertThat(cloudsync(home, "init").waitFor()).isZero();
      assertThat(
              cloudsync(home, "center", "add", "riverside", "--name", "R", "--source", "" + drop)
                  .waitFor())
          .isZero();
    }

    Process uninterrupted = cloudsync(reference, "--debug", "sync");
    int steps = countSteps(uninterrupted, Integer.MAX_VALUE);
    assertThat(uninterrupted.waitFor()).isZero();
    assertThat(steps).as("apply lines of one run").isEqualTo(3 * (1 + NIGHTS * 4));

    Random random = new Random(SEED);
    int killed = 0;
    int linesBeforeKills = 0;
    for (int i = 0; i < KILLS; i++) {
      Process p = cloudsync(crashed, "--debug", "sync");
      int killAfter = random.nextInt(2 * steps / KILLS + 1);
      linesBeforeKills += countSteps(p, killAfter);
      if (p.isAlive()) {
        p.destroyForcibly();
        killed++;
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("killed run ended").isTrue();
    }
    int reruns = 0;
    for (int status = -1; status != 0; reruns++) {
      assertThat(reruns).as("reruns until a sync completes").isLessThan(3);
      status = cloudsync(crashed, "sync").waitFor();
    }

    assertThat(killed).as("runs killed before they ended").isGreaterThanOrEqualTo(KILLS * 3 / 4);
    assertThat(linesBeforeKills).as("apply lines of killed runs").isGreaterThan(steps / 2);
    JsonNode expected = status(reference);
    JsonNode actual = status(crashed);
    assertThat(actual.get("restore_lsn").asText())
        .isEqualTo(expected.get("restore_lsn").asText())
        .isEqualTo(manifest.chainEnd().toDecimalString());
    assertThat(actual.get("state").asText()).isEqualTo("ONLINE");
    assertThat(actual.get("standby").asBoolean()).isTrue();
    assertThat(actual.get("files_pending").asInt()).isZero();
    assertThat(actual.get("last_error").isNull()).as("%s", actual.get("last_error")).isTrue();
    TreeMap<String, String> states = fileStates(crashed);
    assertThat(states).isEqualTo(fileStates(reference)).hasSize(1 + NIGHTS * 4);
    assertThat(states.values())
        .allMatch(v -> v.startsWith("verified | verify engine: verified (LSN "));
    long seconds = (System.nanoTime() - testStart) / 1_000_000_000;
    System.out.printf(
        "replay crash test: %d kills after %d apply lines in all (a run takes %d), %d reruns,"
            + " %d s%n",
        killed, linesBeforeKills, steps, reruns, seconds);
  }

  /** Kills {@code p} after {@code limit} lines of the apply phase (or lets it end). */
  private static int countSteps(Process p, int limit) throws IOException {
    return ChildJvm.killAfter(p, line -> line.contains("ApplyPhase: riverside: "), limit);
  }

  private static JsonNode status(Path home) throws Exception {
    Process p = cloudsync(home, "status", "--format", "json");
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    return new ObjectMapper().readTree(out).get("centers").get(0);
  }

  /** Every backup file's state and reason by blob and entry, from {@code sync --format json}. */
  private static TreeMap<String, String> fileStates(Path home) throws Exception {
    Process p = cloudsync(home, "sync", "--format", "json");
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    JsonNode center = new ObjectMapper().readTree(out).get("centers").get(0);
    TreeMap<String, String> states = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode f : center.get("files")) {
      String key = f.get("blob").asText() + "!" + f.get("entry").asText();
      assertThat(seen.add(key)).as("recorded once: %s", key).isTrue();
      states.put(key, f.get("state").asText() + " | " + f.get("reason").asText());
    }
    return states;
  }
}
