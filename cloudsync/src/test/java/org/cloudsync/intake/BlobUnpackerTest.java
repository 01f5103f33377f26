package org.cloudsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.ledger.BlobKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobUnpackerTest {
  private static final String CENTER = "c1";
  private static final IntakeRules CLEAN = IntakeRules.forDatabase("RestoreTimeClean");

  @TempDir Path tmp;
  private Staging staging;
  private BlobUnpacker unpacker;

  @BeforeEach
  void setUp() {
    staging = new Staging(tmp.resolve("staging"), Clock.systemUTC(), Duration.ofDays(7));
    unpacker = new BlobUnpacker(staging, ZipLimits.DEFAULTS);
  }

  private static Path corpus(String relative) {
    return Corpus.backups().resolve(relative);
  }

  private static byte[] log(int n) {
    return TestZip.read(corpus("RestoreTimeClean/RestoreTimeClean_" + n + ".trn"));
  }

  private Path zip(String name, TestZip zip) {
    return zip.write(tmp.resolve("blobs").resolve(name));
  }

  private Path zip(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve("blobs").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  private StagedBlob unpack(String blobName, Path file) {
    return unpacker.unpack(CENTER, blobName, "etag-1", file, CLEAN);
  }

  private Path blobDir(String blobName) {
    return staging.blobDirectory(CENTER, blobName, "etag-1");
  }

  /** Every regular file under the staging root, relative to it. */
  private List<String> stagedFiles() throws IOException {
    Path root = staging.root();
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
    }
  }

  // --- classification and validation of real backups ---

  @Test
  void aZipOfLogsIsADailyZipAndEveryLogIsStagedByteForByte() throws IOException {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("RestoreTimeClean_2.trn", log(2))
                .deflated("sub/RestoreTimeClean_3.trn", log(3)));

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(blob.partiallyBad()).isFalse();
    assertThat(blob.files()).hasSize(3).allMatch(f -> f.state() == StagedFile.State.VALIDATED);
    assertThat(blob.files())
        .extracting(StagedFile::entryName)
        .containsExactly(
            "RestoreTimeClean_1.trn", "RestoreTimeClean_2.trn", "sub/RestoreTimeClean_3.trn");
    StagedFile third = blob.files().get(2);
    assertThat(third.path()).isEqualTo(blobDir("daily.zip").resolve("sub/RestoreTimeClean_3.trn"));
    assertThat(Files.readAllBytes(third.path())).isEqualTo(log(3));
    assertThat(third.size()).isEqualTo(log(3).length);
    assertThat(third.header().backupType()).isEqualTo(BackupType.LOG);
    assertThat(third.header().firstLsn().toString()).isEqualTo("25000000016300001");
    assertThat(stagedFiles()).noneMatch(f -> f.endsWith(".part"));
  }

  @Test
  void aZipOfStripedFullsIsAnInitialDump() {
    Path zip =
        zip(
            "dump.zip",
            new TestZip()
                .deflated(
                    "Stripe1/RestoreTimeStripe.bak",
                    corpus("sql2008-backups/RestoreTimeStripe/Stripe1/RestoreTimeStripe.bak"))
                .deflated(
                    "Stripe2/RestoreTimeStripe1.bak",
                    corpus("sql2008-backups/RestoreTimeStripe/Stripe2/RestoreTimeStripe1.bak")));

    StagedBlob blob =
        unpacker.unpack(
            CENTER, "dump.zip", null, zip, IntakeRules.forDatabase("RestoreTimeStripe"));

    assertThat(blob.kind()).isEqualTo(BlobKind.INITIAL_DUMP);
    assertThat(blob.validated()).hasSize(2);
    assertThat(blob.files())
        .extracting(f -> f.header().familySequenceNumber())
        .containsExactly(1, 2);
  }

  @Test
  void aFullBesideLogsMakesAnInitialDump() {
    Path zip =
        zip(
            "mixed.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("RestoreTimeClean.bak", corpus("RestoreTimeClean/RestoreTimeClean.bak")));

    StagedBlob blob = unpack("mixed.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.INITIAL_DUMP);
    assertThat(blob.validated()).hasSize(2);
  }

  @Test
  void plainBackupBlobsAreClassifiedByTheirHeaderNotTheirName() throws IOException {
    Path full = tmp.resolve("blobs/looks-like-a-log.trn");
    Files.createDirectories(full.getParent());
    Files.copy(corpus("RestoreTimeClean/RestoreTimeClean.bak"), full);
    Path log = tmp.resolve("blobs/no-extension");
    Files.write(log, log(2));

    StagedBlob fullBlob = unpack("looks-like-a-log.trn", full);
    StagedBlob logBlob = unpack("no-extension", log);

    assertThat(fullBlob.kind()).isEqualTo(BlobKind.INITIAL_DUMP);
    assertThat(logBlob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    // Outside the staging area (a directory source's file read in place): left where it is.
    assertThat(fullBlob.files().get(0).path()).isEqualTo(full);
  }

  @Test
  void aPlainBackupDownloadedIntoStagingMovesToItsBlobDirectory() throws IOException {
    Path incoming = staging.incomingFile(CENTER, "logs/RestoreTimeClean_1.trn", "e1");
    Files.createDirectories(incoming.getParent());
    Files.write(incoming, log(1));

    StagedBlob blob = unpacker.unpack(CENTER, "logs/RestoreTimeClean_1.trn", "e1", incoming, CLEAN);

    Path expected =
        staging
            .blobDirectory(CENTER, "logs/RestoreTimeClean_1.trn", "e1")
            .resolve("RestoreTimeClean_1.trn");
    assertThat(blob.files().get(0).path()).isEqualTo(expected);
    assertThat(expected).exists();
    assertThat(incoming).doesNotExist();
  }

  @Test
  void aZipOfNoBackupIsOtherAndItsEntriesAreReported() {
    Path zip =
        zip(
            "other.zip",
            new TestZip()
                .deflated("docs/", new byte[0])
                .deflated("readme.txt", "read me".getBytes(StandardCharsets.UTF_8))
                .deflated("__MACOSX/._readme.txt", new byte[] {0, 5, 22, 7})
                .deflated(".DS_Store", new byte[] {0, 0, 0, 1}));

    StagedBlob blob = unpack("other.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.OTHER);
    assertThat(blob.files()).isEmpty();
    assertThat(blob.skipped())
        .extracting(SkippedEntry::entryName)
        .containsExactly("docs/", "readme.txt", "__MACOSX/._readme.txt", ".DS_Store");
    assertThat(blob.skipped()).allMatch(s -> s.errorCode() == null);
    assertThat(blob.skipped().get(1).reason()).startsWith("not a backup");
    assertThat(blob.partiallyBad()).isFalse();
  }

  @Test
  void nonBackupEntriesBesideLogsAreReportedAndTheLogsStaged() throws IOException {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("README.md", "eCW export".getBytes(StandardCharsets.UTF_8))
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("__MACOSX/._RestoreTimeClean_1.trn", new byte[] {0, 5, 22, 7}));

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(blob.validated())
        .extracting(StagedFile::entryName)
        .containsExactly("RestoreTimeClean_1.trn");
    assertThat(blob.skipped())
        .extracting(SkippedEntry::entryName)
        .containsExactly("README.md", "__MACOSX/._RestoreTimeClean_1.trn");
    assertThat(stagedFiles())
        .containsExactly(
            CENTER + "/" + blobDir("daily.zip").getFileName() + "/RestoreTimeClean_1.trn");
  }

  // --- quarantine ---

  @Test
  void aLogOfAnotherDatabaseIsQuarantinedWithItsReason() throws IOException {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("StopAt_1.trn", corpus("sql2008-backups/StopAt/StopAt_1.trn")));

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(blob.partiallyBad()).isTrue();
    StagedFile bad = blob.quarantined().get(0);
    assertThat(bad.entryName()).isEqualTo("StopAt_1.trn");
    assertThat(bad.errorCode()).isEqualTo(ErrorCode.OTHER_DATABASE);
    assertThat(bad.reason())
        .contains("'daily.zip!StopAt_1.trn'", "'StopAt'", "'RestoreTimeClean'", "hint: ");
    assertThat(bad.header().databaseName()).isEqualTo("StopAt");
    Path quarantine = staging.quarantineDirectory(CENTER, "daily.zip", "etag-1");
    assertThat(bad.path()).isEqualTo(quarantine.resolve("StopAt_1.trn"));
    assertThat(Files.readString(quarantine.resolve("StopAt_1.trn.reason")))
        .startsWith("OTHER_DATABASE\n")
        .contains("'StopAt'");
    assertThat(blob.validated()).hasSize(1);
  }

  @Test
  void aDifferentialIsTheWrongTypeForTheFeed() {
    Path zip =
        zip(
            "diff.zip",
            new TestZip()
                .deflated(
                    "RestoreTimeClean2.bak", corpus("RestoreTimeClean/RestoreTimeClean2.bak")));

    StagedBlob blob = unpack("diff.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.OTHER);
    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.errorCode()).isEqualTo(ErrorCode.WRONG_BACKUP_TYPE);
              assertThat(f.reason()).contains("diff backup");
            });
  }

  @Test
  void aDamagedBackupInsideAnIntactZipIsQuarantinedWithTheReadersCode() {
    byte[] damaged = log(1);
    damaged[0x600 + 10] ^= 0x55; // inside the SSET block header: its checksum no longer matches
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", damaged)
                .deflated("RestoreTimeClean_2.trn", log(2)));

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entryName()).isEqualTo("RestoreTimeClean_1.trn");
              assertThat(f.errorCode().exitStatus())
                  .isEqualTo(org.cloudsync.format.ExitStatus.INPUT_INVALID);
              assertThat(f.errorCode()).isNotEqualTo(ErrorCode.ZIP_INVALID);
              assertThat(f.needsServerHeader()).isFalse();
            });
    assertThat(blob.validated()).hasSize(1);
  }

  @Test
  void aZeroByteEntryNamedLikeABackupIsQuarantinedAndAZeroByteBlobToo() throws IOException {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("empty.trn", new byte[0])
                .deflated("RestoreTimeClean_1.trn", log(1)));
    Path empty = Files.write(tmp.resolve("empty.trn"), new byte[0]);

    StagedBlob blob = unpack("daily.zip", zip);
    StagedBlob plain = unpack("empty.trn", empty);

    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entryName()).isEqualTo("empty.trn");
              assertThat(f.errorCode()).isIn(ErrorCode.TRUNCATED, ErrorCode.NOT_A_BACKUP);
              assertThat(f.size()).isZero();
            });
    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(plain.kind()).isEqualTo(BlobKind.OTHER);
    assertThat(plain.quarantined())
        .singleElement()
        .satisfies(
            f -> assertThat(f.errorCode()).isIn(ErrorCode.TRUNCATED, ErrorCode.NOT_A_BACKUP));
  }

  @Test
  void aBackupNotReadableOfflineIsKeptAsideForSqlServer() throws IOException {
    byte[] encrypted = log(1);
    // The TAPE block's first stream names encryption algorithm 1; its header checksum is redone.
    ByteBuffer b = ByteBuffer.wrap(encrypted).order(ByteOrder.LITTLE_ENDIAN);
    int stream = b.getShort(8) & 0xFFFF;
    b.putShort(stream + 16, (short) 1);
    int xor = 0;
    for (int i = 0; i < 10; i++) {
      xor ^= b.getShort(stream + 2 * i) & 0xFFFF;
    }
    b.putShort(stream + 20, (short) xor);
    Path zip = zip("daily.zip", new TestZip().deflated("RestoreTimeClean_1.trn", encrypted));

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.errorCode()).isEqualTo(ErrorCode.BACKUP_ENCRYPTED);
              assertThat(f.needsServerHeader()).isTrue();
              assertThat(f.reason()).contains("RESTORE HEADERONLY");
              assertThat(Files.readAllBytes(f.path())).isEqualTo(encrypted);
            });
    assertThat(blob.kind()).isEqualTo(BlobKind.OTHER);
  }

  @Test
  void aFullDiskStopsTheZipButKeepsWhatWasStaged() throws IOException {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("RestoreTimeClean_2.trn", log(2))
                .deflated("RestoreTimeClean_3.trn", log(3)));
    long room = log(1).length + 10_000L;
    long[] written = {0};
    BlobUnpacker full =
        new BlobUnpacker(
            staging,
            ZipLimits.DEFAULTS,
            file ->
                new java.io.FilterOutputStream(Files.newOutputStream(file)) {
                  @Override
                  public void write(byte[] bytes, int off, int len) throws IOException {
                    if (written[0] + len > room) {
                      throw new IOException("No space left on device");
                    }
                    written[0] += len;
                    out.write(bytes, off, len);
                  }
                });

    StagedBlob blob = full.unpack(CENTER, "daily.zip", "etag-1", zip, CLEAN);

    assertThat(blob.validated())
        .extracting(StagedFile::entryName)
        .containsExactly("RestoreTimeClean_1.trn");
    assertThat(blob.validated().get(0).path()).exists();
    assertThat(blob.problem().code()).isEqualTo(ErrorCode.DISK_FULL);
    assertThat(blob.problem().getMessage())
        .contains("entry 'RestoreTimeClean_2.trn'", "No space left on device");
    assertThat(blob.skipped())
        .extracting(SkippedEntry::entryName, SkippedEntry::errorCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("RestoreTimeClean_2.trn", ErrorCode.DISK_FULL),
            org.assertj.core.groups.Tuple.tuple("RestoreTimeClean_3.trn", ErrorCode.DISK_FULL));
    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(stagedFiles()).noneMatch(f -> f.endsWith(".part"));
  }

  // --- damaged zips ---

  @Test
  void aZipWhoseCrcFailsHasThatEntryQuarantinedAndTheOthersStaged() throws IOException {
    byte[] content = log(2);
    byte[] zipBytes =
        new TestZip()
            .stored("RestoreTimeClean_2.trn", content)
            .deflated("RestoreTimeClean_3.trn", log(3))
            .toBytes();
    int at = TestZip.indexOf(zipBytes, Arrays.copyOfRange(content, 0, 64));
    assertThat(at).isPositive();
    zipBytes[at + 40_000] ^= 0x01; // in the log's data, where no header checksum looks
    Path zip = zip("daily.zip", zipBytes);

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entryName()).isEqualTo("RestoreTimeClean_2.trn");
              assertThat(f.errorCode()).isEqualTo(ErrorCode.ZIP_INVALID);
              assertThat(f.reason())
                  .contains(
                      "zip 'daily.zip'", "entry 'RestoreTimeClean_2.trn'", "CRC-32", "hint: ");
            });
    assertThat(blob.validated())
        .extracting(StagedFile::entryName)
        .containsExactly("RestoreTimeClean_3.trn");
    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(blob.partiallyBad()).isTrue();
  }

  @Test
  void aDeflatedEntryWithDamagedDataIsQuarantined() throws IOException {
    byte[] zipBytes = new TestZip().deflated("RestoreTimeClean_2.trn", log(2)).toBytes();
    for (int i = 200; i < 260; i++) {
      zipBytes[i] ^= (byte) 0xA5; // scramble the deflate stream
    }
    Path zip = zip("daily.zip", zipBytes);

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(f -> assertThat(f.errorCode()).isEqualTo(ErrorCode.ZIP_INVALID));
  }

  @Test
  void aCorruptZipIsRefusedAsAWhole() throws IOException {
    byte[] junk = new byte[5000];
    new java.util.Random(7).nextBytes(junk);
    junk[0] = 'P';
    junk[1] = 'K';
    junk[2] = 3;
    junk[3] = 4;
    Path zip = zip("corrupt.zip", junk);

    assertThatThrownBy(() -> unpack("corrupt.zip", zip))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ZIP_INVALID);
              assertThat(e.getMessage()).contains("zip 'corrupt.zip'");
              assertThat(e.hints()).isNotEmpty();
            });
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0005, 0.1, 0.5, 0.9, 0.999})
  void aTruncatedZipIsRefusedAsAWholeAndStagesNothing(double keep) throws IOException {
    byte[] whole =
        new TestZip()
            .deflated("RestoreTimeClean_1.trn", log(1))
            .deflated("RestoreTimeClean_2.trn", log(2))
            .toBytes();
    int cut = Math.max(4, (int) (whole.length * keep));
    Path zip = zip("cut.zip", Arrays.copyOf(whole, Math.min(cut, whole.length - 1)));

    assertThatThrownBy(() -> unpack("cut.zip", zip))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ZIP_INVALID);
              assertThat(e.hints()).anyMatch(h -> h.contains("truncated"));
            });
    assertThat(stagedFiles()).isEmpty();
  }

  @Test
  void anEmptyZipIsOtherWithAProblem() throws IOException {
    Path zip = zip("empty.zip", new TestZip());
    assertThat(Files.size(zip)).isEqualTo(22); // the end record alone

    StagedBlob blob = unpack("empty.zip", zip);

    assertThat(blob.kind()).isEqualTo(BlobKind.OTHER);
    assertThat(blob.files()).isEmpty();
    assertThat(blob.problem().code()).isEqualTo(ErrorCode.ZIP_INVALID);
    assertThat(blob.problem().getMessage()).contains("holds no entries");
  }

  // --- limits ---

  @Test
  void aZipDeclaringMoreThanTheTotalLimitIsRefusedBeforeAnythingIsWritten() {
    Path zip =
        zip(
            "big.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("RestoreTimeClean_2.trn", log(2)));
    BlobUnpacker small = new BlobUnpacker(staging, new ZipLimits(100_000, 1000, 10));

    assertThatThrownBy(() -> small.unpack(CENTER, "big.zip", null, zip, CLEAN))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ZIP_TOO_LARGE);
              assertThat(e.getMessage())
                  .contains("zip 'big.zip'", String.valueOf(2 * log(1).length), "100000");
            });
  }

  @Test
  void tooManyEntriesAreRefused() {
    TestZip z = new TestZip();
    for (int i = 0; i < 11; i++) {
      z.deflated("f" + i + ".txt", new byte[] {1});
    }
    Path zip = zip("many.zip", z);
    BlobUnpacker small = new BlobUnpacker(staging, new ZipLimits(100_000, 1000, 10));

    assertThatThrownBy(() -> small.unpack(CENTER, "many.zip", null, zip, CLEAN))
        .isInstanceOfSatisfying(
            CloudsyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ZIP_TOO_LARGE));
  }

  @Test
  void aHighRatioBombEntryIsRefusedAndTheRestStaged() throws IOException {
    Path zip =
        zip(
            "bomb.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("zeros.trn", new byte[4 << 20]) // 4 MiB of zeros: about 4 KiB deflated
                .deflated("RestoreTimeClean_2.trn", log(2)));
    assertThat(Files.size(zip)).isLessThan(100_000);
    BlobUnpacker strict = new BlobUnpacker(staging, new ZipLimits(1L << 30, 100, 100));

    StagedBlob blob = strict.unpack(CENTER, "bomb.zip", null, zip, CLEAN);

    assertThat(blob.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.entryName()).isEqualTo("zeros.trn");
              assertThat(s.errorCode()).isEqualTo(ErrorCode.ZIP_TOO_LARGE);
              assertThat(s.reason()).contains("100:1", "zip bomb");
            });
    assertThat(blob.validated()).hasSize(2);
    assertThat(stagedFiles()).noneMatch(f -> f.contains("zeros"));
  }

  @Test
  void anEntryExpandingPastItsDeclaredSizeIsQuarantined() throws IOException {
    byte[] content = log(1);
    byte[] zipBytes = new TestZip().deflated("RestoreTimeClean_1.trn", content).toBytes();
    // Central directory header: signature PK\1\2, uncompressed size at +24. Declare 1000 bytes.
    int cen = TestZip.indexOf(zipBytes, new byte[] {'P', 'K', 1, 2});
    java.nio.ByteBuffer.wrap(zipBytes, cen + 24, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(1000);
    Path zip = zip("liar.zip", zipBytes);

    StagedBlob blob = unpack("liar.zip", zip);

    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.errorCode()).isEqualTo(ErrorCode.ZIP_INVALID);
              assertThat(f.reason()).contains("declared size of 1000");
            });
  }

  // --- unsafe names ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape.trn",
        "a/../../escape.trn",
        "/tmp/escape.trn",
        "C:/escape.trn",
        "c:escape.trn",
        "..\\escape.trn",
        "dir\\escape.trn",
        "a/..",
        "bad\u0001name.trn"
      })
  void entriesThatCouldEscapeAreRefusedAndNothingLandsOutside(String name) throws IOException {
    Path zip =
        zip(
            "evil.zip",
            new TestZip().deflated(name, log(1)).deflated("RestoreTimeClean_2.trn", log(2)));

    StagedBlob blob = unpack("evil.zip", zip);

    assertThat(blob.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.entryName()).isEqualTo(name);
              assertThat(s.errorCode()).isEqualTo(ErrorCode.ZIP_UNSAFE_ENTRY);
              assertThat(s.reason()).contains("zip 'evil.zip'", "refused");
            });
    assertThat(blob.validated())
        .extracting(StagedFile::entryName)
        .containsExactly("RestoreTimeClean_2.trn");
    assertThat(blob.partiallyBad()).isTrue();
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(p -> p.getFileName().toString().contains("escape"))).isEmpty();
    }
    assertThat(Path.of("/tmp/escape.trn")).doesNotExist();
  }

  @Test
  void aSymbolicLinkEntryIsRefused() throws IOException {
    byte[] zipBytes =
        new TestZip()
            .deflated("RestoreTimeClean_1.trn", log(1))
            .deflated("link.trn", "../../../etc/passwd".getBytes(StandardCharsets.UTF_8))
            .deflated("RestoreTimeClean_2.trn", log(2))
            .toBytes();
    // Mark link.trn as made on Unix (host 3) with file type symlink (0120000) in its attributes.
    byte[] name = "link.trn".getBytes(StandardCharsets.UTF_8);
    int cen = TestZip.indexOf(zipBytes, new byte[] {'P', 'K', 1, 2});
    while (!Arrays.equals(zipBytes, cen + 46, cen + 46 + name.length, name, 0, name.length)) {
      int next =
          TestZip.indexOf(
              Arrays.copyOfRange(zipBytes, cen + 4, zipBytes.length), new byte[] {'P', 'K', 1, 2});
      cen += 4 + next;
    }
    zipBytes[cen + 5] = 3;
    java.nio.ByteBuffer.wrap(zipBytes, cen + 38, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(0120777 << 16);
    Path zip = zip("links.zip", zipBytes);

    StagedBlob blob = unpack("links.zip", zip);

    assertThat(blob.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.entryName()).isEqualTo("link.trn");
              assertThat(s.errorCode()).isEqualTo(ErrorCode.ZIP_UNSAFE_ENTRY);
              assertThat(s.reason()).contains("symbolic link");
            });
    assertThat(stagedFiles()).noneMatch(f -> f.endsWith("link.trn"));
    assertThat(blob.files())
        .extracting(StagedFile::entryName)
        .containsExactly("RestoreTimeClean_1.trn", "RestoreTimeClean_2.trn");
  }

  @Test
  void aSymlinkedDirectoryInsideStagingDoesNotLeadOut() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path dir = blobDir("daily.zip");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("sub"), outside);
    Path zip =
        zip("daily.zip", new TestZip().deflated("sub/deeper/RestoreTimeClean_1.trn", log(1)));

    StagedBlob blob = unpack("daily.zip", zip);

    assertThat(blob.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.errorCode()).isEqualTo(ErrorCode.ZIP_UNSAFE_ENTRY));
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s).isEmpty();
    }
  }

  // --- duplicates ---

  @Test
  void theSameNameTwiceWithDifferentContentKeepsBoth() throws IOException {
    byte[] zipBytes =
        new TestZip().deflated("logs/A.trn", log(1)).deflated("logs/B.trn", log(2)).toBytes();
    Path zip = zip("dup.zip", TestZip.replaceAll(zipBytes, "logs/B.trn", "logs/A.trn"));

    StagedBlob blob = unpack("dup.zip", zip);

    assertThat(blob.validated())
        .extracting(StagedFile::entryName)
        .containsExactly("logs/A.trn", "logs/A.trn");
    Path dir = blobDir("dup.zip");
    assertThat(blob.files())
        .extracting(StagedFile::path)
        .containsExactly(dir.resolve("logs/A.trn"), dir.resolve("logs/A~2.trn"));
    assertThat(Files.readAllBytes(dir.resolve("logs/A.trn"))).isEqualTo(log(1));
    assertThat(Files.readAllBytes(dir.resolve("logs/A~2.trn"))).isEqualTo(log(2));
  }

  @Test
  void aFileAndADirectoryOfTheSameNameBothStayInside() throws IOException {
    byte[] zipBytes =
        new TestZip()
            .deflated("logs/RestoreTimeClean_1.trn", log(1))
            .deflated("LOGS", log(3))
            .deflated("placeholder_for_a_clash_1.trn", log(2))
            .toBytes();
    // "LOGS" becomes "logs": a file named like the directory made for the first entry; and the
    // placeholder becomes "logs/RestoreTimeClean_1.trn/...": a directory under a staged file.
    zipBytes = TestZip.replaceAll(zipBytes, "LOGS", "logs");
    zipBytes =
        TestZip.replaceAll(
            zipBytes, "placeholder_for_a_clash_1.trn", "logs/RestoreTimeClean_1.trn/x");
    Path zip = zip("clash.zip", zipBytes);

    StagedBlob blob = unpack("clash.zip", zip);

    assertThat(blob.files())
        .extracting(StagedFile::entryName)
        .containsExactly("logs/RestoreTimeClean_1.trn", "logs");
    assertThat(blob.files().get(1).path()).isEqualTo(blobDir("clash.zip").resolve("logs~2"));
    assertThat(blob.skipped())
        .extracting(SkippedEntry::entryName)
        .contains("logs/RestoreTimeClean_1.trn/x");
    assertThat(blob.problem()).isNull();
    assertThat(stagedFiles()).noneMatch(f -> f.endsWith(".part"));
  }

  @Test
  void theSameNameTwiceWithIdenticalContentIsKeptOnceAndReported() throws IOException {
    byte[] zipBytes = new TestZip().deflated("A.trn", log(1)).deflated("B.trn", log(1)).toBytes();
    Path zip = zip("dup.zip", TestZip.replaceAll(zipBytes, "B.trn", "A.trn"));

    StagedBlob blob = unpack("dup.zip", zip);

    assertThat(blob.validated()).hasSize(1);
    assertThat(blob.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.errorCode()).isNull();
              assertThat(s.reason()).contains("identical duplicate of entry #1");
            });
  }

  @Test
  void theSameLogInTwoZipsIsStagedFromBoth() {
    Path monday = zip("monday.zip", new TestZip().deflated("RestoreTimeClean_1.trn", log(1)));
    Path tuesday =
        zip(
            "tuesday.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("RestoreTimeClean_2.trn", log(2)));

    StagedBlob a = unpack("monday.zip", monday);
    StagedBlob b = unpack("tuesday.zip", tuesday);

    assertThat(a.validated()).hasSize(1);
    assertThat(b.validated()).hasSize(2);
    assertThat(a.files().get(0).path()).isNotEqualTo(b.files().get(0).path());
    assertThat(a.files().get(0).header()).isEqualTo(b.files().get(0).header());
    assertThat(a.files().get(0).path()).exists();
  }

  @Test
  void unpackingTheSameBlobAgainGivesTheSameResult() {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("StopAt_1.trn", corpus("sql2008-backups/StopAt/StopAt_1.trn")));

    StagedBlob first = unpack("daily.zip", zip);
    StagedBlob again = unpack("daily.zip", zip);

    assertThat(again).usingRecursiveComparison().isEqualTo(first);
  }

  // --- checking in place ---

  @Test
  void checkingAZipInPlaceWritesNothingAndJudgesAlike() throws IOException {
    Path zip =
        zip(
            "daily.zip",
            new TestZip()
                .deflated("RestoreTimeClean_1.trn", log(1))
                .deflated("StopAt_1.trn", corpus("sql2008-backups/StopAt/StopAt_1.trn")));

    StagedBlob blob = BlobUnpacker.check(zip, "daily.zip", CLEAN, ZipLimits.DEFAULTS);

    assertThat(blob.kind()).isEqualTo(BlobKind.LOG_ZIP);
    assertThat(blob.validated()).hasSize(1);
    assertThat(blob.quarantined())
        .singleElement()
        .satisfies(f -> assertThat(f.errorCode()).isEqualTo(ErrorCode.OTHER_DATABASE));
    assertThat(blob.files()).allMatch(f -> f.path().equals(zip));
    assertThat(stagedFiles()).isEmpty();
    try (Stream<Path> s = Files.list(zip.getParent())) {
      assertThat(s).containsExactly(zip);
    }
  }
}
