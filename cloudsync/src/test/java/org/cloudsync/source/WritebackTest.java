package org.cloudsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritebackTest {
  @TempDir Path dir;

  private FileChannel open(FullDisk disk) throws IOException {
    return disk.open(dir.resolve("blob.part"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  @Test
  void forcesOnceForEveryStepWritten() throws Exception {
    FullDisk disk = new FullDisk(Long.MAX_VALUE, Long.MAX_VALUE);
    try (FileChannel channel = open(disk);
        Writeback writeback = new Writeback(channel, 1000)) {
      writeback.wrote(600);
      writeback.finish();
      assertThat(disk.forces).hasValue(0);

      writeback.wrote(400);
      writeback.finish();
      assertThat(disk.forces).hasValue(1);

      writeback.wrote(999);
      writeback.finish();
      assertThat(disk.forces).hasValue(1);

      writeback.wrote(1);
      writeback.finish();
      assertThat(disk.forces).hasValue(2);
    }
  }

  @Test
  void aStepOfZeroNeverForces() throws Exception {
    FullDisk disk = new FullDisk(Long.MAX_VALUE, Long.MAX_VALUE);
    try (FileChannel channel = open(disk);
        Writeback writeback = new Writeback(channel, 0)) {
      writeback.wrote(Long.MAX_VALUE / 2);
      writeback.finish();
    }
    assertThat(disk.forces).hasValue(0);
  }

  @Test
  void aFailedBackgroundForceIsThrownByFinishAndStopsFurtherForces() throws Exception {
    FullDisk disk = new FullDisk(Long.MAX_VALUE, Long.MAX_VALUE).failForces();
    try (FileChannel channel = open(disk);
        Writeback writeback = new Writeback(channel, 10)) {
      writeback.wrote(10);
      assertThatThrownBy(writeback::finish)
          .isInstanceOf(IOException.class)
          .hasMessage("No space left on device");
      writeback.wrote(10);
      assertThatThrownBy(writeback::finish).hasMessage("No space left on device");
      assertThat(disk.forces).hasValue(1);
      assertThat(channel.isOpen()).isTrue();
    }
  }
}
