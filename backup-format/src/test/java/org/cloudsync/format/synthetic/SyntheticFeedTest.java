package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.synthetic.SyntheticFeed.GeneratedFile;
import org.cloudsync.format.synthetic.SyntheticFeed.Manifest;
import org.cloudsync.format.synthetic.SyntheticFeed.ProblemKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFeedTest {
  static final LocalDateTime FULL = LocalDateTime.of(2026, 1, 4, 22, 30, 5);
  static final ZoneOffset ZONE = ZoneOffset.ofHours(-5);

  @TempDir Path dir;

  static SyntheticFeed.Builder feed() {
    return SyntheticFeed.builder("ClinicA", FULL, ZONE, 42);
  }

  /** Every zip entry's bytes, keyed by {@code ZIP!ENTRY}. */
  static Map<String, byte[]> entries(Path dir) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path zip : files.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
          for (ZipEntry e : z.stream().toList()) {
            out.put(zip.getFileName() + "!" + e.getName(), z.getInputStream(e).readAllBytes());
          }
        }
      }
    }
    return out;
  }

  static List<BackupHeader> logsOf(Manifest m, String db) {
    return m.files(BackupType.LOG).stream()
        .map(GeneratedFile::header)
        .filter(h -> h.databaseName().equals(db))
        .toList();
  }

  @Test
  void aDefaultDayIsOneFullAndOneZipOf96ContiguousLogs() throws IOException {
    Manifest m = feed().build().writeTo(dir);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "ClinicA_20260105.zip", "ClinicA_FULL_20260104_223005.bak", "SYNTHETIC-README.txt");
    }
    Map<String, byte[]> entries = entries(dir);
    assertThat(entries).hasSize(96);
    assertThat(entries.keySet())
        .startsWith("ClinicA_20260105.zip!ClinicA_LOG_20260105_000000.trn")
        .endsWith("ClinicA_20260105.zip!ClinicA_LOG_20260105_234500.trn");
    BackupHeader full = m.files(BackupType.FULL).get(0).header();
    List<BackupHeader> logs = logsOf(m, "ClinicA");
    assertThat(logs).hasSize(96);
    assertThat(logs.get(0).firstLsn()).isLessThanOrEqualTo(full.lastLsn());
    assertThat(logs.get(0).lastLsn()).isGreaterThan(full.lastLsn());
    for (int i = 1; i < logs.size(); i++) {
      assertThat(logs.get(i).firstLsn()).isEqualTo(logs.get(i - 1).lastLsn());
      assertThat(Duration.between(logs.get(i - 1).backupStartDate(), logs.get(i).backupStartDate()))
          .isEqualTo(Duration.ofMinutes(15));
    }
    assertThat(m.chainStart()).isEqualTo(full.firstLsn());
    assertThat(m.chainEnd()).isEqualTo(logs.get(95).lastLsn());
    assertThat(m.problems()).isEmpty();
    assertThat(m.describe())
        .contains("log chain from " + full.firstLsn())
        .contains("full ClinicA_FULL");
  }

  @Test
  void everyFileIsLabelledSyntheticAndHoldsTheHeaderTheManifestLists() throws IOException {
    Manifest m = feed().build().writeTo(dir);
    String readme = Files.readString(dir.resolve("SYNTHETIC-README.txt"));
    assertThat(readme).contains("SYNTHETIC").contains("header-only").contains("cannot restore");
    Map<String, byte[]> entries = entries(dir);
    for (GeneratedFile f : m.files()) {
      byte[] bytes =
          f.path().contains("!")
              ? entries.get(f.path())
              : Files.readAllBytes(dir.resolve(f.path()));
      MtfScan s = new MtfScan(bytes);
      assertThat(s.blocks).allSatisfy(b -> assertThat(b.checksumOk()).isTrue());
      int r = s.scin(s.first("MSLS"));
      assertThat(s.string(r, r + 0x68)).isEqualTo(f.header().databaseName());
      assertThat(s.string(r, r + 0x6C)).isEqualTo("SYNTHETIC");
      assertThat(s.lsn(r + 0x20)).isEqualTo(f.header().firstLsn());
      assertThat(s.lsn(r + 0x2A)).isEqualTo(f.header().lastLsn());
      assertThat(s.date(r + 0x4D)).isEqualTo(f.header().backupStartDate());
      int sset = s.first("SSET").offset();
      assertThat(s.string(sset, sset + 76)).isEqualTo("cloudsync-synthetic");
      assertThat(s.guid(sset + 100)).isEqualTo(f.header().backupSetGuid());
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndTimes(@TempDir Path other) throws IOException {
    feed().days(2).logInterval(Duration.ofHours(1)).build().writeTo(dir);
    feed().days(2).logInterval(Duration.ofHours(1)).build().writeTo(other);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Path q = other.resolve(p.getFileName());
        assertThat(Files.mismatch(p, q)).as(p.getFileName().toString()).isEqualTo(-1);
        assertThat(Files.getLastModifiedTime(p)).isEqualTo(Files.getLastModifiedTime(q));
      }
    }
    Path full = dir.resolve("ClinicA_FULL_20260104_223005.bak");
    Manifest m = SyntheticFeed.builder("ClinicA", FULL, ZONE, 43).build().writeTo(other);
    assertThat(Files.mismatch(full, other.resolve(full.getFileName()))).isNotEqualTo(-1);
    assertThat(m.files().get(0).header().backupFinishDate().atOffset(ZONE).toInstant())
        .isEqualTo(Files.getLastModifiedTime(other.resolve(full.getFileName())).toInstant());
  }

  @Test
  void aStripedZippedFullHasEveryFamilyOfOneSet() throws IOException {
    Manifest m = feed().fullStripes(3).zipFull(true).days(0).build().writeTo(dir);
    Map<String, byte[]> entries = entries(dir);
    assertThat(entries.keySet())
        .containsExactly(
            "ClinicA_FULL_20260104_223005.zip!ClinicA_FULL_20260104_223005_1of3.bak",
            "ClinicA_FULL_20260104_223005.zip!ClinicA_FULL_20260104_223005_2of3.bak",
            "ClinicA_FULL_20260104_223005.zip!ClinicA_FULL_20260104_223005_3of3.bak");
    List<GeneratedFile> fulls = m.files(BackupType.FULL);
    assertThat(fulls).extracting(GeneratedFile::path).containsExactlyElementsOf(entries.keySet());
    assertThat(fulls.stream().map(f -> f.header().backupSetGuid()).distinct()).hasSize(1);
    int k = 1;
    for (byte[] bytes : entries.values()) {
      MtfScan s = new MtfScan(bytes);
      int raid = s.first("TAPE").stream("RAID").offset() + 22;
      assertThat(s.u16(raid + 20)).isEqualTo(3);
      assertThat(s.u16(raid + 24)).isEqualTo(k++);
    }
  }

  @Test
  void aMissingLogLeavesExactlyOneGapWhichTheManifestNames() {
    Manifest m = feed().days(2).missingLog(2, 10).missingLog(2, 11).build().writeTo(dir);
    List<BackupHeader> logs = logsOf(m, "ClinicA");
    assertThat(logs).hasSize(190);
    assertThat(m.withheld()).hasSize(2);
    SyntheticFeed.Problem gap = m.problems().get(0);
    assertThat(gap.kind()).isEqualTo(ProblemKind.MISSING_LOG);
    assertThat(gap.from()).isEqualTo(m.withheld().get(0).header().firstLsn());
    assertThat(gap.to()).isEqualTo(m.withheld().get(1).header().lastLsn());
    assertThat(gap.paths())
        .containsExactly(
            "ClinicA_20260106.zip!ClinicA_LOG_20260106_021500.trn",
            "ClinicA_20260106.zip!ClinicA_LOG_20260106_030000.trn");
    int breaks = 0;
    for (int i = 1; i < logs.size(); i++) {
      if (!logs.get(i).firstLsn().equals(logs.get(i - 1).lastLsn())) {
        breaks++;
        assertThat(logs.get(i - 1).lastLsn()).isEqualTo(gap.from());
        assertThat(logs.get(i).firstLsn()).isEqualTo(gap.to());
      }
    }
    assertThat(breaks).isEqualTo(1);
    assertThat(m.describe()).contains("problem MISSING_LOG");
  }

  @Test
  void aMissingLastLogIsReportedToo() {
    Manifest m = feed().missingLog(1, 95).build().writeTo(dir);
    SyntheticFeed.Problem gap = m.problems().get(0);
    assertThat(gap.kind()).isEqualTo(ProblemKind.MISSING_LOG);
    assertThat(gap.to()).isEqualTo(m.chainEnd());
  }

  @Test
  void aLogOfAnotherDatabaseAndADuplicateAreDeliveredAndNamed() throws IOException {
    Manifest m = feed().days(2).otherDatabaseLog(1).duplicateLastLog(1).build().writeTo(dir);
    Map<String, byte[]> entries = entries(dir);
    String foreign = "ClinicA_20260105.zip!ClinicA_Other_LOG_20260105_120730.trn";
    assertThat(entries).containsKey(foreign);
    String once = "ClinicA_20260105.zip!ClinicA_LOG_20260105_234500.trn";
    String twice = "ClinicA_20260106.zip!ClinicA_LOG_20260105_234500.trn";
    assertThat(entries.get(twice)).isEqualTo(entries.get(once));
    assertThat(m.problems())
        .extracting(SyntheticFeed.Problem::kind)
        .containsExactly(ProblemKind.OTHER_DATABASE, ProblemKind.DUPLICATE_LOG);
    assertThat(m.problems().get(0).paths()).containsExactly(foreign);
    assertThat(m.problems().get(1).paths()).containsExactly(once);
    assertThat(m.files()).extracting(GeneratedFile::path).contains(foreign, once, twice);
    MtfScan s = new MtfScan(entries.get(foreign));
    int r = s.scin(s.first("MSLS"));
    assertThat(s.string(r, r + 0x68)).isEqualTo("ClinicA_Other");
    assertThat(entries).hasSize(96 + 1 + 96 + 1);
  }

  @Test
  void aNewFullMidFeedIsDeliveredAndLaterLogsPointAtIt() throws IOException {
    Manifest m = feed().days(1).newFull(1, 40).build().writeTo(dir);
    List<GeneratedFile> fulls = m.files(BackupType.FULL);
    assertThat(fulls).hasSize(2);
    BackupHeader second = fulls.get(1).header();
    assertThat(second.backupStartDate()).isEqualTo(LocalDateTime.of(2026, 1, 5, 10, 7, 30));
    assertThat(Files.exists(dir.resolve("ClinicA_FULL_20260105_100730.bak"))).isTrue();
    List<BackupHeader> logs = logsOf(m, "ClinicA");
    assertThat(logs.get(40).baseBackupSetGuid()).isEqualTo(fulls.get(0).header().backupSetGuid());
    assertThat(logs.get(41).baseBackupSetGuid()).isEqualTo(second.backupSetGuid());
    assertThat(logs.get(41).firstLsn()).isEqualTo(logs.get(40).lastLsn());
    assertThat(logs.get(41).lastLsn()).isGreaterThan(second.lastLsn());
    assertThat(m.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(ProblemKind.NEW_FULL));
  }

  @Test
  void aDamagedLogIsDeliveredDamagedAndNamed() throws IOException {
    Manifest m =
        feed()
            .damagedLog(1, 5, SyntheticDamage.flippedBlockHeaderBit("SSET", 30, 2))
            .build()
            .writeTo(dir);
    String path = "ClinicA_20260105.zip!ClinicA_LOG_20260105_011500.trn";
    MtfScan s = new MtfScan(entries(dir).get(path));
    assertThat(s.first("SSET").checksumOk()).isFalse();
    GeneratedFile f =
        m.files().stream().filter(x -> x.path().equals(path)).findFirst().orElseThrow();
    assertThat(f.damage()).contains("SSET");
    assertThat(m.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ProblemKind.DAMAGED_FILE);
              assertThat(p.paths()).containsExactly(path);
            });
  }

  @Test
  void zipEntriesCarryTheBackupsFinishTime() throws IOException {
    Manifest m = feed().logInterval(Duration.ofHours(1)).build().writeTo(dir);
    try (ZipFile z = new ZipFile(dir.resolve("ClinicA_20260105.zip").toFile())) {
      assertThat(z.size()).isEqualTo(24);
      ZipEntry e = z.getEntry("ClinicA_LOG_20260105_030000.trn");
      BackupHeader h = logsOf(m, "ClinicA").get(3);
      assertThat(e.getTimeLocal()).isEqualTo(h.backupFinishDate());
    }
  }

  @Test
  void impossibleKnobsAreRefused() {
    assertThatThrownBy(() -> feed().days(1).missingLog(2, 0).build())
        .hasMessageContaining("day 2 is outside");
    assertThatThrownBy(() -> feed().missingLog(1, 96).build())
        .hasMessageContaining("outside 0..95");
    assertThatThrownBy(() -> feed().days(1).duplicateLastLog(1).build())
        .hasMessageContaining("later day");
    assertThatThrownBy(() -> feed().logInterval(Duration.ofMinutes(7)))
        .hasMessageContaining("divide");
    assertThatThrownBy(() -> feed().fullStripes(0)).hasMessageContaining("at least one stripe");
  }

  @Test
  void lsnsOfTheManifestAreComparableAcrossTheFeed() {
    Manifest m = feed().days(3).logInterval(Duration.ofHours(1)).build().writeTo(dir);
    List<Lsn> lasts = logsOf(m, "ClinicA").stream().map(BackupHeader::lastLsn).toList();
    assertThat(lasts).isSorted().doesNotHaveDuplicates();
  }
}
