package org.cloudsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aZip64DirectoryOfManyEntriesIsReadToItsEnd() throws IOException {
    TestZip zip = new TestZip();
    for (int i = 0; i < 70_000; i++) { // over 65,535: the zip64 end records are written
      zip.stored("e" + i, new byte[0]);
    }
    byte[] bytes = zip.toBytes();
    int last = bytes.length - 4;
    while (!(bytes[last] == 'P'
        && bytes[last + 1] == 'K'
        && bytes[last + 2] == 1
        && bytes[last + 3] == 2)) {
      last--;
    }
    bytes[last + 5] = 3; // made on Unix
    ByteBuffer.wrap(bytes, last + 38, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0120777 << 16);
    Path file = Files.write(tmp.resolve("many.zip"), bytes);

    BitSet links = CentralDirectory.symlinks(file);

    assertThat(links).isNotNull();
    assertThat(links.stream().toArray()).containsExactly(69_999);
  }

  @Test
  void somethingThatIsNotAZipGivesNoAnswer() throws IOException {
    Path file = Files.write(tmp.resolve("x.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});

    assertThat(CentralDirectory.symlinks(file)).isNull();
  }
}
