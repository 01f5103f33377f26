package org.cloudsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cycle over directory sources: idempotent, centers independent, distinct states. */
class SyncCycleTest {
  static final String FULL = "riverside_FULL_20261101_220000.bak";
  static final String DAY1 = "riverside_20261102.zip";
  static final String DAY2 = "riverside_20261103.zip";

  @TempDir Path tmp;
  SyncFixture fx;
  Path feed;

  @BeforeEach
  void setUp() {
    fx = new SyncFixture(tmp);
    feed = fx.generate("feed", SyncFixture.feed("riverside").days(2));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private Path center(String id, String... names) throws IOException {
    Path drop = fx.directoryCenter(id);
    for (String n : names) {
      Files.copy(feed.resolve(n), drop.resolve(n));
    }
    return drop;
  }

  @Test
  void aSecondRunOpensNoBlobAndChangesNothing() throws IOException {
    center("riverside", FULL, DAY1, DAY2);

    CenterReport first = fx.sync("riverside");
    int opened = fx.opened.size();
    CenterReport second = fx.sync("riverside");

    assertThat(opened).isEqualTo(3);
    assertThat(fx.opened).hasSize(opened);
    assertThat(second.counts()).isEqualTo(new CenterReport.Counts(0, 3, 0, 0, 0, 0, 0, 0));
    assertThat(second.files()).isEqualTo(first.files());
    assertThat(second.blobs()).isEqualTo(first.blobs());
    assertThat(second.plan()).isEqualTo(first.plan());
  }

  @Test
  void aCenterWithABadZipDoesNotHoldBackAnother() throws IOException {
    Path bad = center("a-bad", FULL);
    Files.write(bad.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    center("b-good", FULL, DAY1, DAY2);

    SyncReport report = fx.sync();

    CenterReport a = report.centers().get(0);
    CenterReport b = report.centers().get(1);
    assertThat(a.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
    assertThat(a.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.subject()).isEqualTo("broken.zip"));
    assertThat(a.plan().steps()).hasSize(1);
    assertThat(b.exitStatus()).isEqualTo(ExitStatus.OK);
    assertThat(b.plan().steps()).hasSize(9);
    assertThat(report.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
  }

  @Test
  void centersRunInParallelAndEndAsTheyWouldOneAfterTheOther() throws Exception {
    List<String> ids = List.of("c-1", "c-2", "c-3", "c-4");
    for (String id : ids) {
      center(id, FULL, DAY1, DAY2);
    }
    Files.write(fx.root.resolve("drops/c-3/broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    center("one-by-one", FULL, DAY1, DAY2);
    CenterReport alone = fx.sync("one-by-one");
    // Three centers must be listing at the same time, or the barrier breaks and their sources
    // fail: the cycle really runs them at once.
    CyclicBarrier together = new CyclicBarrier(3);
    AtomicInteger listed = new AtomicInteger();
    fx.beforeList =
        () -> {
          if (listed.incrementAndGet() > 3) {
            return;
          }
          try {
            together.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("centers did not run in parallel", e);
          }
        };
    fx.settings = fx.settings.withParallelCenters(3);

    SyncReport report =
        new SyncCycle(fx.ledger, fx.sources(), fx.settings)
            .run(ids.stream().map(fx::center).toList(), false);

    assertThat(report.centers())
        .extracting(CenterReport::center)
        .extracting(c -> c.value())
        .containsExactlyElementsOf(ids);
    for (CenterReport r : report.centers()) {
      assertThat(r.plan()).as(r.center().value()).isEqualTo(alone.plan());
      assertThat(fx.files(r.center().value()))
          .extracting(BackupFileRecord::entryPath, BackupFileRecord::state)
          .containsExactlyInAnyOrderElementsOf(
              fx.files("one-by-one").stream()
                  .map(f -> org.assertj.core.groups.Tuple.tuple(f.entryPath(), f.state()))
                  .toList());
    }
    assertThat(report.centers().get(2).exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
    assertThat(report.centers().get(3).exitStatus()).isEqualTo(ExitStatus.OK);
    assertThat(report.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
  }

  @Test
  void aLogOnlySqlServerCanReadStaysStagedWithTheReadersCode() throws IOException {
    Path drop = center("riverside", FULL);
    Map<String, byte[]> logs = new LinkedHashMap<>(SyncFixture.entries(feed.resolve(DAY1)));
    String first = logs.keySet().iterator().next();
    logs.put(first, encrypted(logs.get(first)));
    Files.write(drop.resolve(DAY1), SyncFixture.zip(logs));

    CenterReport r = fx.sync("riverside");
    CenterReport again = fx.sync("riverside");

    BackupFileRecord waiting =
        fx.files("riverside").stream()
            .filter(f -> f.entryPath().equals(first))
            .findFirst()
            .orElseThrow();
    assertThat(waiting.state()).isEqualTo(FileState.STAGED);
    assertThat(waiting.errorCode()).isEqualTo("BACKUP_ENCRYPTED");
    assertThat(waiting.reason()).contains("RESTORE HEADERONLY");
    assertThat(r.counts().filesAwaitingServer()).isEqualTo(1);
    assertThat(r.counts().filesQuarantined()).isZero();
    assertThat(again.counts().filesAwaitingServer()).isEqualTo(1);
    // The first log is missing from the offline chain until SQL Server reads its header.
    assertThat(r.plan().steps()).hasSize(1);
    assertThat(r.plan().problems()).isNotEmpty();
  }

  @Test
  void aPausedCenterIsLeftAlone() throws IOException {
    center("riverside", FULL, DAY1);
    fx.centers.pause(new CenterId("riverside"));

    SyncReport report = fx.sync();

    assertThat(report.centers()).singleElement().satisfies(c -> assertThat(c.paused()).isTrue());
    assertThat(fx.blobs("riverside")).isEmpty();
    assertThat(fx.opened).isEmpty();
    assertThat(report.exitStatus()).isEqualTo(ExitStatus.OK);
  }

  /** The backup with its TAPE block's first stream naming encryption (header checksum redone). */
  private static byte[] encrypted(byte[] backup) {
    byte[] copy = backup.clone();
    ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
    int stream = b.getShort(8) & 0xFFFF;
    b.putShort(stream + 16, (short) 1);
    int xor = 0;
    for (int i = 0; i < 10; i++) {
      xor ^= b.getShort(stream + 2 * i) & 0xFFFF;
    }
    b.putShort(stream + 20, (short) xor);
    return copy;
  }
}
