package org.cloudsync.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.cloudsync.format.testing.ByteArrayChannel;

/**
 * Mutated corpus files (byte changes concentrated where the reader looks, cuts, inserted and
 * removed runs): the reader returns a result or throws a typed {@link BackupFormatException}, never
 * another exception and never an internal error, and the file and stream paths agree.
 */
class ReaderFuzzTest {
  private static final List<byte[]> FILES = new ArrayList<>();

  @BeforeContainer
  static void loadCorpus() throws IOException {
    if (!FILES.isEmpty()) {
      return;
    }
    for (Path file : CorpusHeadersTest.backupFiles()) {
      FILES.add(Files.readAllBytes(file));
    }
  }

  /** One mutation: which file, and a seed-driven list of edits. */
  record Mutation(int file, List<int[]> edits) {
    byte[] apply() {
      byte[] b = FILES.get(file % FILES.size());
      byte[] out = b.clone();
      int length = out.length;
      for (int[] e : edits) {
        int kind = e[0];
        int at = position(e[1], e[2], length);
        switch (kind) {
          case 0 -> out[at] ^= (byte) (1 << (e[3] & 7)); // flip a bit
          case 1 -> out[at] = (byte) e[3]; // set a byte
          case 2 -> length = Math.max(0, at); // cut
          case 3 -> { // shift a run left (delete bytes)
            int n = Math.min(1 + (e[3] & 0x3FF), length - at);
            System.arraycopy(out, at + n, out, at, length - at - n);
            length -= n;
          }
          default -> { // write a little-endian u32, as a length field would be
            for (int i = 0; i < 4 && at + i < length; i++) {
              out[at + i] = (byte) (e[3] >>> (8 * i));
            }
          }
        }
      }
      return java.util.Arrays.copyOf(out, length);
    }

    /** Head (first 16 KiB), tail (last 16 KiB) or anywhere, chosen by {@code zone}. */
    private static int position(int zone, int r, int length) {
      if (length == 0) {
        return 0;
      }
      int window = Math.min(length, 16 * 1024);
      return switch (Math.floorMod(zone, 3)) {
        case 0 -> Math.floorMod(r, window);
        case 1 -> length - 1 - Math.floorMod(r, window);
        default -> Math.floorMod(r, length);
      };
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers(),
                Arbitraries.integers(),
                Arbitraries.integers())
            .as((k, z, r, v) -> new int[] {k, z, r, v});
    return Combinators.combine(
            Arbitraries.integers().between(0, 1000), edit.list().ofMinSize(1).ofMaxSize(6))
        .as(Mutation::new);
  }

  @Property(tries = 1500, seed = "20261126")
  void aMutatedFileReadsOrFailsWithATypedError(@ForAll("mutations") Mutation m) {
    byte[] bytes = m.apply();
    long start = System.nanoTime();
    Outcome fromFile = outcome(() -> BackupReader.read(new ByteArrayChannel(bytes), "fuzz.bak"));
    Outcome fromStream =
        outcome(() -> BackupReader.read(new ByteArrayInputStream(bytes), "fuzz.bak"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).as("two reads of a mutated file take seconds at most").isLessThan(10_000);
    for (Outcome o : List.of(fromFile, fromStream)) {
      if (o.error() != null) {
        assertThat(o.error()).isInstanceOf(BackupFormatException.class);
        BackupFormatException e = (BackupFormatException) o.error();
        assertThat(e.code()).as(e.getMessage()).isNotEqualTo(ErrorCode.INTERNAL);
        assertThat(e.getMessage()).startsWith("'fuzz.bak'");
      }
    }
    String outcome =
        fromFile.error() == null
            ? fromFile.result().getClass().getSimpleName()
            : ((BackupFormatException) fromFile.error()).code().name();
    Statistics.label("outcome").collect(outcome);
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("Headers").count(n -> n >= 100);
              c.check("TRUNCATED").count(n -> n >= 100);
              c.check("MTF_HEADER_CHECKSUM").count(n -> n >= 30);
              c.check("MTF_STREAM_CHECKSUM").count(n -> n >= 5);
            });
    assertThat(fromStream.result()).isEqualTo(fromFile.result());
    if (fromFile.error() != null) {
      assertThat(((BackupFormatException) fromStream.error()).code())
          .isEqualTo(((BackupFormatException) fromFile.error()).code());
    }
  }

  private record Outcome(ReadResult result, Throwable error) {}

  private static Outcome outcome(java.util.function.Supplier<ReadResult> read) {
    try {
      return new Outcome(read.get(), null);
    } catch (Throwable t) {
      return new Outcome(null, t);
    }
  }
}
