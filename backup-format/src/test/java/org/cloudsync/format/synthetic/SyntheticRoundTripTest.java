package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.RecoveryModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the writer writes, the offline reader reads back: every header field, from a file and a
 * stream.
 */
class SyntheticRoundTripTest {
  final SyntheticBackupWriter writer = SyntheticBackupWriter.headerOnly();

  @TempDir Path dir;

  static List<BackupHeader> readFile(Path file) {
    ReadResult r = BackupReader.read(file, file.getFileName().toString());
    assertThat(r).isInstanceOf(ReadResult.Headers.class);
    return ((ReadResult.Headers) r).sets();
  }

  static List<BackupHeader> readStream(byte[] bytes) {
    ReadResult r = BackupReader.read(new ByteArrayInputStream(bytes), "stream.bak");
    assertThat(r).isInstanceOf(ReadResult.Headers.class);
    return ((ReadResult.Headers) r).sets();
  }

  /** The header as the reader should report it: read offline, nothing unknown. */
  static BackupHeader asRead(BackupHeader written, BackupHeader read) {
    return written.toBuilder()
        .source(HeaderSource.OFFLINE)
        .unknownFields(read.unknownFields())
        .copyOnly(read.copyOnly())
        .build();
  }

  void assertRoundTrip(List<BackupHeader> sets, SyntheticBackup backup) throws Exception {
    Path file = dir.resolve("rt-" + UUID.randomUUID() + ".bak");
    backup.writeTo(file);
    List<BackupHeader> fromFile = readFile(file);
    List<BackupHeader> fromStream = readStream(Files.readAllBytes(file));
    assertThat(fromFile).hasSameSizeAs(sets);
    assertThat(backup.headers()).hasSameSizeAs(sets);
    for (int i = 0; i < sets.size(); i++) {
      BackupHeader expected = backup.headers().get(i);
      BackupHeader got = fromFile.get(i);
      assertThat(got.source()).isEqualTo(HeaderSource.OFFLINE);
      List<String> unwritten = new ArrayList<>(List.of("copy_only"));
      if (expected.baseBackupSetGuid() == null) {
        unwritten.add("base_backup_set_guid");
      }
      assertThat(got.unknownFields()).as("fields left unwritten").isSubsetOf(unwritten);
      assertThat(got).usingRecursiveComparison().isEqualTo(asRead(expected, got));
      assertThat(fromStream.get(i)).usingRecursiveComparison().isEqualTo(got);
    }
  }

  @Test
  void fullDiffAndLogReadBackExactly() throws Exception {
    for (BackupHeader h :
        List.of(
            SyntheticBackupWriterTest.full(),
            SyntheticBackupWriterTest.diff(),
            SyntheticBackupWriterTest.log())) {
      assertRoundTrip(List.of(h), writer.encode(h));
    }
  }

  @Test
  void simpleRecoveryChecksumsPasswordAndDataReadBack() throws Exception {
    BackupHeader h =
        SyntheticBackupWriterTest.diff().toBuilder()
            .recoveryModel(RecoveryModel.SIMPLE)
            .hasChecksums(true)
            .mediaPasswordProtected(true)
            .build();
    assertRoundTrip(List.of(h), writer.withDataBytes(1 << 20).encode(h));
  }

  @Test
  void headersWithNullsReadBackAsCompleted() throws Exception {
    BackupHeader bare =
        BackupHeader.builder()
            .backupType(org.cloudsync.format.BackupType.LOG)
            .databaseName("Bare")
            .firstLsn(new Lsn(7, 1, 1))
            .lastLsn(new Lsn(7, 1, 1))
            .backupStartDate(SyntheticBackupWriterTest.START)
            .timeZoneOffset(java.time.ZoneOffset.UTC)
            .backupSetGuid(UUID.fromString("44444444-5555-4666-8777-888888888888"))
            .build();
    assertRoundTrip(List.of(bare), writer.encode(bare));
  }

