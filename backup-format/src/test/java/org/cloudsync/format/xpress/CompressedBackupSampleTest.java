package org.cloudsync.format.xpress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.format.xpress.MssqlbakWalker.Entry;
import org.cloudsync.format.xpress.MssqlbakWalker.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real compressed sample ({@code compressed/SharePoint_Config.bak}, SQL Server 2014, two full
 * backups on one media) decodes record by record into the usual MTF blocks.
 */
class CompressedBackupSampleTest {
  private static byte[] file;
  private static List<Entry> entries;

  @BeforeAll
  static void load() throws Exception {
    file = Files.readAllBytes(Corpus.backups().resolve("compressed/SharePoint_Config.bak"));
    entries = MssqlbakWalker.walk(file);
  }

  private static List<Entry> compressed() {
    return entries.stream().filter(e -> e.kind() == Kind.COMPRESSED).toList();
  }

  private static byte[] decompress(Entry e) throws XpressFormatException {
    return XpressHuffmanDecoder.decompress(
        file, e.payloadOffset(), e.payloadLength(), e.uncompressedSize());
  }

  private static String tag(byte[] data, int at) {
    return new String(data, at, 4, StandardCharsets.US_ASCII);
  }

  private static int u16(byte[] data, int at) {
    return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
  }

  private static long u64(byte[] data, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (data[at + i] & 0xff);
    }
    return v;
  }

  /** MTF block header checksum: XOR of the first 25 little-endian words equals the word at 50. */
  private static boolean headerChecksumHolds(byte[] data, int at) {
    int xor = 0;
    for (int i = 0; i < 25; i++) {
      xor ^= u16(data, at + 2 * i);
    }
    return xor == u16(data, at + 50);
  }

  @Test
  void startsWithTheMssqlbakSignature() {
    assertThat(new String(file, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("MSSQLBAK");
    assertThat(entries.get(0).offset()).isEqualTo(0x1E0);
  }

  @Test
  void recordZeroIsTheTapeBlock() throws Exception {
    Entry first = compressed().get(0);
    assertThat(first.offset()).isEqualTo(0x1E0);
    assertThat(first.sizeUnits()).isEqualTo(2);

    byte[] tape = decompress(first);

    assertThat(tape).hasSize(1024);
    assertThat(tag(tape, 0)).isEqualTo("TAPE");
    assertThat(headerChecksumHolds(tape, 0)).isTrue();
  }

  @Test
  void recordOneHoldsSsetVolbAndMsci() throws Exception {
    Entry second = compressed().get(1);
    assertThat(second.offset()).isEqualTo(0x600);
    assertThat(second.sizeUnits()).isEqualTo(14);

    byte[] blocks = decompress(second);

    assertThat(tag(blocks, 0)).isEqualTo("SSET");
    assertThat(tag(blocks, 0x400)).isEqualTo("VOLB");
    assertThat(tag(blocks, 0x800)).isEqualTo("MSCI");
    for (int at : new int[] {0, 0x400, 0x800}) {
      assertThat(headerChecksumHolds(blocks, at)).as("block at 0x%x", at).isTrue();
    }
  }

  @Test
  void theReadingOfByteOneAsASizeInSectorsHoldsForEveryRecord() throws Exception {
    // Every record decodes to exactly 512 * byte 1 bytes, ending in the end-of-file symbol.
    long total = 0;
    for (Entry e : compressed()) {
      total += decompress(e).length;
    }
    assertThat(compressed()).hasSize(459);
    assertThat(total).isEqualTo(compressed().stream().mapToLong(Entry::uncompressedSize).sum());
    // The other reading (byte 1 as a record type) would give 1 KiB to a 64 KiB extent; a
    // smaller declared size is refused.
    Entry extent = compressed().get(2);
    assertThat(extent.sizeUnits()).isEqualTo(0x80);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                XpressHuffmanDecoder.decompress(
                    file, extent.payloadOffset(), extent.payloadLength(), 1024))
        .isInstanceOf(XpressFormatException.class);
  }

  @Test
  void theWalkCoversTheFileExactlyWithKnownItems() {
    assertThat(entries.get(entries.size() - 1).end()).isEqualTo(file.length);
    Map<Kind, Long> counts =
        entries.stream().collect(Collectors.groupingBy(Entry::kind, Collectors.counting()));
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Kind.COMPRESSED, 459L, Kind.PAD, 3L, Kind.INDEX, 2L, Kind.SFMB, 5L));
    Map<Integer, Long> sizes =
        compressed().stream()
            .collect(Collectors.groupingBy(Entry::sizeUnits, TreeMap::new, Collectors.counting()));
    assertThat(sizes)
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of(2, 1L, 4, 2L, 6, 2L, 14, 2L, 50, 2L, 128, 450L)));
    for (Entry e : entries) {
      if (e.kind() != Kind.COMPRESSED) {
        assertThat(e.end() % MssqlbakWalker.SECTOR).as("%s at 0x%x", e.kind(), e.offset()).isZero();
      }
      if (e.kind() == Kind.SFMB) {
        assertThat(headerChecksumHolds(file, (int) e.offset())).isTrue();
      }
    }
  }

  @Test
  void eachSetEndsWithMqdaThenTheMslsRecordThenAnIndexThenSfmbAndEset() throws Exception {
    List<Integer> indexes = indexesOf(Kind.INDEX);
    assertThat(indexes).hasSize(2);
    for (int index : indexes) {
      Entry mqda = entries.get(index - 3);
      Entry mslsRecord = entries.get(index - 1);
      Entry sfmb = entries.get(index + 1);
      Entry eset = entries.get(index + 2);

      byte[] mqdaBlocks = decompress(mqda);
      assertThat(tag(mqdaBlocks, 0)).isEqualTo("MQDA");
      byte[] tail = decompress(mslsRecord);
      assertThat(mslsRecord.sizeUnits()).isEqualTo(50);
      assertThat(tag(tail, 0x5400)).isEqualTo("MSLS");
      assertThat(headerChecksumHolds(tail, 0x5400)).isTrue();
      assertThat(tag(tail, 0x5438)).isEqualTo("MQCI");
      assertThat(sfmb.kind()).isEqualTo(Kind.SFMB);
      byte[] esets = decompress(eset);
      assertThat(tag(esets, 0)).isEqualTo("ESET");
      assertThat(tag(esets, 0x800)).isEqualTo("ESET");
      assertThat(headerChecksumHolds(esets, 0)).isTrue();
      assertThat(headerChecksumHolds(esets, 0x800)).isTrue();

      // The index names the physical offsets of the MQDA record and of the MSLS record.
      int body = (int) entries.get(index).offset() + MssqlbakWalker.PAD_HEADER;
      assertThat(u64(file, body + 0x18)).isEqualTo(mqda.offset());
      assertThat(u64(file, body + 0x28)).isEqualTo(mslsRecord.offset());
      assertThat(u64(file, body + 0x20) - u64(file, body + 0x10)).isEqualTo(0x10800);
    }
  }

  private static List<Integer> indexesOf(Kind kind) {
    return java.util.stream.IntStream.range(0, entries.size())
        .filter(i -> entries.get(i).kind() == kind)
        .boxed()
        .toList();
  }
}
