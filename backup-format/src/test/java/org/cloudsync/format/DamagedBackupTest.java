package org.cloudsync.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cloudsync.format.testing.ByteArrayChannel;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.format.testing.MtfLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, bit-flipped and foreign files: each a typed error naming file, block and offset. */
class DamagedBackupTest {

  private record Sample(String path, byte[] bytes, List<BackupHeader> sets) {}

  private static List<Sample> samples() throws IOException {
    Path root = Corpus.backups();
    List<Sample> samples = new ArrayList<>();
    for (Path file : CorpusHeadersTest.backupFiles()) {
      String path = CorpusHeadersTest.relative(root, file);
      byte[] bytes = Files.readAllBytes(file);
      ReadResult r = BackupReader.read(new ByteArrayChannel(bytes), path);
      samples.add(new Sample(path, bytes, ((ReadResult.Headers) r).sets()));
    }
    return samples;
  }

  /** Either a typed damage error, or (only for a cut between two sets) the sets before the cut. */
  private static void assertCutIsRejected(Sample s, int cut, ReadResult result, Throwable thrown) {
    String what = s.path() + " cut at 0x" + Integer.toHexString(cut);
    if (thrown == null) {
      assertThat(result).as(what).isInstanceOf(ReadResult.Headers.class);
      List<BackupHeader> sets = ((ReadResult.Headers) result).sets();
      assertThat(sets.size())
          .as(what + ": only a complete earlier set may read")
          .isLessThan(s.sets().size());
      assertThat(sets).as(what).isEqualTo(s.sets().subList(0, sets.size()));
      return;
    }
    assertThat(thrown).as(what).isInstanceOf(BackupFormatException.class);
    BackupFormatException e = (BackupFormatException) thrown;
    ErrorCode expected = cut == 0 ? ErrorCode.NOT_A_BACKUP : ErrorCode.TRUNCATED;
    assertThat(e.code()).as(what + ": " + e.getMessage()).isEqualTo(expected);
    assertThat(e.file()).isEqualTo(s.path());
    assertThat(e.getMessage()).startsWith("'" + s.path() + "'");
  }

  @Test
  void everyCutAtABlockBoundaryAndAtRandomOffsetsIsTruncated() throws IOException {
    Random random = new Random(20261126L);
    int reads = 0;
    for (Sample s : samples()) {
      TreeSet<Integer> cuts = new TreeSet<>();
      for (int cut = 0; cut < s.bytes().length; cut += 512) {
        cuts.add(cut);
      }
      for (int i = 0; i < 40; i++) {
        cuts.add(random.nextInt(s.bytes().length));
      }
      for (int i = 1; i <= 60; i++) {
        cuts.add(Math.max(0, s.bytes().length - i * 7));
      }
      for (int cut : cuts) {
        ReadResult result = null;
        Throwable thrown =
            catchThrowable(() -> BackupReader.read(new ByteArrayChannel(s.bytes(), cut), s.path()));
        if (thrown == null) {
          result = BackupReader.read(new ByteArrayChannel(s.bytes(), cut), s.path());
        }
        assertCutIsRejected(s, cut, result, thrown);
        reads++;
      }
    }
    assertThat(reads).isGreaterThan(1000);
  }

  @Test
  void randomCutsOfAStreamAreTruncatedToo() throws IOException {
    Random random = new Random(7L);
    for (Sample s : samples()) {
      for (int i = 0; i < 12; i++) {
        int cut = 1 + random.nextInt(s.bytes().length - 1);
        ByteArrayInputStream in = new ByteArrayInputStream(s.bytes(), 0, cut);
        Throwable thrown = catchThrowable(() -> BackupReader.read(in, s.path()));
        ReadResult result =
            thrown == null
                ? BackupReader.read(new ByteArrayInputStream(s.bytes(), 0, cut), s.path())
                : null;
        assertCutIsRejected(s, cut, result, thrown);
      }
    }
  }