  @Test
  void severalSetsReadBackEachFromItsOwnBlocks() throws Exception {
    BackupHeader first = SyntheticBackupWriterTest.full();
    BackupHeader second =
        first.toBuilder()
            .position(2)
            .backupSetGuid(UUID.fromString("33333333-4444-4555-8666-777777777777"))
            .firstLsn(new Lsn(0x29, 0x90, 1))
            .lastLsn(new Lsn(0x29, 0x95, 1))
            .checkpointLsn(new Lsn(0x29, 0x90, 1))
            .databaseBackupLsn(first.checkpointLsn())
            .backupStartDate(SyntheticBackupWriterTest.START.plusMinutes(5))
            .backupFinishDate(SyntheticBackupWriterTest.START.plusMinutes(6))
            .build();
    assertRoundTrip(List.of(first, second), writer.encode(List.of(first, second)));
  }

  @Test
  void everyStripeReadsBackAsItsFamily() throws Exception {
    List<BackupHeader> stripes = writer.stripes(SyntheticBackupWriterTest.full(), 2);
    for (BackupHeader h : stripes) {
      assertRoundTrip(List.of(h), writer.encode(h));
    }
  }

  @Test
  void aWholeFeedReadsBackAsItsManifestSays() throws Exception {
    SyntheticFeed.Manifest m =
        SyntheticFeed.builder(
                "ClinicB", SyntheticBackupWriterTest.START, java.time.ZoneOffset.ofHours(1), 5)
            .fullStripes(2)
            .logInterval(java.time.Duration.ofHours(2))
            .build()
            .writeTo(dir);
    List<String> mismatches = new ArrayList<>();
    java.util.Map<String, byte[]> entries = SyntheticFeedTest.entries(dir);
    for (SyntheticFeed.GeneratedFile f : m.files()) {
      List<BackupHeader> read =
          f.path().contains("!")
              ? readStream(entries.get(f.path()))
              : readFile(dir.resolve(f.path()));
      BackupHeader got = read.get(0);
      if (!asRead(f.header(), got).equals(got)) {
        mismatches.add(f.path());
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void damagedFilesFailWithTheRightCode() throws Exception {
    SyntheticBackup intact = writer.withDataBytes(4096).encode(SyntheticBackupWriterTest.log());
    assertFails(
        intact.damaged(SyntheticDamage.flippedBlockHeaderBit("SSET", 20, 1)),
        ErrorCode.MTF_HEADER_CHECKSUM);
    assertFails(
        intact.damaged(SyntheticDamage.flippedStreamHeaderBit("MSLS", "MQCI", 4, 1)),
        ErrorCode.MTF_STREAM_CHECKSUM);
    assertFails(
        intact.damaged(SyntheticDamage.truncatedAt(intact.block("MSLS").offset() + 100)),
        ErrorCode.TRUNCATED);
    assertFails(
        intact.damaged(SyntheticDamage.truncatedAt(intact.block("MSTL").offset() + 0x1000)),
        ErrorCode.TRUNCATED);
    assertFails(
        intact.damaged(SyntheticDamage.streamLengthBeyondEnd("MSCI", "MQCI")), ErrorCode.TRUNCATED);
    assertFails(
        intact.damaged(SyntheticDamage.swappedBlocks("SSET", "VOLB")), ErrorCode.MTF_STRUCTURE);
    assertFails(intact.damaged(SyntheticDamage.garbageTape(1)), ErrorCode.NOT_A_BACKUP);
  }

  void assertFails(SyntheticBackup bad, ErrorCode code) throws Exception {
    Path file = dir.resolve("bad-" + UUID.randomUUID() + ".bak");
    bad.writeTo(file);
    assertThatThrownBy(() -> BackupReader.read(file, "bad.bak"))
        .as(bad.damage())
        .isInstanceOfSatisfying(
            BackupFormatException.class,
            e -> assertThat(e.code()).as(bad.damage()).isEqualTo(code));
    assertThatThrownBy(() -> BackupReader.read(new ByteArrayInputStream(bad.toBytes()), "bad.bak"))
        .as(bad.damage())
        .isInstanceOfSatisfying(
            BackupFormatException.class,
            e -> assertThat(e.code()).as(bad.damage()).isEqualTo(code));
  }
}
