package org.cloudsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {
  private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");

  /** A clock tests move by hand. */
  static final class SettableClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path tmp;
  private final SettableClock clock = new SettableClock();
  private Staging staging;

  @BeforeEach
  void setUp() {
    staging = new Staging(tmp.resolve("staging"), clock, Duration.ofDays(7));
  }

  private Path write(Path p, int bytes) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[bytes]);
  }

  @Test
  void layoutIsPerCenterAndPerBlobVersion() {
    Path a = staging.blobDirectory("c1", "daily/2026-11-20.zip", "0x8D1");
    Path b = staging.blobDirectory("c1", "daily/2026-11-20.zip", "0x8D2");
    Path q = staging.quarantineDirectory("c1", "daily/2026-11-20.zip", "0x8D1");

    assertThat(a.getParent()).isEqualTo(staging.root().resolve("c1"));
    assertThat(a.getFileName().toString()).matches("daily_2026-11-20\\.zip-[0-9a-f]{8}");
    assertThat(a).isNotEqualTo(b);
    assertThat(q).isEqualTo(staging.root().resolve("c1/quarantine").resolve(a.getFileName()));
    assertThat(staging.incomingFile("c1", "x.zip", null).getParent())
        .isEqualTo(staging.incomingDirectory("c1"))
        .isEqualTo(staging.root().resolve("c1/incoming"));
    assertThat(staging.blobDirectory("c1", "quarantine", null).getFileName().toString())
        .isNotEqualTo("quarantine");
    assertThat(staging.blobDirectory("c1", "../../etc", null).getParent())
        .isEqualTo(staging.root().resolve("c1"));
  }

  @Test
  void centerIdsMustBeSafeDirectoryNames() {
    for (String bad : new String[] {"", "..", "../x", "a/b", ".hidden", "a b"}) {
      assertThatThrownBy(() -> staging.centerDirectory(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void diskUseIsReportedPerCenterAndKind() throws IOException {
    write(staging.blobDirectory("c1", "a.zip", null).resolve("x.trn"), 1000);
    write(staging.blobDirectory("c1", "b.zip", null).resolve("sub/y.trn"), 500);
    write(staging.quarantineDirectory("c1", "a.zip", null).resolve("z.trn"), 70);
    write(staging.incomingFile("c1", "c.zip", "e"), 3);
    write(staging.blobDirectory("c2", "a.zip", null).resolve("x.trn"), 11);

    assertThat(staging.usage("c1")).isEqualTo(new StagingUsage("c1", 1500, 70, 3));
    assertThat(staging.usage("c1").totalBytes()).isEqualTo(1573);
    assertThat(staging.usage())
        .containsExactly(new StagingUsage("c1", 1500, 70, 3), new StagingUsage("c2", 11, 0, 0));
    assertThat(staging.usage("nobody")).isEqualTo(new StagingUsage("nobody", 0, 0, 0));
  }

  @Test
  void appliedFilesAreRemovedOnlyOnceTheRetentionHasPassed() throws IOException {
    Path applied = write(staging.blobDirectory("c1", "a.zip", null).resolve("sub/x.trn"), 10);
    Path pending = write(staging.blobDirectory("c1", "a.zip", null).resolve("y.trn"), 10);
    Map<Path, Instant> appliedAt = Map.of(applied, T0);

    clock.now = T0.plus(Duration.ofDays(7)).minusSeconds(1);
    assertThat(staging.purge("c1", appliedAt)).isEmpty();
    assertThat(applied).exists();

    clock.now = T0.plus(Duration.ofDays(7));
    assertThat(staging.purge("c1", appliedAt)).containsExactly(applied);
    assertThat(applied).doesNotExist();
    assertThat(applied.getParent()).doesNotExist(); // emptied directory removed
    assertThat(pending).exists(); // never applied: never removed
    assertThat(staging.purge("c1", appliedAt)).isEmpty(); // again: nothing to do
  }

  @Test
  void purgeNeverTouchesQuarantineIncomingOrOtherCenters() throws IOException {
    Path quarantined = write(staging.quarantineDirectory("c1", "a.zip", null).resolve("x.trn"), 1);
    Path incoming = write(staging.incomingFile("c1", "b.zip", null), 1);
    Path otherCenter = write(staging.blobDirectory("c2", "a.zip", null).resolve("x.trn"), 1);
    Path outside = write(tmp.resolve("elsewhere/x.trn"), 1);
    clock.now = T0.plus(Duration.ofDays(365));

    var removed =
        staging.purge("c1", Map.of(quarantined, T0, incoming, T0, otherCenter, T0, outside, T0));

    assertThat(removed).isEmpty();
    assertThat(quarantined).exists();
    assertThat(incoming).exists();
    assertThat(otherCenter).exists();
    assertThat(outside).exists();
  }
}