  @Test
  void aFlippedBitInAnyBlockOrStreamHeaderIsAChecksumError() throws IOException {
    int flips = 0;
    for (Sample s : samples()) {
      if (s.path().startsWith("compressed/")) {
        continue; // its MTF headers are inside compressed records
      }
      MtfLayout layout = MtfLayout.of(s.bytes());
      assertThat(layout.blockHeaders()).hasSizeGreaterThan(10);
      // Every header of every file gets flips; which bytes rotates from header to header, so that
      // across the corpus every byte position of both header kinds is flipped many times.
      int k = 0;
      for (long block : layout.blockHeaders()) {
        for (int j = 0; j < 13; j++, k++) {
          int i = (k * 5 + j * 4) % 52;
          ErrorCode expected =
              block == 0 && i < 4 ? ErrorCode.NOT_A_BACKUP : ErrorCode.MTF_HEADER_CHECKSUM;
          assertFlipFails(s, (int) block + i, k % 8, expected, block);
          flips++;
        }
      }
      for (long stream : layout.streamHeaders()) {
        for (int j = 0; j < 8; j++, k++) {
          int i = (k * 3 + j * 3) % 22;
          assertFlipFails(s, (int) stream + i, k % 8, ErrorCode.MTF_STREAM_CHECKSUM, -1);
          flips++;
        }
      }
    }
    assertThat(flips).isGreaterThan(12_000);
  }

  @Test
  void damagedCompressedRecordsAreTypedErrors() throws IOException {
    byte[] bytes = Files.readAllBytes(Corpus.backups().resolve("compressed/SharePoint_Config.bak"));
    List<BackupHeader> clean =
        ((ReadResult.Headers) BackupReader.read(new ByteArrayChannel(bytes), "c.bak")).sets();
    // Walk the record headers (0x21 marker, size units, u16 payload length) independently.
    List<Integer> records = new ArrayList<>();
    int at = 0x1E0;
    while (at < bytes.length) {
      int marker = bytes[at] & 0xFF;
      int u16 = (bytes[at + 2] & 0xFF) | (bytes[at + 3] & 0xFF) << 8;
      if (marker == 0x21) {
        records.add(at);
        at += 28 + u16;
      } else if (marker == 0x24) {
        at += 24 + u16;
      } else {
        at = (at / 512 + 1) * 512; // an index item or an SFMB block
      }
    }
    assertThat(records).hasSizeGreaterThan(400);
    int errors = 0;
    int changed = 0;
    int reads = 0;
    Random random = new Random(99L);
    for (int r = 0; r < records.size(); r++) {
      int rec = records.get(r);
      boolean descriptor = (bytes[rec + 1] & 0xFF) != 0x80;
      // The marker, size and length bytes of every record; payload bytes of descriptor records.
      List<Integer> positions = new ArrayList<>(List.of(rec, rec + 1, rec + 2, rec + 3));
      if (descriptor) {
        int length = (bytes[rec + 2] & 0xFF) | (bytes[rec + 3] & 0xFF) << 8;
        for (int i = 0; i < 24; i++) {
          positions.add(rec + 28 + random.nextInt(length));
        }
      } else if (r % 25 != 0) {
        continue; // header flips of a sample of the data records keep the runtime modest
      }
      for (int pos : positions) {
        int bit = random.nextInt(8);
        bytes[pos] ^= (byte) (1 << bit);
        try {
          Throwable thrown =
              catchThrowable(() -> BackupReader.read(new ByteArrayChannel(bytes), "c.bak"));
          reads++;
          if (thrown != null) {
            assertThat(thrown).isInstanceOf(BackupFormatException.class);
            BackupFormatException e = (BackupFormatException) thrown;
            assertThat(e.code()).as(e.getMessage()).isNotEqualTo(ErrorCode.INTERNAL);
            assertThat(e.getMessage()).startsWith("'c.bak'");
            errors++;
          } else if (!BackupReader.read(new ByteArrayChannel(bytes), "c.bak")
              .equals(new ReadResult.Headers(clean))) {
            changed++;
          }
        } finally {
          bytes[pos] ^= (byte) (1 << bit);
        }
      }
    }
    assertThat(BackupReader.read(new ByteArrayChannel(bytes), "c.bak"))
        .isEqualTo(new ReadResult.Headers(clean));
    // Decompressed payloads carry no checksum of their own, so a flip can (rarely) survive.
    assertThat(errors).as("flips detected of " + reads).isGreaterThan(reads * 8 / 10);
    // A flip decoding to another value of an unchecked field is the rare silent case.
    assertThat(changed).as("flips that changed a header").isLessThanOrEqualTo(reads / 50);
  }

