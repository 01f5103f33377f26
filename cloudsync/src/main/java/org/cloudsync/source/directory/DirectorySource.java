package org.cloudsync.source.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.BlobSource;
import org.cloudsync.source.ByteRange;
import org.cloudsync.source.SourceException;

/**
 * A directory as a blob source, for on-premises drops and the demo. Files are listed recursively
 * and named by their path relative to the root with {@code /} separators. A file is identified by
 * path, size and modification time: its etag is a function of size and modification time, so a
 * rewritten file is a changed blob. Files modified within the settle time (one minute by default)
 * are still being written and are not listed. Ranges are read in place through a {@link
 * FileChannel}: nothing is copied.
 */
public final class DirectorySource implements BlobSource {
  /** Files younger than this are left alone: something may still be writing them. */
  public static final Duration DEFAULT_SETTLE = Duration.ofMinutes(1);

  private final Path root;
  private final Clock clock;
  private final Duration settle;

  public DirectorySource(Path root) {
    this(root, Clock.systemUTC(), DEFAULT_SETTLE);
  }

  public DirectorySource(Path root, Clock clock, Duration settle) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
    this.settle = settle;
  }

  @Override
  public List<BlobInfo> list() {
    if (!Files.isDirectory(root)) {
      throw SourceException.permanent(
          ErrorCode.CONTAINER_NOT_FOUND,
          "directory source '" + root + "' does not exist or is not a directory",
          "create it or correct the center's --source directory");
    }
    Instant settledBefore = clock.instant().minus(settle);
    List<BlobInfo> blobs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
        BasicFileAttributes attributes = attributesOrNull(file);
        if (attributes == null || !attributes.isRegularFile()) {
          continue;
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (modified.isAfter(settledBefore)) {
          continue;
        }
        blobs.add(new BlobInfo(nameOf(file), attributes.size(), etag(attributes), null, modified));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new SourceException(
          ErrorCode.SOURCE_UNREACHABLE,
          "directory source '" + root + "': cannot list: " + e.getMessage(),
          List.of("check that the directory is readable by this user"),
          true,
          e);
    }
    return blobs;
  }

  @Override
  public InputStream open(BlobInfo blob, ByteRange range) {
    Path file = fileOf(blob.name());
    BasicFileAttributes attributes = attributesOrNull(file);
    if (attributes == null || !attributes.isRegularFile()) {
      throw SourceException.permanent(
          ErrorCode.BLOB_VANISHED,
          "file '" + blob.name() + "' in " + describe() + " was deleted after it was listed",
          "nothing to do: the next run lists the directory again");
    }
    if (!etag(attributes).equals(blob.etag())) {
      throw SourceException.permanent(
          ErrorCode.BLOB_CHANGED,
          "file '"
              + blob.name()
              + "' in "
              + describe()
              + " changed after it was listed (size or modification time differ)",
          "nothing to do: the next run takes the new version");
    }
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return new ChannelRangeStream(channel, range.offset(), range.lengthIn(blob.size()));
    } catch (NoSuchFileException e) {
      throw SourceException.permanent(
          ErrorCode.BLOB_VANISHED,
          "file '" + blob.name() + "' in " + describe() + " was deleted after it was listed");
    } catch (IOException e) {
      throw new SourceException(
          ErrorCode.SOURCE_UNREACHABLE,
          "file '" + blob.name() + "' in " + describe() + ": cannot open: " + e.getMessage(),
          List.of("check that the file is readable by this user"),
          true,
          e);
    }
  }

  @Override
  public String describe() {
    return "directory " + root;
  }

  /** The stable identity of a file's content: size and modification time (nanoseconds). */
  static String etag(BasicFileAttributes attributes) {
    Instant modified = attributes.lastModifiedTime().toInstant();
    long nanos = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
    return Long.toHexString(attributes.size()) + "-" + Long.toHexString(nanos);
  }

  private String nameOf(Path file) {
    StringBuilder name = new StringBuilder();
    for (Path part : root.relativize(file)) {
      if (name.length() > 0) {
        name.append('/');
      }
      name.append(part);
    }
    return name.toString();
  }

  private Path fileOf(String name) {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || name.startsWith("/")) {
      throw SourceException.permanent(
          ErrorCode.BLOB_NAME_UNSAFE, "file '" + name + "' is outside " + describe());
    }
    return file;
  }

  private static BasicFileAttributes attributesOrNull(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads {@code remaining} bytes of a channel from a position, in place. */
  private static final class ChannelRangeStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    ChannelRangeStream(FileChannel channel, long position, long remaining) {
      this.channel = channel;
      this.position = position;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (remaining <= 0) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
      if (n < 0) {
        return -1;
      }
      position += n;
      remaining -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
