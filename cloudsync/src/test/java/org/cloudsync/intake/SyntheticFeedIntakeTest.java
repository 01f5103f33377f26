package org.cloudsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.synthetic.SyntheticDamage;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.BlobKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole generated feed, blob by blob, as the sync cycle will hand it over. */
class SyntheticFeedIntakeTest {
  @TempDir Path tmp;

  @Test
  void everyBlobOfAFeedIsClassifiedAndEveryFileAccountedFor() throws IOException {
    Path feed = tmp.resolve("feed");
    SyntheticFeed.Manifest manifest =
        SyntheticFeed.builder("Clinic", LocalDateTime.of(2026, 11, 20, 22, 0), ZoneOffset.UTC, 42)
            .days(3)
            .logInterval(Duration.ofHours(6))
            .fullStripes(2)
            .zipFull(true)
            .otherDatabaseLog(2)
            .duplicateLastLog(1)
            .damagedLog(3, 1, SyntheticDamage.truncatedAt(700))
            .build()
            .writeTo(feed);
    Staging staging = new Staging(tmp.resolve("staging"), Clock.systemUTC(), Duration.ofDays(7));
    BlobUnpacker unpacker = new BlobUnpacker(staging, ZipLimits.DEFAULTS);

    Map<String, StagedBlob> blobs = new HashMap<>();
    try (Stream<Path> s = Files.list(feed)) {
      for (Path blob : s.sorted().toList()) {
        String name = blob.getFileName().toString();
        blobs.put(name, unpacker.unpack("c1", name, "v1", blob, IntakeRules.forDatabase("Clinic")));
      }
    }

    assertThat(blobs.get(SyntheticFeed.README).kind()).isEqualTo(BlobKind.OTHER);
    assertThat(blobs.get(SyntheticFeed.README).skipped()).hasSize(1);
    List<StagedBlob> dumps =
        blobs.values().stream().filter(b -> b.kind() == BlobKind.INITIAL_DUMP).toList();
    assertThat(dumps)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.validated()).hasSize(2);
              assertThat(d.validated())
                  .extracting(f -> f.header().familySequenceNumber())
                  .containsExactlyInAnyOrder(1, 2);
            });
    assertThat(blobs.values().stream().filter(b -> b.kind() == BlobKind.LOG_ZIP)).hasSize(3);

    // Every file the manifest delivered is found, with the header it was written with.
    int checked = 0;
    for (SyntheticFeed.GeneratedFile g : manifest.files()) {
      int bang = g.path().indexOf('!');
      String blobName = bang < 0 ? g.path() : g.path().substring(0, bang);
      String entry = bang < 0 ? g.path() : g.path().substring(bang + 1);
      StagedBlob blob = blobs.get(blobName);
      assertThat(blob).as(g.path()).isNotNull();
      List<StagedFile> matches =
          blob.files().stream().filter(f -> f.entryName().equals(entry)).toList();
      assertThat(matches).as(g.path()).hasSize(1);
      StagedFile f = matches.get(0);
      if (g.damage() != null) {
        assertThat(f.state()).as(g.path()).isEqualTo(StagedFile.State.QUARANTINED);
        assertThat(f.errorCode().exitStatus().code()).isEqualTo(3);
      } else if (!g.header().databaseName().equals("Clinic")) {
        assertThat(f.errorCode()).as(g.path()).isEqualTo(ErrorCode.OTHER_DATABASE);
      } else {
        assertThat(f.state()).as(g.path()).isEqualTo(StagedFile.State.VALIDATED);
        assertThat(f.header().firstLsn()).isEqualTo(g.header().firstLsn());
        assertThat(f.header().lastLsn()).isEqualTo(g.header().lastLsn());
        assertThat(f.header().backupSetGuid()).isEqualTo(g.header().backupSetGuid());
      }
      checked++;
    }
    assertThat(checked).isEqualTo(manifest.files().size());
    assertThat(manifest.files(BackupType.LOG)).isNotEmpty();
  }
}