  private static void assertFlipFails(
      Sample s, int at, int bit, ErrorCode expected, long blockOffset) {
    byte[] copy = s.bytes().clone();
    copy[at] ^= (byte) (1 << bit);
    String what = s.path() + " bit " + bit + " flipped at 0x" + Integer.toHexString(at);
    Throwable thrown =
        catchThrowable(() -> BackupReader.read(new ByteArrayChannel(copy), s.path()));
    assertThat(thrown).as(what).isInstanceOf(BackupFormatException.class);
    BackupFormatException e = (BackupFormatException) thrown;
    assertThat(e.code()).as(what + ": " + e.getMessage()).isEqualTo(expected);
    assertThat(e.getMessage()).startsWith("'" + s.path() + "'");
    if (expected == ErrorCode.MTF_HEADER_CHECKSUM) {
      assertThat(e.offset()).as(what).isEqualTo(blockOffset);
      assertThat(e.getMessage()).contains("header checksum 0x").contains(" != 0x");
    }
    if (expected == ErrorCode.MTF_STREAM_CHECKSUM) {
      assertThat(e.getMessage()).contains("stream header checksum");
    }
  }

  @Test
  void theChecksumMessageNamesFileBlockOffsetAndRule() throws IOException {
    Path file = Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_1.trn");
    byte[] bytes = Files.readAllBytes(file);
    bytes[0x600 + 0x10] ^= 0x01; // inside the SSET block header
    assertThatThrownBy(() -> BackupReader.read(new ByteArrayChannel(bytes), "x_LOG_0101.trn"))
        .isInstanceOfSatisfying(
            BackupFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MTF_HEADER_CHECKSUM);
              assertThat(e.block()).isEqualTo("SSET");
              assertThat(e.offset()).isEqualTo(0x600);
              assertThat(e.getMessage())
                  .matches(
                      "'x_LOG_0101\\.trn': SSET block at 0x600: header checksum 0x[0-9a-f]+ != 0x[0-9a-f]+");
              assertThat(e.describe()).contains("\nhint: ");
            });
  }

  @Test
  void filesThatAreNotBackupsAreNamedAsSuch(@TempDir Path dir) throws IOException {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "these are not the backups you are looking for\n");
    Path empty = dir.resolve("empty.bak");
    Files.write(empty, new byte[0]);
    Path zip = dir.resolve("logs.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("a.trn"));
      out.write("TAPE".getBytes(StandardCharsets.US_ASCII));
      out.closeEntry();
    }
    for (Path p : List.of(text, empty, zip)) {
      String name = p.getFileName().toString();
      assertThatThrownBy(() -> BackupReader.read(p, name))
          .isInstanceOfSatisfying(
              BackupFormatException.class,
              e -> {
                assertThat(e.code()).as(name).isEqualTo(ErrorCode.NOT_A_BACKUP);
                assertThat(e.getMessage()).as(name).startsWith("'" + name + "'");
                assertThat(e.describe()).contains("hint: ");
              });
      assertThatThrownBy(() -> BackupReader.read(Files.newInputStream(p), name))
          .isInstanceOfSatisfying(
              BackupFormatException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_BACKUP));
    }
    assertThatThrownBy(() -> BackupReader.read(dir.resolve("absent.bak"), "absent.bak"))
        .isInstanceOfSatisfying(
            BackupFormatException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE));
  }

  @Test
  void aDamagedZipEntryIsAZipErrorAfterTheHeaderIsRead() throws IOException {
    Path file = Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_1.trn");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(buf)) {
      out.setLevel(0);
      out.putNextEntry(new ZipEntry("a.trn"));
      out.write(Files.readAllBytes(file));
      out.closeEntry();
    }
    byte[] zip = buf.toByteArray();
    zip[zip.length / 2] ^= 0x40; // in the log data, which the reader skips but the CRC covers
    try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
      in.getNextEntry();
      assertThatThrownBy(() -> BackupReader.read(in, "feed.zip!a.trn"))
          .isInstanceOfSatisfying(
              BackupFormatException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ZIP_INVALID);
                assertThat(e.getMessage()).startsWith("'feed.zip!a.trn'");
              });
    }
  }
}
