package org.cloudsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.intake.ZipLimits;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobKind;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.BlobState;
import org.cloudsync.ledger.FileState;
import org.cloudsync.source.StagingDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs, end to end through the cycle: each ends in a recorded, explained ledger
 * state and a failure with a code and hints, and nothing already validated is lost.
 */
class SyncBadInputTest {
  static final String FULL = "riverside_FULL_20261101_220000.bak";
  static final String DAY1 = "riverside_20261102.zip";
  static final String DAY2 = "riverside_20261103.zip";

  @TempDir Path tmp;
  SyncFixture fx;
  Path feed;
  Path drop;

  @BeforeEach
  void setUp() throws IOException {
    fx = new SyncFixture(tmp);
    feed = fx.generate("feed", SyncFixture.feed("riverside").days(2));
    drop = fx.directoryCenter("riverside");
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private void deliver(String name) throws IOException {
    Files.copy(feed.resolve(name), drop.resolve(name));
  }

  private void deliver(String name, byte[] content) throws IOException {
    Files.write(drop.resolve(name), content);
  }

  private BlobRecord blob(String name) {
    return fx.blobs("riverside").stream()
        .filter(b -> b.version().name().equals(name))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no blob " + name));
  }

  private List<BackupFileRecord> files(FileState state) {
    return fx.files("riverside").stream().filter(f -> f.state() == state).toList();
  }

  private static CenterReport.Failure failure(CenterReport r, String subject) {
    return r.failures().stream()
        .filter(f -> subject.equals(f.subject()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failure for " + subject + ": " + r.failures()));
  }

  @Test
  void corruptTruncatedEmptyAndOversizedZipsAreQuarantinedOrIgnoredWithTheirReasons()
      throws IOException {
    deliver(FULL);
    byte[] corrupt = new byte[4000];
    new Random(1).nextBytes(corrupt);
    corrupt[0] = 'P';
    corrupt[1] = 'K';
    corrupt[2] = 3;
    corrupt[3] = 4;
    deliver("corrupt.zip", corrupt);
    byte[] day1 = Files.readAllBytes(feed.resolve(DAY1));
    deliver("truncated.zip", java.util.Arrays.copyOf(day1, day1.length / 2));
    deliver("empty.zip", SyncFixture.zip(Map.of()));
    deliver("zero-bytes.zip", new byte[0]);
    deliver("oversized.zip", SyncFixture.zip(Map.of("huge.trn", new byte[3 << 20])));
    fx.settings = fx.settings.withZipLimits(new ZipLimits(2L << 20, 100_000, 1000));

    CenterReport r = fx.sync("riverside");

    assertThat(blob("corrupt.zip").state()).isEqualTo(BlobState.QUARANTINED);
    assertThat(blob("corrupt.zip").errorCode()).isEqualTo("ZIP_INVALID");
    assertThat(blob("truncated.zip").state()).isEqualTo(BlobState.QUARANTINED);
    assertThat(blob("truncated.zip").errorCode()).isEqualTo("ZIP_INVALID");
    assertThat(blob("oversized.zip").state()).isEqualTo(BlobState.QUARANTINED);
    assertThat(blob("oversized.zip").errorCode()).isEqualTo("ZIP_TOO_LARGE");
    for (String name : List.of("corrupt.zip", "truncated.zip", "oversized.zip")) {
      CenterReport.Failure f = failure(r, name);
      assertThat(f.phase()).isEqualTo("unpack");
      assertThat(f.message()).contains(name);
      assertThat(f.hints()).isNotEmpty();
      assertThat(blob(name).reason()).isNotBlank();
    }
    for (String name : List.of("empty.zip", "zero-bytes.zip")) {
      assertThat(blob(name).state()).as(name).isEqualTo(BlobState.IGNORED);
      assertThat(blob(name).kind()).isEqualTo(BlobKind.OTHER);
      assertThat(blob(name).reason()).as(name).isNotBlank();
    }
    assertThat(blob(FULL).kind()).isEqualTo(BlobKind.INITIAL_DUMP);
    assertThat(files(FileState.VALIDATED)).hasSize(1);
    assertThat(r.plan().steps()).extracting(RestoreStep::type).containsExactly(BackupType.FULL);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
  }

  @Test
  void zipEntriesEscapingStagingAreQuarantinedAndTheOthersTaken() throws IOException {
    deliver(FULL);
    Map<String, byte[]> logs = SyncFixture.entries(feed.resolve(DAY1));
    List<String> names = List.copyOf(logs.keySet());
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put("../../escaped.trn", logs.get(names.get(0)));
    hostile.put("/etc/cloudsync-absolute.trn", logs.get(names.get(1)));
    hostile.put(names.get(2), logs.get(names.get(2)));
    deliver("hostile.zip", SyncFixture.zip(hostile));

    CenterReport r = fx.sync("riverside");

    List<BackupFileRecord> quarantined = files(FileState.QUARANTINED);
    assertThat(quarantined)
        .extracting(BackupFileRecord::entryPath)
        .containsExactlyInAnyOrder("../../escaped.trn", "/etc/cloudsync-absolute.trn");
    assertThat(quarantined)
        .allSatisfy(
            f -> {
              assertThat(f.errorCode()).isEqualTo("ZIP_UNSAFE_ENTRY");
              assertThat(f.reason()).isNotBlank();
            });
    assertThat(files(FileState.VALIDATED))
        .extracting(BackupFileRecord::entryPath)
        .containsExactlyInAnyOrder(FULL, names.get(2));
    assertThat(blob("hostile.zip").state()).isEqualTo(BlobState.UNPACKED);
    try (var all = Files.walk(tmp)) {
      assertThat(all.filter(p -> p.getFileName().toString().equals("escaped.trn"))).isEmpty();
    }
    assertThat(Path.of("/etc/cloudsync-absolute.trn")).doesNotExist();
    assertThat(r.counts().filesQuarantined()).isEqualTo(2);
    // The two refused logs leave a gap before the third: 4 (chain incomplete) outranks 3.
    assertThat(r.plan().problems()).extracting(p -> p.code()).containsExactly(ErrorCode.LSN_GAP);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.CHAIN_INCOMPLETE);
  }

  @Test
  void aLogOfAnotherDatabaseIsQuarantinedNamingBothDatabases() throws IOException {
    feed = fx.generate("foreign", SyncFixture.feed("riverside").days(1).otherDatabaseLog(1));
    deliver(FULL);
    deliver(DAY1);

    CenterReport r = fx.sync("riverside");

    List<BackupFileRecord> quarantined = files(FileState.QUARANTINED);
    assertThat(quarantined).hasSize(1);
    BackupFileRecord foreign = quarantined.get(0);
    assertThat(foreign.errorCode()).isEqualTo("OTHER_DATABASE");
    assertThat(foreign.reason())
        .contains("'" + foreign.header().databaseName() + "'")
        .contains("takes 'riverside' (the database of its initial dump)")
        .contains("hint:");
    assertThat(files(FileState.VALIDATED)).hasSize(5); // the full and day 1's four logs
    assertThat(r.plan().problems()).isEmpty();
    assertThat(r.plan().steps()).hasSize(5);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
  }

  @Test
  void theSameLogInTwoZipsIsRecordedTwiceAndPlannedOnce() throws IOException {
    feed = fx.generate("dup", SyncFixture.feed("riverside").days(2).duplicateLastLog(1));
    deliver(FULL);
    deliver(DAY1);
    deliver(DAY2);

    CenterReport r = fx.sync("riverside");

    List<BackupFileRecord> validated = files(FileState.VALIDATED);
    assertThat(validated).hasSize(1 + 4 + 5);
    long distinct = validated.stream().map(f -> f.header().backupSetGuid()).distinct().count();
    assertThat(distinct).isEqualTo(1 + 8);
    assertThat(r.plan().problems()).isEmpty();
    assertThat(r.plan().steps()).hasSize(1 + 8);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.OK);
  }

  @Test
  void blobsDeletedOrReplacedBetweenListingAndDownloadAreGoneAndTheNewVersionIsTaken()
      throws IOException {
    deliver(FULL);
    deliver(DAY1);
    deliver(DAY2);
    fx.beforeOpen.put(DAY1, b -> delete(drop.resolve(DAY1)));
    fx.beforeOpen.put(DAY2, b -> replace(drop.resolve(DAY2), feed.resolve(DAY2)));

    CenterReport first = fx.sync("riverside");

    assertThat(blob(DAY1).state()).isEqualTo(BlobState.GONE);
    assertThat(blob(DAY1).errorCode()).isEqualTo("BLOB_VANISHED");
    assertThat(blob(DAY2).state()).isEqualTo(BlobState.GONE);
    assertThat(blob(DAY2).errorCode()).isEqualTo("BLOB_CHANGED");
    assertThat(failure(first, DAY1).hints()).isNotEmpty();
    assertThat(first.counts().blobsGone()).isEqualTo(2);
    assertThat(first.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);
    assertThat(files(FileState.VALIDATED)).hasSize(1);

    CenterReport second = fx.sync("riverside");

    assertThat(second.counts().blobsNew()).isEqualTo(1); // day 2's new version
    assertThat(fx.blobs("riverside")).filteredOn(b -> b.version().name().equals(DAY2)).hasSize(2);
    assertThat(blob(DAY2).state()).isEqualTo(BlobState.UNPACKED);
    assertThat(files(FileState.VALIDATED)).hasSize(1 + 4);
    assertThat(second.exitStatus()).isEqualTo(ExitStatus.CHAIN_INCOMPLETE); // day 1 is missing
    assertThat(second.plan().problems())
        .extracting(p -> p.code())
        .containsExactly(ErrorCode.LSN_GAP);
  }

  @Test
  void aFullDiskStopsFetchingKeepsWhatIsValidatedAndTheNextRunCatchesUp() throws IOException {
    deliver(FULL);
    deliver(DAY1);
    CenterReport first = fx.sync("riverside");
    assertThat(first.exitStatus()).isEqualTo(ExitStatus.OK);
    deliver(DAY2);
    SyncCycle.Settings normal = fx.settings;
    fx.settings = normal.withDisk(new NoSpace());

    CenterReport full = fx.sync("riverside");

    CenterReport.Failure f = failure(full, DAY2);
    assertThat(f.code()).isEqualTo(ErrorCode.DISK_FULL);
    assertThat(f.phase()).isEqualTo("fetch");
    assertThat(f.hints()).anySatisfy(h -> assertThat(h).contains("next run tries again"));
    assertThat(blob(DAY2).state()).isEqualTo(BlobState.DISCOVERED);
    assertThat(files(FileState.VALIDATED)).hasSize(5);
    assertThat(full.plan().steps()).hasSize(5);
    assertThat(full.exitStatus()).isEqualTo(ExitStatus.INPUT_INVALID);

    fx.settings = normal;
    CenterReport after = fx.sync("riverside");

    assertThat(after.counts().blobsFetched()).isEqualTo(1);
    assertThat(blob(DAY2).state()).isEqualTo(BlobState.UNPACKED);
    assertThat(after.plan().steps()).hasSize(9);
    assertThat(after.exitStatus()).isEqualTo(ExitStatus.OK);
  }

  /** A staging disk with no free space. */
  private static final class NoSpace implements StagingDisk {
    @Override
    public long usableSpace(Path directory) {
      return 0;
    }

    @Override
    public java.nio.channels.FileChannel open(Path file, java.nio.file.OpenOption... options)
        throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
      StagingDisk.SYSTEM.moveAtomically(from, to);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Rewrites {@code file} with other bytes and another modification time. */
  private static void replace(Path file, Path from) {
    try {
      Map<String, byte[]> entries = SyncFixture.entries(from);
      Files.write(file, SyncFixture.zip(entries));
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-04T01:00:00Z")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
