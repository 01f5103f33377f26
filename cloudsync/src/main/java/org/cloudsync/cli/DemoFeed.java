package org.cloudsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.slf4j.LoggerFactory;

/**
 * The demo's feed: database {@value #DATABASE}, an initial full striped over two files, then one
 * zip per day of log backups every 4 hours. Fixed seed and dates, so every run writes the same
 * headers.
 */
final class DemoFeed {
  static final String DATABASE = "DemoClinic";
  private static final LocalDateTime FULL_START = LocalDateTime.of(2026, 1, 4, 22, 0);
  private static final ZoneOffset ZONE = ZoneOffset.ofHours(-5);
  private static final long SEED = 2026;
  private static final Duration LOG_INTERVAL = Duration.ofHours(4);

  private DemoFeed() {}

  /** Writes the synthetic feed of {@code days} daily zips into {@code dir}. */
  static SyntheticFeed.Manifest write(Path dir, int days) {
    try {
      return SyntheticFeed.builder(DATABASE, FULL_START, ZONE, SEED)
          .days(days)
          .logInterval(LOG_INTERVAL)
          .fullStripes(2)
          .build()
          .writeTo(dir);
    } catch (UncheckedIOException e) {
      throw new CloudsyncException(
          ErrorCode.OUTPUT_UNWRITABLE,
          "cannot write the demo feed into '" + dir + "': " + BackupScanner.reason(e.getCause()),
          List.of("choose a writable directory with --dir"),
          e);
    }
  }

  /** Deletes {@code dir} and everything under it; logs a warning when it cannot. */
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
      // Best effort: failing to tidy a temporary directory must not hide the demo's outcome.
      LoggerFactory.getLogger(DemoFeed.class)
          .warn("could not remove the demo directory '{}': {}", dir, BackupScanner.reason(e));
    }
  }
}
