package org.cloudsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.RunOutcome;
import org.cloudsync.ledger.RunRecord;
import org.cloudsync.ledger.RunStore;
import org.cloudsync.testing.ChildJvm;
import org.cloudsync.testing.Drops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code cloudsync sync} processes on one home (child JVMs, {@code org.cloudsync.cli.Main}).
 * The first is held still with SIGSTOP once it holds its center's lock, so the second certainly
 * meets it: on the same center the second reports it busy, naming the first's pid, and exits 0
 * while the first (continued with SIGCONT) completes with the ledger of a single run; on another
 * center the second runs to the end meanwhile; a first killed with SIGKILL leaves the lock free for
 * the next run at once.
 *
 * <p>The ledger is PostgreSQL (embedded, one database per home): with the default H2 file ledger
 * the first process serves the database to the others ({@code AUTO_SERVER}), so a stopped first
 * would stall them for a reason that has nothing to do with the lock.
 */
@Tag("slow")
@Tag("postgres")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SyncConcurrencyTest {
  private static final String LOCK_TAKEN = "SyncCycle: center 'riverside': lock taken";
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static Path riversideDrop;
  private static Path lakesideDrop;
  private static SyntheticFeed.Manifest lakeside;
  private static JsonNode reference;

  @TempDir static Path shared;
  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void feedsAndReference() throws Exception {
    server = EmbeddedPostgres.builder().start();
    riversideDrop = shared.resolve("riverside");
    SyncFixture.feed("riverside")
        .days(4)
        .logInterval(Duration.ofMinutes(30))
        .build()
        .writeTo(riversideDrop);
    Drops.settle(riversideDrop);
    lakesideDrop = shared.resolve("lakeside");
    lakeside = SyncFixture.feed("lakeside").days(1).build().writeTo(lakesideDrop);
    Drops.settle(lakesideDrop);
    Path home = home(shared.resolve("reference"), "riverside");
    assertThat(ChildJvm.cloudsync(home, "sync").waitFor()).isZero();
    reference = SyncCrashTest.ledgerView(home);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void noChildLeft() {
    for (Process p : started) {
      p.destroyForcibly();
    }
  }

  @Test
  void aSecondSyncOfTheSameCenterIsBusyWhileTheFirstCompletesAsASingleRunWould() throws Exception {
    Path home = home(tmp.resolve("home"), "riverside");
    Path log = tmp.resolve("first.log");
    Process first = start(home, log, "--debug", "sync");
    // Its run is recorded once it has begun discovering.
    ChildJvm.awaitLine(first, log, "DiscoverPhase: riverside: ", WAIT);
    ChildJvm.signal(first, "STOP");
    try {
      Output json = run(home, "sync", "--center", "riverside", "--format", "json");
      assertThat(json.status).as(json.err).isZero();
      JsonNode center = new ObjectMapper().readTree(json.out).get("centers").get(0);
      assertThat(center.get("center").asText()).isEqualTo("riverside");
      assertThat(center.get("busy").asBoolean()).isTrue();
      assertThat(center.get("exit_status").asInt()).isZero();
      JsonNode failure = center.get("failures").get(0);
      assertThat(failure.get("phase").asText()).isEqualTo("lock");
      assertThat(failure.get("code").asText()).isEqualTo("CENTER_BUSY");
      assertThat(failure.get("message").asText())
          .startsWith(
              "health center 'riverside' is being synced by another cloudsync process (pid "
                  + first.pid()
                  + " on host ")
          .endsWith("); skipped it");
      assertThat(failure.get("hints")).isNotEmpty();
      assertThat(center.get("counts").get("blobs_fetched").asInt()).isZero();

      Output text = run(home, "sync", "--center", "riverside");
      assertThat(text.status).isZero();
      assertThat(text.out)
          .contains(
              "busy: CENTER_BUSY: health center 'riverside' is being synced by another cloudsync"
                  + " process (pid "
                  + first.pid())
          .contains("hint: that process reports this center's outcome");
      assertThat(runs(home))
          .as("the first's run is not marked interrupted by the others")
          .singleElement()
          .satisfies(r -> assertThat(r.finishedAt()).isNull());
    } finally {
      ChildJvm.signal(first, "CONT");
    }
    assertThat(first.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(log)).isZero();
    assertThat(runs(home)).extracting(RunRecord::outcome).containsExactly(RunOutcome.OK);
    assertThat(SyncCrashTest.ledgerView(home)).isEqualTo(reference);
  }

  @Test
  void aLockHeldByASyncKilledWithSigkillIsFreeForTheNextRun() throws Exception {
    Path home = home(tmp.resolve("home"), "riverside");
    Path log = tmp.resolve("first.log");
    Process first = start(home, log, "--debug", "sync");
    ChildJvm.awaitLine(first, log, "DiscoverPhase: riverside: ", WAIT);
    first.destroyForcibly();
    assertThat(first.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Path lockFile = CloudsyncHome.at(home).locksDir().resolve("riverside.lock");
    assertThat(Files.readString(lockFile)).contains("pid=" + first.pid());

    Output next = run(home, "sync", "--format", "json");
    assertThat(next.status).as(next.err).isZero();
    assertThat(new ObjectMapper().readTree(next.out).get("centers").get(0).get("busy").asBoolean())
        .isFalse();
    assertThat(runs(home))
        .extracting(RunRecord::outcome)
        .containsExactly(RunOutcome.OK, RunOutcome.INTERRUPTED);
    assertThat(SyncCrashTest.ledgerView(home)).isEqualTo(reference);
  }

  @Test
  void differentCentersAreSyncedInParallel() throws Exception {
    Path home = home(tmp.resolve("home"), "riverside", "lakeside");
    Path log = tmp.resolve("first.log");
    Process first = start(home, log, "--debug", "sync", "--center", "riverside");
    ChildJvm.awaitLine(first, log, LOCK_TAKEN, WAIT);
    ChildJvm.signal(first, "STOP");
    try {
      Output lake = run(home, "sync", "--center", "lakeside", "--format", "json");
      assertThat(lake.status).as(lake.err).isZero();
      JsonNode center = new ObjectMapper().readTree(lake.out).get("centers").get(0);
      assertThat(center.get("busy").asBoolean()).isFalse();
      assertThat(center.get("counts").get("files_validated").asInt())
          .isEqualTo(lakeside.files().size());

      // Every center: the held one is skipped, the other is not held up, and all is well (0).
      Output all = run(home, "sync", "--format", "json");
      assertThat(all.status).as(all.err).isZero();
      JsonNode centers = new ObjectMapper().readTree(all.out).get("centers");
      assertThat(centers.get(0).get("center").asText()).isEqualTo("lakeside");
      assertThat(centers.get(0).get("busy").asBoolean()).isFalse();
      assertThat(centers.get(0).get("failures")).isEmpty();
      assertThat(centers.get(1).get("center").asText()).isEqualTo("riverside");
      assertThat(centers.get(1).get("busy").asBoolean()).isTrue();
    } finally {
      ChildJvm.signal(first, "CONT");
    }
    assertThat(first.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(log)).isZero();
  }

  /** An initialised home on a database of its own with the centers named (riverside, lakeside). */
  private static Path home(Path home, String... centers) throws Exception {
    String database = "home" + DATABASES.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    assertThat(ChildJvm.cloudsync(home, "init").waitFor()).isZero();
    Files.writeString(
        home.resolve("cloudsync.properties"),
        "ledger.url=" + server.getJdbcUrl("postgres", database) + "\nledger.user=postgres\n",
        StandardOpenOption.APPEND);
    for (String center : centers) {
      Path drop = center.equals("riverside") ? riversideDrop : lakesideDrop;
      Process add =
          ChildJvm.cloudsync(
              home, "center", "add", center, "--name", center, "--source", "" + drop);
      assertThat(add.waitFor()).isZero();
    }
    return home;
  }

  /** Starts {@code cloudsync ARGS} on {@code home}, its stderr into {@code log}. */
  private Process start(Path home, Path log, String... args) throws IOException {
    ProcessBuilder pb = ChildJvm.builder("org.cloudsync.cli.Main", true, List.of(args));
    pb.environment().put(CloudsyncHome.ENV_HOME, home.toString());
    pb.redirectError(log.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private record Output(int status, String out, String err) {}

  /** Runs {@code cloudsync ARGS} on {@code home} to its end. */
  private Output run(Path home, String... args) throws Exception {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = ChildJvm.builder("org.cloudsync.cli.Main", true, List.of(args));
    pb.environment().put(CloudsyncHome.ENV_HOME, home.toString());
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    started.add(p);
    assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("ended").isTrue();
    return new Output(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<RunRecord> runs(Path home) {
    try (Ledger ledger = Ledger.open(CloudsyncHome.at(home).loadConfig(), Clock.systemUTC())) {
      return new RunStore(ledger).latest(100);
    }
  }
}
