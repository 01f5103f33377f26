package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks whose checksums are all valid but that stand in the wrong order inside a set are a
 * structure error naming the misplaced block, its offset and the order rule, from a file and from a
 * stream alike.
 */
class BlockOrderTest {
  final SyntheticBackupWriter writer = SyntheticBackupWriter.headerOnly().withDataBytes(4096);

  @TempDir Path dir;

  @Test
  void theIntactFilesReadInTheirOwnOrder() {
    for (SyntheticBackup intact :
        new SyntheticBackup[] {
          writer.encode(SyntheticBackupWriterTest.log()),
          writer.encode(SyntheticBackupWriterTest.full())
        }) {
      assertThat(BackupReader.read(new ByteArrayInputStream(intact.toBytes()), "ok.bak"))
          .isInstanceOf(ReadResult.Headers.class);
    }
  }

  @Test
  void anMstlBeforeTheMsciIsAStructureError() {
    SyntheticBackup bad =
        writer
            .encode(SyntheticBackupWriterTest.log())
            .damaged(SyntheticDamage.swappedBlocks("MSCI", "MSTL"));
    assertOutOfOrder(bad, "MSTL", "MSTL block before the set's MSCI block");
  }

  @Test
  void anMstlAfterTheMslsIsAStructureError() {
    SyntheticBackup bad =
        writer
            .encode(SyntheticBackupWriterTest.log())
            .damaged(SyntheticDamage.swappedBlocks("MSTL", "MSLS"));
    assertOutOfOrder(bad, "MSTL", "MSTL block after the set's MSLS block");
  }

  @Test
  void anMsdaBeforeTheMsciIsAStructureError() {
    SyntheticBackup bad =
        writer
            .encode(SyntheticBackupWriterTest.full())
            .damaged(SyntheticDamage.swappedBlocks("MSCI", "MSDA"));
    assertOutOfOrder(bad, "MSDA", "MSDA block before the set's MSCI block");
  }

  @Test
  void aVolbAfterTheMsciIsAStructureError() {
    SyntheticBackup bad =
        writer
            .encode(SyntheticBackupWriterTest.log())
            .damaged(SyntheticDamage.swappedBlocks("VOLB", "MSCI"));
    assertOutOfOrder(bad, "VOLB", "VOLB block after the set's MSCI block");
  }

  private void assertOutOfOrder(SyntheticBackup bad, String block, String rule) {
    long at = bad.block(block).offset();
    Path file = dir.resolve("bad.trn");
    bad.writeTo(file);
    assertThatThrownBy(() -> BackupReader.read(file, "bad.trn"))
        .as(bad.damage())
        .isInstanceOfSatisfying(BackupFormatException.class, e -> assertNames(e, block, at, rule));
    assertThatThrownBy(() -> BackupReader.read(new ByteArrayInputStream(bad.toBytes()), "bad.trn"))
        .as(bad.damage())
        .isInstanceOfSatisfying(BackupFormatException.class, e -> assertNames(e, block, at, rule));
  }

  private static void assertNames(BackupFormatException e, String block, long at, String rule) {
    assertThat(e.code()).isEqualTo(ErrorCode.MTF_STRUCTURE);
    assertThat(e.block()).isEqualTo(block);
    assertThat(e.offset()).isEqualTo(at);
    assertThat(e.getMessage())
        .contains("bad.trn")
        .contains(rule)
        .contains("SSET VOLB MSCI [MSDA…] MSTL… MSLS SFMB ESET");
  }
}
