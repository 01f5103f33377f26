package org.cloudsync.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cloudsync.format.synthetic.SyntheticBackupWriter;
import org.cloudsync.format.synthetic.SyntheticDatabase;

/**
 * Writes a synthetic full backup of a given size as a sparse file (the data stream is skipped over,
 * not written), for checking that reading its header needs neither the whole file nor a large heap.
 * Used by {@code bench/header-heap.sh}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.cloudsync.bench.SparseBackupFile
 * FILE SIZE_GIB}
 */
public final class SparseBackupFile {
  private SparseBackupFile() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: SparseBackupFile FILE SIZE_GIB");
      System.exit(2);
    }
    long bytes = Long.parseLong(args[1]) << 30;
    SyntheticDatabase db = new SyntheticDatabase("SparseBench", ZoneOffset.UTC, 1);
    SyntheticBackupWriter writer = SyntheticBackupWriter.headerOnly().withDataBytes(bytes);
    writer.encode(db.full(LocalDateTime.of(2026, 1, 1, 0, 0))).writeSparseTo(Path.of(args[0]));
  }
}
