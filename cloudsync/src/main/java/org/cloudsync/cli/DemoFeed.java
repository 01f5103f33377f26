package org.cloudsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** The demo's synthetic feed on disk: written by the synthetic writer, removed afterwards. */
final class DemoFeed {
  private DemoFeed() {}

  /** Writes an initial full and {@code days} daily zips of logs into {@code dir}. */
  static List<Path> write(Path dir, int days) throws IOException {
    // Filled in once org.cloudsync.format.synthetic.SyntheticFeed is on main.
    throw new UnsupportedOperationException("the synthetic feed writer is not available yet");
  }

  /** Deletes {@code dir} and everything under it. */
  static void delete(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
