package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticBackupWriterTest {
  static final UUID FULL_GUID = UUID.fromString("6f1d2c3b-4a59-4687-9a1b-2c3d4e5f6071");
  static final UUID FORK = UUID.fromString("a1b2c3d4-e5f6-4718-8293-a4b5c6d7e8f9");
  static final UUID MEDIA = UUID.fromString("0badc0de-1234-4567-89ab-cdef01234567");
  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 1, 15, 42);

  final SyntheticBackupWriter writer = SyntheticBackupWriter.headerOnly();

  static BackupHeader full() {
    return BackupHeader.builder()
        .backupType(BackupType.FULL)
        .databaseName("ClinicA")
        .firstLsn(new Lsn(0x29, 0x3E, 0xAA))
        .lastLsn(new Lsn(0x29, 0x84, 1))
        .checkpointLsn(new Lsn(0x29, 0x3E, 0xAA))
        .databaseBackupLsn(new Lsn(0x20, 0x11, 3))
        .backupStartDate(START)
        .backupFinishDate(START.plusSeconds(75))
        .timeZoneOffset(ZoneOffset.ofHoursMinutes(-5, 0))
        .backupSetGuid(FULL_GUID)
        .recoveryForkId(FORK)
        .mediaSetId(MEDIA)
        .mediaFamilyId(0x1234_5678L)
        .softwareVersion(new SoftwareVersion(13, 0, 5081))
        .serverName("SYNTHETIC\\SQL1")
        .machineName("SYNTHETIC-HOST")
        .userName("cloudsync-synthetic")
        .backupSize(3_145_728L)
        .compressedBackupSize(3_145_728L)
        .files(
            List.of(
                new DatabaseFile(1, 1, "ClinicA", "D:\\Data\\ClinicA.mdf", 8_388_608L),
                new DatabaseFile(2, 0, "ClinicA_log", "L:\\Log\\ClinicA_log.ldf", 2_097_152L)))
        .build();
  }

  static BackupHeader diff() {
    return full().toBuilder()
        .backupType(BackupType.DIFFERENTIAL)
        .firstLsn(new Lsn(0x29, 0xAD, 0x26))
        .lastLsn(new Lsn(0x29, 0xBE, 1))
        .checkpointLsn(new Lsn(0x29, 0xAD, 0x26))
        .databaseBackupLsn(new Lsn(0x29, 0x3E, 0xAA))
        .differentialBaseLsn(new Lsn(0x29, 0x3E, 0xAA))
        .differentialBaseGuid(FULL_GUID)
        .baseBackupSetGuid(FULL_GUID)
        .backupSetGuid(UUID.fromString("11111111-2222-4333-8444-555555555555"))
        .build();
  }

  static BackupHeader log() {
    return full().toBuilder()
        .backupType(BackupType.LOG)
        .firstLsn(new Lsn(0x29, 0x3E, 0xAA))
        .lastLsn(new Lsn(0x29, 0x99, 1))
        .checkpointLsn(new Lsn(0x29, 0x3E, 0xAA))
        .databaseBackupLsn(new Lsn(0x29, 0x3E, 0xAA))
        .baseBackupSetGuid(FULL_GUID)
        .backupSetGuid(UUID.fromString("22222222-3333-4444-8555-666666666666"))
        .build();
  }

  static MtfScan scan(SyntheticBackup backup) {
    return new MtfScan(backup.toBytes());
  }

  static MtfScan scan(Path file) throws IOException {
    return new MtfScan(Files.readAllBytes(file));
  }

  /** Block types, each with its stream ids, as one comparable list. */
  static List<String> shape(MtfScan s) {
    return s.blocks.stream().map(b -> b.type() + b.streamIds()).toList();
  }

  @Test
  void everyBlockIs512AlignedAndEveryChecksumHolds() {
    for (BackupHeader h : List.of(full(), diff(), log())) {
      SyntheticBackup backup = writer.withDataBytes(40_000).encode(h);
      MtfScan s = scan(backup);
      assertThat(s.blocks).hasSizeGreaterThan(10);
      assertThat(s.blocks).allSatisfy(b -> assertThat(b.offset() % 512).isZero());
      assertThat(s.blocks).allSatisfy(b -> assertThat(b.checksumOk()).isTrue());
      assertThat(s.blocks)
          .flatMap(MtfScan.ScannedBlock::streams)
          .allSatisfy(st -> assertThat(st.checksumOk()).as(st.id()).isTrue());
      int end =
          s.blocks.get(s.blocks.size() - 1).offset() + s.blocks.get(s.blocks.size() - 1).length();
      assertThat(end).isEqualTo(backup.size()).isEqualTo(s.b.length);
    }
  }

  @Test
  void blockAndStreamOrderIsThatOfRealSqlServer2008R2Files() throws IOException {
    Path clean = Corpus.backups().resolve("RestoreTimeClean");
    assertThat(shape(scan(writer.encode(full()))))
        .isEqualTo(shape(scan(clean.resolve("RestoreTimeClean.bak"))));
    assertThat(shape(scan(writer.encode(diff()))))
        .isEqualTo(shape(scan(clean.resolve("RestoreTimeClean2.bak"))));
    assertThat(shape(scan(writer.encode(log()))))
        .isEqualTo(shape(scan(clean.resolve("RestoreTimeClean_1.trn"))));
  }

  @Test
  void blockOffsetsWithinTheSetAreWholeKibibytesFromTheSsetAsInRealFiles() throws IOException {
    MtfScan real = scan(Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_1.trn"));
    MtfScan synthetic = scan(writer.encode(log()));
    for (MtfScan s : List.of(real, synthetic)) {
      int sset = s.first("SSET").offset();
      for (MtfScan.ScannedBlock b : s.blocks) {
        if (List.of("SSET", "VOLB", "MSCI", "MSDA", "MSTL", "MSLS").contains(b.type())) {
          long fla = s.u64(b.offset() + 20);
          assertThat(fla * 1024).as(b.type()).isEqualTo(b.offset() - sset);
        }
      }
    }
    assertThat(synthetic.first("TAPE").length()).isEqualTo(real.first("TAPE").length());
    assertThat(synthetic.first("SFMB").length()).isEqualTo(512);
  }

  @Test
  void tapeSsetAndVolbHoldTheMediaAndSetFieldsWhereTheFormatDocumentSays() {
    BackupHeader h = diff().toBuilder().position(1).mediaPasswordProtected(true).build();
    MtfScan s = scan(writer.encode(h));
    int tape = s.first("TAPE").offset();
    assertThat(s.u32(tape + 52)).isEqualTo(0x1234_5678L);
    assertThat(s.u16(tape + 62)).isNotZero();
    assertThat(s.u16(tape + 76)).isEqualTo(16);
    int raid = s.first("TAPE").stream("RAID").offset() + 22;
    assertThat(s.guid(raid)).isEqualTo(MEDIA);
    assertThat(s.u16(raid + 20)).isEqualTo(1);
    assertThat(s.u16(raid + 24)).isEqualTo(1);

    int sset = s.first("SSET").offset();
    assertThat(s.u32(sset + 52)).isEqualTo(8);
    assertThat(s.u16(sset + 62)).isEqualTo(1);
    assertThat(s.string(sset, sset + 76)).isEqualTo("cloudsync-synthetic");
    assertThat(s.guid(sset + 100)).isEqualTo(h.backupSetGuid());
    assertThat((int) s.b[sset + 95]).isEqualTo(-20);
    assertThat(s.u8(sset + 93)).isEqualTo(13);
    assertThat(s.u8(sset + 94)).isEqualTo(0);

    int volb = s.first("VOLB").offset();
    assertThat(s.string(volb, volb + 64)).isEqualTo("SYNTHETIC-HOST");

    MtfScan plain = scan(writer.encode(full()));
    int ps = plain.first("SSET").offset();
    assertThat(plain.u32(ps + 52)).isEqualTo(4);
    assertThat(plain.u16(plain.first("TAPE").offset() + 62)).isZero();
  }

  @Test
  void scinHoldsEveryFieldAtItsDocumentedOffsetInTheFinalMslsCopy() {
    BackupHeader h =
        diff().toBuilder().recoveryModel(RecoveryModel.SIMPLE).hasChecksums(true).build();
    MtfScan s = scan(writer.encode(h));
    int r = s.scin(s.first("MSLS"));
    assertThat(s.u32(r + 0x08) & 0x10).isEqualTo(0x10);
    assertThat(s.u16(r + 0x18)).isEqualTo(5081);
    assertThat(s.u8(r + 0x1A)).isEqualTo(0);
    assertThat(s.u8(r + 0x1B)).isEqualTo(13);
    assertThat(s.lsn(r + 0x20)).isEqualTo(h.firstLsn());
    assertThat(s.lsn(r + 0x2A)).isEqualTo(h.lastLsn());
    assertThat(s.lsn(r + 0x34)).isEqualTo(h.checkpointLsn());
    assertThat(s.lsn(r + 0x3E)).isEqualTo(h.databaseBackupLsn());
    assertThat(s.date(r + 0x4D)).isEqualTo(START);
    assertThat(s.date(r + 0x52)).isEqualTo(START.plusSeconds(75));
    assertThat((char) s.b[r + 0x57]).isEqualTo('I');
    assertThat(s.u64(r + 0x60)).isEqualTo(3_145_728L);
    assertThat(s.string(r, r + 0x68)).isEqualTo("ClinicA");
    assertThat(s.string(r, r + 0x6C)).isEqualTo("SYNTHETIC\\SQL1");
    assertThat(s.guid(r + 0x9C)).isEqualTo(FORK);
    assertThat(s.guid(r + 0xC8)).isEqualTo(FULL_GUID);
    assertThat(s.u16(r + 0xF4) & 0x08).isEqualTo(0x08);
    assertThat(s.lsn(r + 0x104)).isEqualTo(new Lsn(0x29, 0x3E, 0xAA));
    assertThat(s.guid(r + 0x110)).isEqualTo(FULL_GUID);
    assertThat(s.u64(r + 0x158)).isEqualTo(3_145_728L);

    MtfScan full = scan(writer.encode(full()));
    int fr = full.scin(full.first("MSLS"));
    assertThat((char) full.b[fr + 0x57]).isEqualTo('D');
    assertThat(full.u16(fr + 0xF4) & 0x08).isZero();
    assertThat(full.u32(fr + 0x08) & 0x10).isZero();
    assertThat(full.lsn(fr + 0x104)).isEqualTo(Lsn.ZERO);
    assertThat((char) scan(writer.encode(log())).b[scin(writer.encode(log())) + 0x57])
        .isEqualTo('L');
  }

  private static int scin(SyntheticBackup b) {
    MtfScan s = scan(b);
    return s.scin(s.first("MSLS"));
  }

  @Test
  void theMsciCopyIsProvisionalWithoutFinishDateOrSizes() {
    MtfScan s = scan(writer.encode(full()));
    int provisional = s.scin(s.first("MSCI"));
    int last = s.scin(s.first("MSLS"));
    assertThat(s.date(provisional + 0x52)).isNull();
    assertThat(s.u64(provisional + 0x60)).isZero();
    assertThat(s.date(last + 0x52)).isEqualTo(START.plusSeconds(75));
    assertThat(s.lsn(provisional + 0x2A)).isEqualTo(s.lsn(last + 0x2A));
  }

  @Test
  void theFileListIsWrittenAsOneSfinPerFileAndOneSfgiPerFilegroup() {
    MtfScan s = scan(writer.encode(full()));
    MtfScan.ScannedBlock msls = s.first("MSLS");
    List<int[]> files = s.records(msls, "SFIN");
    assertThat(files).hasSize(2);
    assertThat(s.records(msls, "SFGI")).hasSize(1);
    int data = files.get(0)[0];
    int logFile = files.get(1)[0];
    assertThat(s.u32(data + 0x14)).isEqualTo(1);
    assertThat(s.u32(data + 0x24)).isEqualTo(1);
    assertThat(s.u64(data + 0x28)).isEqualTo(8_388_608L);
    assertThat(s.string(data, data + 0x30)).isEqualTo("ClinicA");
    assertThat(s.string(data, data + 0x34)).isEqualTo("D:\\Data\\ClinicA.mdf");
    assertThat(s.u32(logFile + 0x14)).isEqualTo(2);
    assertThat(s.u32(logFile + 0x24)).isZero();
    assertThat(s.string(logFile, logFile + 0x30)).isEqualTo("ClinicA_log");
  }

  @Test
  void nullFieldsAreWrittenAsTheCompletedHeaderSays() {
    BackupHeader bare =
        BackupHeader.builder()
            .backupType(BackupType.LOG)
            .databaseName("Bare")
            .firstLsn(new Lsn(7, 1, 1))
            .lastLsn(new Lsn(7, 9, 1))
            .backupStartDate(START)
            .backupSetGuid(FULL_GUID)
            .build();
    BackupHeader done = writer.withDataBytes(8192).completed(bare);
    assertThat(done.serverName()).isEqualTo("SYNTHETIC");
    assertThat(done.machineName()).isEqualTo("SYNTHETIC");
    assertThat(done.userName()).isEqualTo("cloudsync-synthetic");
    assertThat(done.softwareVersion()).isEqualTo(new SoftwareVersion(10, 50, 1600));
    assertThat(done.backupSize()).isEqualTo(8192L);
    assertThat(done.mediaSetId()).isNotNull();
    assertThat(done.mediaFamilyId()).isNotNull();
    assertThat(done.recoveryForkId()).isNotNull();
    MtfScan s = scan(writer.withDataBytes(8192).encode(bare));
    int r = s.scin(s.first("MSLS"));
    assertThat(s.string(r, r + 0x6C)).isEqualTo("SYNTHETIC");
    assertThat(s.guid(r + 0x9C)).isEqualTo(done.recoveryForkId());
    assertThat(s.u32(s.first("TAPE").offset() + 52)).isEqualTo(done.mediaFamilyId());
    assertThat(s.u8(s.first("SSET").offset() + 95)).isEqualTo(127);
  }

  @Test
  void dataBytesGrowTheFileByExactlyThatMuch() {
    long small = writer.encode(full()).size();
    long big = writer.withDataBytes(1 << 20).encode(full()).size();
    assertThat(big - small).isEqualTo(1 << 20);
    MtfScan s = scan(writer.withDataBytes(1 << 20).encode(full()));
    assertThat(s.first("MSDA").streams().get(1).length()).isEqualTo(2 + (1 << 20));
    MtfScan l = scan(writer.withDataBytes(4096).encode(log()));
    assertThat(l.first("MSTL").stream("MQTL").length()).isEqualTo(2 + 4096);
  }

  @Test
  void anEmptyLogHasNoLogStream() {
    BackupHeader empty = log().toBuilder().lastLsn(log().firstLsn()).build();
    MtfScan s = scan(writer.withDataBytes(4096).encode(empty));
    assertThat(s.all("MSTL")).allSatisfy(b -> assertThat(b.streamIds()).containsExactly("SPAD"));
  }

  @Test
  void sparseAndPlainWritesGiveTheSameBytes(@TempDir Path dir) throws IOException {
    SyntheticBackup backup = writer.withDataBytes(3 << 20).encode(full());
    Path plain = dir.resolve("plain.bak");
    Path sparse = dir.resolve("sparse.bak");
    backup.writeTo(plain);
    backup.writeSparseTo(sparse);
    assertThat(Files.size(sparse)).isEqualTo(backup.size());
    assertThat(Files.mismatch(plain, sparse)).isEqualTo(-1);
    assertThat(Files.readAllBytes(plain)).isEqualTo(backup.toBytes());
  }

  @Test
  void severalSetsOnOneMediaEachHaveTheirOwnBlocksInPositionOrder() {
    BackupHeader second =
        full().toBuilder()
            .position(2)
            .backupSetGuid(UUID.fromString("33333333-4444-4555-8666-777777777777"))
            .firstLsn(new Lsn(0x29, 0x90, 1))
            .lastLsn(new Lsn(0x29, 0x95, 1))
            .build();
    SyntheticBackup backup = writer.encode(List.of(full(), second));
    MtfScan s = scan(backup);
    assertThat(s.all("SSET")).hasSize(2);
    assertThat(s.all("MSLS")).hasSize(2);
    assertThat(s.all("TAPE")).hasSize(1);
    List<MtfScan.ScannedBlock> ssets = s.all("SSET");
    assertThat(s.u16(ssets.get(0).offset() + 62)).isEqualTo(1);
    assertThat(s.u16(ssets.get(1).offset() + 62)).isEqualTo(2);
    assertThat(s.guid(ssets.get(1).offset() + 100)).isEqualTo(second.backupSetGuid());
    int secondMsls = s.scin(s.all("MSLS").get(1));
    assertThat(s.lsn(secondMsls + 0x20)).isEqualTo(second.firstLsn());
    List<String> types = s.blockTypes();
    int firstEnd = types.indexOf("ESET") + 2;
    assertThat(types.subList(firstEnd, firstEnd + 2)).containsExactly("SFMB", "SSET");
    assertThat(types.get(types.size() - 1)).isEqualTo("SFMB");
    assertThat(s.blocks).allSatisfy(b -> assertThat(b.checksumOk()).isTrue());
  }

  @Test
  void laterSetsOnAMediaShareItsMediaAndTheBackupSaysSo() {
    BackupHeader second =
        log().toBuilder().position(2).mediaSetId(UUID.randomUUID()).mediaFamilyId(7L).build();
    SyntheticBackup backup = writer.encode(List.of(full(), second));
    assertThat(backup.headers().get(0)).isEqualTo(writer.completed(full()));
    assertThat(backup.headers().get(1).mediaSetId()).isEqualTo(MEDIA);
    assertThat(backup.headers().get(1).mediaFamilyId()).isEqualTo(0x1234_5678L);
    assertThat(backup.headers().get(1).backupSetGuid()).isEqualTo(second.backupSetGuid());
  }

  @Test
  void setsOutOfPositionOrderAreRefused() {
    assertThatThrownBy(() -> writer.encode(List.of(full().toBuilder().position(2).build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 2");
  }

  @Test
  void stripesShareTheSetAndMediaSetButNotTheFamily() {
    List<BackupHeader> stripes = writer.stripes(full(), 3);
    assertThat(stripes).hasSize(3);
    for (int k = 0; k < 3; k++) {
      MtfScan s = scan(writer.encode(stripes.get(k)));
      int raid = s.first("TAPE").stream("RAID").offset() + 22;
      assertThat(s.guid(raid)).isEqualTo(MEDIA);
      assertThat(s.u16(raid + 20)).isEqualTo(3);
      assertThat(s.u16(raid + 24)).isEqualTo(k + 1);
      assertThat(s.guid(s.first("SSET").offset() + 100)).isEqualTo(FULL_GUID);
    }
    assertThat(stripes.stream().map(BackupHeader::mediaFamilyId).distinct()).hasSize(3);
  }

  @Test
  void headersThatCannotBeWrittenAreRefusedWithTheReason() {
    assertThatThrownBy(() -> writer.encode(full().toBuilder().compressed(true).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uncompressed");
    assertThatThrownBy(
            () ->
                writer.encode(
                    full().toBuilder().timeZoneOffset(ZoneOffset.ofHoursMinutes(5, 7)).build()))
        .hasMessageContaining("15-minute");
    assertThatThrownBy(() -> writer.encode(full().toBuilder().backupStartDate(null).build()))
        .hasMessageContaining("start date");
    assertThatThrownBy(() -> writer.withDataBytes(-1)).hasMessageContaining("negative");
  }

  @Test
  void theSameHeadersGiveTheSameBytes() {
    assertThat(writer.encode(full()).toBytes()).isEqualTo(writer.encode(full()).toBytes());
  }

  @Test
  void theLayoutTheWriterReportsIsWhereTheBlocksAre() {
    SyntheticBackup backup = writer.withDataBytes(10_000).encode(diff());
    MtfScan s = scan(backup);
    assertThat(backup.blocks()).extracting(SyntheticBackup.Block::type).isEqualTo(s.blockTypes());
    assertThat(backup.blocks())
        .extracting(SyntheticBackup.Block::offset)
        .isEqualTo(s.blocks.stream().map(b -> (long) b.offset()).toList());
    assertThat(backup.block("MSLS").streams().get(0).id()).isEqualTo("MQCI");
    assertThat(backup.block("MSLS").streams().get(0).offset())
        .isEqualTo(s.first("MSLS").stream("MQCI").offset());
  }
}
