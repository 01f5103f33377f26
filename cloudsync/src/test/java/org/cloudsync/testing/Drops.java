package org.cloudsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/** Directory drops of generated feeds, for tests that run a directory source. */
public final class Drops {
  private Drops() {}

  /**
   * Dates every file of {@code drop} a day back: a directory source ignores files modified in the
   * last minute (still being written), so a feed written just now is taken at once.
   */
  public static void settle(Path drop) throws IOException {
    FileTime past = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
    try (Stream<Path> files = Files.walk(drop)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(f, past);
      }
    }
  }
}
