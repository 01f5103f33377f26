package org.cloudsync.source.directory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cloudsync.source.BlobSource;
import org.cloudsync.source.BlobSourceContract;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceContractTest extends BlobSourceContract {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path root;
  private int writes;

  @Override
  protected BlobSource source() {
    return new DirectorySource(root, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1));
  }

  @Override
  protected void put(String name, byte[] content) throws Exception {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    // Old enough to be settled, and distinct for every write as a real clock would make it.
    Files.setLastModifiedTime(
        file, FileTime.from(NOW.minus(Duration.ofHours(1)).plusSeconds(++writes)));
  }

  @Override
  protected void delete(String name) throws Exception {
    Files.delete(root.resolve(name));
  }

  @Override
  protected List<String> secrets() {
    return List.of();
  }
}
