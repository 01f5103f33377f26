package org.cloudsync.format.mtf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.testing.ByteArrayChannel;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.format.xpress.XpressHuffmanDecoder;
import org.junit.jupiter.api.Test;

/**
 * A header read fetches the blocks' headers, not the data: a few kilobytes from the head and the
 * tail of a file, and from a compressed file only the descriptor records are decompressed.
 */
class HeadAndTailReadTest {

  private static List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(Corpus.backups())) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("headers.tsv"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aHeaderReadFetchesKilobytesNotTheWholeFile() throws IOException {
    StringBuilder report = new StringBuilder();
    for (Path file : files()) {
      long size = Files.size(file);
      OfflineHeaderReader.Outcome outcome;
      try (SeekableByteChannel ch = Files.newByteChannel(file)) {
        outcome =
            OfflineHeaderReader.read(
                new ChannelSource(ch), new ReadContext(file.getFileName().toString(), false));
      }
      assertThat(outcome.result()).isInstanceOf(ReadResult.Headers.class);
      long fetched = outcome.bytesFetched();
      report.append(String.format("%8d of %8d bytes  %s%n", fetched, size, file.getFileName()));
      if (file.toString().contains("compressed")) {
        // No index is used yet: each record header is fetched (one sector per 64 KiB of data).
        assertThat(fetched).as(file.toString()).isLessThan(size / 10);
      } else {
        // Block and stream headers only, in 8 KiB windows: head and tail, whatever the size.
        assertThat(fetched).as(file.toString()).isLessThanOrEqualTo(64 * 1024);
      }
    }
    System.out.print(report);
  }

  @Test
  void aCompressedHeaderDecompressesOnlyDescriptorRecords() throws IOException {
    Path file = Corpus.backups().resolve("compressed/SharePoint_Config.bak");
    byte[] bytes = Files.readAllBytes(file);
    List<Integer> decodedSizes = new ArrayList<>();
    RecordDecoder counting =
        (in, off, len, size) -> {
          decodedSizes.add(size);
          return XpressHuffmanDecoder.decompress(in, off, len, size);
        };
    ReadContext ctx = new ReadContext("SharePoint_Config.bak", false);
    ChannelSource src = new ChannelSource(new ByteArrayChannel(bytes));
    List<BackupHeader> sets = new CompressedContainer(src, ctx, counting).readSets();
    assertThat(sets).extracting(BackupHeader::position).containsExactly(1, 2);
    assertThat(sets).allSatisfy(h -> assertThat(h.compressed()).isTrue());
    // TAPE, then per set: SSET/VOLB/MSCI, the end of the data stream, the MSTL/MSLS trailer, ESET.
    assertThat(decodedSizes).hasSize(9).doesNotContain(64 * 1024);
    assertThat(src.bytesFetched()).isLessThan(bytes.length / 10);
  }

  @Test
  void theTwoSetsOfTheCompressedSampleAreReadFromTheirOwnBlocks() {
    Path file = Corpus.backups().resolve("compressed/SharePoint_Config.bak");
    List<BackupHeader> sets =
        ((ReadResult.Headers) org.cloudsync.format.BackupReader.read(file, "c.bak")).sets();
    BackupHeader first = sets.get(0);
    BackupHeader second = sets.get(1);
    assertThat(second.databaseBackupLsn()).isEqualTo(first.checkpointLsn());
    assertThat(second.backupSetGuid()).isNotEqualTo(first.backupSetGuid());
    assertThat(second.backupStartDate()).isAfter(first.backupStartDate());
    assertThat(first.backupFinishDate()).isBeforeOrEqualTo(second.backupStartDate());
    assertThat(first.mediaSetId()).isEqualTo(second.mediaSetId());
    assertThat(first.compressedBackupSize()).isLessThan(first.backupSize());
  }
}
