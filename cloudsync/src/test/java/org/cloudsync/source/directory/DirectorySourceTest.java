package org.cloudsync.source.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.ByteRange;
import org.cloudsync.source.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  @TempDir Path root;

  private Path write(String name, String content, Instant modified) throws Exception {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private DirectorySource at(Instant now) {
    return new DirectorySource(root, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(1));
  }

  @Test
  void ignoresFilesModifiedWithinTheLastMinute() throws Exception {
    write("settled.trn", "a", NOW.minusSeconds(61));
    write("writing.trn", "b", NOW.minusSeconds(30));

    assertThat(at(NOW).list()).extracting(BlobInfo::name).containsExactly("settled.trn");
    assertThat(at(NOW.plusSeconds(31)).list())
        .extracting(BlobInfo::name)
        .containsExactly("settled.trn", "writing.trn");
  }

  @Test
  void namesFilesByRelativePathWithSlashes() throws Exception {
    write("2026/11/day.zip", "x", NOW.minusSeconds(3600));
    assertThat(at(NOW).list()).extracting(BlobInfo::name).containsExactly("2026/11/day.zip");
    assertThat(at(NOW).describe()).isEqualTo("directory " + root.toAbsolutePath());
  }

  @Test
  void theEtagIsAFunctionOfSizeAndModificationTime() throws Exception {
    Instant t = NOW.minusSeconds(3600);
    Path file = write("a.trn", "abc", t);
    String first = at(NOW).list().get(0).etag();

    Files.writeString(file, "xyz");
    Files.setLastModifiedTime(file, FileTime.from(t));
    assertThat(at(NOW).list().get(0).etag()).as("same size and time").isEqualTo(first);

    Files.setLastModifiedTime(file, FileTime.from(t.plusMillis(1)));
    assertThat(at(NOW).list().get(0).etag()).as("touched").isNotEqualTo(first);

    Files.writeString(file, "abcd");
    Files.setLastModifiedTime(file, FileTime.from(t));
    assertThat(at(NOW).list().get(0).etag()).as("grown").isNotEqualTo(first);
  }

  @Test
  void readsRangesInPlace() throws Exception {
    write("a.trn", "0123456789", NOW.minusSeconds(3600));
    DirectorySource source = at(NOW);
    BlobInfo blob = source.list().get(0);
    try (InputStream in = source.open(blob, ByteRange.of(3, 4))) {
      assertThat(new String(in.readAllBytes())).isEqualTo("3456");
    }
  }

  @Test
  void aMissingRootIsContainerNotFound() {
    DirectorySource source =
        new DirectorySource(root.resolve("absent"), Clock.systemUTC(), Duration.ofMinutes(1));
    assertThatThrownBy(source::list)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONTAINER_NOT_FOUND);
              assertThat(e.getMessage()).contains("absent");
            });
  }

  @Test
  void namesOutsideTheRootAreRefused() {
    BlobInfo escape = new BlobInfo("../x", 1, "e", null, NOW);
    assertThatThrownBy(() -> at(NOW).open(escape, ByteRange.all()))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_NAME_UNSAFE));
  }
}
