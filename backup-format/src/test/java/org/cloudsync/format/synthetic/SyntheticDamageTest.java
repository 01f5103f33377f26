package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticDamageTest {
  final SyntheticBackup intact =
      SyntheticBackupWriter.headerOnly()
          .withDataBytes(20_000)
          .encode(SyntheticBackupWriterTest.full());

  static List<String> badBlocks(MtfScan s) {
    List<String> out = new ArrayList<>();
    for (MtfScan.ScannedBlock b : s.blocks) {
      if (!b.checksumOk()) {
        out.add(b.type() + "@" + b.offset());
      }
    }
    return out;
  }

  static List<String> badStreams(MtfScan s) {
    List<String> out = new ArrayList<>();
    for (MtfScan.ScannedBlock b : s.blocks) {
      for (MtfScan.ScannedStream st : b.streams()) {
        if (!st.checksumOk()) {
          out.add(b.type() + "/" + st.id());
        }
      }
    }
    return out;
  }

  @Test
  void truncationCutsTheFileAtTheOffset() {
    SyntheticBackup cut = intact.damaged(SyntheticDamage.truncatedAt(0x700));
    assertThat(cut.size()).isEqualTo(0x700);
    assertThat(cut.toBytes()).hasSize(0x700);
    assertThat(cut.toBytes()).isEqualTo(java.util.Arrays.copyOf(intact.toBytes(), 0x700));
    assertThat(cut.damage()).isEqualTo("truncated at 0x700");
    assertThat(intact.damaged(SyntheticDamage.truncatedAt(intact.size() + 10)).size())
        .isEqualTo(intact.size());
  }

  @Test
  void truncationInsideTheDataIsHonouredBySparseWrites(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    long inData = intact.block("MSDA").offset() + 0x1000;
    SyntheticBackup cut = intact.damaged(SyntheticDamage.truncatedAt(inData));
    java.nio.file.Path f = dir.resolve("cut.bak");
    cut.writeSparseTo(f);
    assertThat(java.nio.file.Files.size(f)).isEqualTo(inData);
    assertThat(java.nio.file.Files.readAllBytes(f)).isEqualTo(cut.toBytes());
  }

  @Test
  void aFlippedBlockHeaderBitBreaksThatBlocksChecksumOnly() {
    for (String type : List.of("TAPE", "SSET", "VOLB", "MSCI", "MSDA", "MSLS", "ESET")) {
      SyntheticBackup bad = intact.damaged(SyntheticDamage.flippedBlockHeaderBit(type, 20, 3));
      MtfScan s = new MtfScan(bad.toBytes());
      assertThat(badBlocks(s)).containsExactly(type + "@" + intact.block(type).offset());
      assertThat(bad.size()).isEqualTo(intact.size());
    }
  }

  @Test
  void flippingEveryBlockByIndexIsPossible() {
    int n = intact.blocks().size();
    for (int i = 0; i < n; i++) {
      SyntheticBackup bad = intact.damaged(SyntheticDamage.flippedBlockHeaderBit(i, 50, 0));
      MtfScan s = new MtfScan(bad.toBytes());
      assertThat(badBlocks(s))
          .containsExactly(s.blocks.get(i).type() + "@" + s.blocks.get(i).offset());
    }
    assertThatThrownBy(() -> intact.damaged(SyntheticDamage.flippedBlockHeaderBit(n, 0, 0)))
        .hasMessageContaining("no block " + n);
  }

  @Test
  void aFlippedStreamHeaderBitBreaksThatStreamsChecksumOnly() {
    SyntheticBackup bad =
        intact.damaged(SyntheticDamage.flippedStreamHeaderBit("MSLS", "MQCI", 5, 1));
    MtfScan s = new MtfScan(bad.toBytes());
    assertThat(badStreams(s)).containsExactly("MSLS/MQCI");
    assertThat(badBlocks(s)).isEmpty();
    SyntheticBackup raid =
        intact.damaged(SyntheticDamage.flippedStreamHeaderBit("TAPE", "RAID", 0, 0));
    assertThat(badStreams(new MtfScan(raid.toBytes()))).containsExactly("TAPE/SAID");
  }

  @Test
  void swappedBlocksKeepValidChecksumsInTheWrongOrder() {
    SyntheticBackup bad = intact.damaged(SyntheticDamage.swappedBlocks("SSET", "VOLB"));
    MtfScan s = new MtfScan(bad.toBytes());
    assertThat(s.blockTypes().subList(0, 4)).containsExactly("TAPE", "SFMB", "VOLB", "SSET");
    assertThat(badBlocks(s)).isEmpty();
    assertThat(bad.damage()).isEqualTo("SSET and VOLB blocks swapped");
  }

  @Test
  void aStreamLengthBeyondTheEndHasAValidChecksum() {
    SyntheticBackup bad = intact.damaged(SyntheticDamage.streamLengthBeyondEnd("MSCI", "MQCI"));
    MtfScan s = new MtfScan(bad.toBytes());
    MtfScan.ScannedStream mqci = s.first("MSCI").stream("MQCI");
    assertThat(mqci.checksumOk()).isTrue();
    assertThat(mqci.offset() + 22 + mqci.length()).isGreaterThan(bad.size());
    assertThat(bad.block("MSCI").streams().get(0).length()).isEqualTo(mqci.length());
  }

  @Test
  void garbageInsteadOfTheTapeBlockIsReproducible() {
    SyntheticBackup bad = intact.damaged(SyntheticDamage.garbageTape(42));
    byte[] b = bad.toBytes();
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isNotEqualTo("TAPE")
        .doesNotStartWith("MSSQ");
    assertThat(b).isEqualTo(intact.damaged(SyntheticDamage.garbageTape(42)).toBytes());
    assertThat(java.util.Arrays.copyOfRange(b, 1024, b.length))
        .isEqualTo(java.util.Arrays.copyOfRange(intact.toBytes(), 1024, b.length));
  }

  @Test
  void damageComposesAndLeavesTheOriginalIntact() {
    SyntheticBackup twice =
        intact
            .damaged(SyntheticDamage.flippedBlockHeaderBit("SSET", 4, 0))
            .damaged(SyntheticDamage.truncatedAt(0x1000));
    assertThat(twice.size()).isEqualTo(0x1000);
    assertThat(twice.damage()).contains("SSET").contains("truncated at 0x1000");
    assertThat(badBlocks(new MtfScan(intact.toBytes()))).isEmpty();
    assertThat(intact.damage()).isNull();
  }

  @Test
  void damageAimedAtSomethingAbsentIsRefused() {
    assertThatThrownBy(() -> intact.damaged(SyntheticDamage.flippedBlockHeaderBit("DIRB", 0, 0)))
        .hasMessageContaining("no DIRB block");
    assertThatThrownBy(
            () -> intact.damaged(SyntheticDamage.flippedStreamHeaderBit("SSET", "MQCI", 0, 0)))
        .hasMessageContaining("no MQCI stream in the SSET block");
    assertThatThrownBy(() -> SyntheticDamage.flippedBlockHeaderBit("SSET", 52, 0))
        .hasMessageContaining("0 to 51");
    assertThatThrownBy(() -> SyntheticDamage.flippedStreamHeaderBit("SSET", "SPAD", 0, 8))
        .hasMessageContaining("0 to 7");
  }
}
