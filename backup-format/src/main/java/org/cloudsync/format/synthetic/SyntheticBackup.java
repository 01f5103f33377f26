package org.cloudsync.format.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.BackupHeader;

/**
 * A synthetic backup file ready to be written: its MTF blocks (with where each block and stream
 * sits, so tests can aim at them) and the headers it holds. Possibly damaged on purpose ({@link
 * #damaged(SyntheticDamage)}). Immutable.
 */
public final class SyntheticBackup {
  private static final int MAX_IN_MEMORY = 256 * 1024 * 1024;
  private static final byte[] ZEROS = new byte[64 * 1024];

  private final List<EncodedBlock> blocks;
  private final List<BackupHeader> headers;
  private final long size;
  private final String damage;

  SyntheticBackup(List<EncodedBlock> blocks, List<BackupHeader> headers) {
    this(blocks, headers, Long.MAX_VALUE, null);
  }

  private SyntheticBackup(
      List<EncodedBlock> blocks, List<BackupHeader> headers, long limit, String damage) {
    this.blocks = List.copyOf(blocks);
    this.headers = List.copyOf(headers);
    long total = 0;
    for (EncodedBlock b : this.blocks) {
      total += b.length();
    }
    this.size = Math.min(total, limit);
    this.damage = damage;
  }

  /** Where one MTF block sits in the file. */
  public record Block(String type, long offset, long length, List<Stream> streams) {
    public Block {
      streams = List.copyOf(streams);
    }
  }

  /**
   * Where one stream header sits in the file, and the stream length it declares.
   *
   * @param offset the stream header's offset in the file
   */
  public record Stream(String id, long offset, long length) {}

  /** The file's length in bytes. */
  public long size() {
    return size;
  }

  /**
   * The headers of the backup sets in this file, as written (see {@link SyntheticBackupWriter}).
   */
  public List<BackupHeader> headers() {
    return headers;
  }

  /** What was damaged on purpose, lower-case, or null for an intact file. */
  public String damage() {
    return damage;
  }

  /** Every block, in file order, including any a truncation cut short or away. */
  public List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    long at = 0;
    for (EncodedBlock b : blocks) {
      List<Stream> streams = new ArrayList<>();
      for (EncodedBlock.StreamAt s : b.streams()) {
        streams.add(new Stream(s.id(), at + s.offset(), s.length()));
      }
      out.add(new Block(b.type(), at, b.length(), streams));
      at += b.length();
    }
    return out;
  }

  /** The first block of {@code type}. */
  public Block block(String type) {
    return blocks().stream()
        .filter(b -> b.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + type + " block in this backup"));
  }

  /** This backup with {@code damage} applied (damage composes: apply several in turn). */
  public SyntheticBackup damaged(SyntheticDamage damage) {
    List<EncodedBlock> copy = new ArrayList<>();
    for (EncodedBlock b : blocks) {
      copy.add(b.copy());
    }
    long limit = damage.apply(copy, size);
    String text = this.damage == null ? damage.describe() : this.damage + "; " + damage.describe();
    return new SyntheticBackup(copy, headers, limit, text);
  }

  /**
   * The file's bytes.
   *
   * @throws IllegalStateException when the file is too large to hold in memory (256 MiB)
   */
  public byte[] toBytes() {
    if (size > MAX_IN_MEMORY) {
      throw new IllegalStateException(
          "a " + size + "-byte synthetic backup is too large for memory; write it to a file");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
    writeTo(out);
    return out.toByteArray();
  }

  /** Writes the file's bytes to {@code out} (zero-filled data included), not closing it. */
  public void writeTo(OutputStream out) {
    try {
      long left = size;
      for (EncodedBlock b : blocks) {
        left = write(out, b.head(), left);
        for (long run = b.zeroRun(); run > 0 && left > 0; ) {
          int n = (int) Math.min(Math.min(run, left), ZEROS.length);
          out.write(ZEROS, 0, n);
          run -= n;
          left -= n;
        }
        left = write(out, b.tail(), left);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long write(OutputStream out, byte[] bytes, long left) throws IOException {
    int n = (int) Math.min(bytes.length, left);
    out.write(bytes, 0, n);
    return left - n;
  }

  /** Writes the file to {@code file}, replacing it, zero-filled data written out. */
  public void writeTo(Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
    }
  }

  /**
   * Writes the file to {@code file}, replacing it, seeking over the zero-filled data instead of
   * writing it: on file systems with sparse files a 10 GB backup takes a few kilobytes of disk.
   */
  public void writeSparseTo(Path file) {
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long at = 0;
      for (EncodedBlock b : blocks) {
        at = put(ch, b.head(), at);
        at = Math.min(size, at + b.zeroRun());
        at = put(ch, b.tail(), at);
      }
      if (ch.size() < size) {
        ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
    }
  }

  private long put(FileChannel ch, byte[] bytes, long at) throws IOException {
    int n = (int) Math.max(0, Math.min(bytes.length, size - at));
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, n);
    long pos = at;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
    return at + n;
  }
}
