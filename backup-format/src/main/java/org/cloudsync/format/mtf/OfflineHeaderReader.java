package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.xpress.XpressHuffmanDecoder;

/**
 * The offline header reader behind {@link org.cloudsync.format.BackupReader}: recognises the
 * container by its first bytes ({@code TAPE}: plain MTF; {@code MSSQLBAK}: compressed), walks the
 * MTF blocks and assembles one header per backup set.
 */
public final class OfflineHeaderReader {
  private static final byte[] TAPE = "TAPE".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSSQLBAK = "MSSQLBAK".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  private OfflineHeaderReader() {}

  /** Reads a seekable file from its start, fetching only block and stream headers. */
  public static ReadResult read(SeekableByteChannel channel, String displayName) {
    ReadContext ctx = new ReadContext(displayName, false);
    ChannelSource src;
    try {
      src = new ChannelSource(channel);
    } catch (IOException e) {
      throw unreadable(ctx, e, -1);
    }
    try {
      return read(src, ctx).result();
    } finally {
      src.release();
    }
  }

  /** Reads a stream once with constant memory, to its end unless the bytes are damaged. */
  public static ReadResult read(InputStream in, String displayName) {
    ReadContext ctx = new ReadContext(displayName, false);
    StreamSource src = new StreamSource(in);
    ReadResult result = read(src, ctx).result();
    try {
      src.drain();
    } catch (IOException e) {
      throw unreadable(ctx, e, src.position());
    }
    return result;
  }

  /** A result with the number of bytes fetched from the file to get it. */
  record Outcome(ReadResult result, long bytesFetched) {}

  static Outcome read(ByteSource src, ReadContext ctx) {
    try {
      List<BackupHeader> sets = readSets(src, ctx);
      return new Outcome(new ReadResult.Headers(sets), src.bytesFetched());
    } catch (OfflineUnreadable e) {
      return new Outcome(
          new ReadResult.NotReadableOffline(e.reason(), e.getMessage()), src.bytesFetched());
    } catch (BackupFormatException e) {
      throw e;
    } catch (EOFException e) {
      throw new BackupFormatException(
          ErrorCode.TRUNCATED, ctx.file(), null, src.position(), "the data ends early", e);
    } catch (IOException e) {
      throw unreadable(ctx, e, src.position());
    } catch (RuntimeException e) {
      throw new BackupFormatException(
          ErrorCode.INTERNAL,
          ctx.file(),
          null,
          src.position(),
          "unexpected failure while reading the header: " + e,
          e);
    }
  }

  private static List<BackupHeader> readSets(ByteSource src, ReadContext ctx) throws IOException {
    byte[] magic = new byte[MSSQLBAK.length];
    int n = src.peek(magic, magic.length);
    if (n == 0) {
      throw ctx.fail(ErrorCode.NOT_A_BACKUP, null, -1, "the file is empty");
    }
    if (startsWith(magic, n, TAPE)) {
      return new MediaReader(new BlockWalker(src, ctx), false).read();
    }
    if (startsWith(magic, n, MSSQLBAK)) {
      return new CompressedContainer(src, ctx, XpressHuffmanDecoder::decompress).readSets();
    }
    if (n < TAPE.length && isPrefix(magic, n, TAPE)
        || n < MSSQLBAK.length && isPrefix(magic, n, MSSQLBAK)) {
      throw ctx.fail(
          ErrorCode.TRUNCATED, null, 0, "the file ends after " + n + " bytes of its signature");
    }
    if (startsWith(magic, n, ZIP)) {
      throw ctx.fail(
          ErrorCode.NOT_A_BACKUP,
          null,
          -1,
          "a zip archive, not a backup: read the backups inside it as entries");
    }
    throw ctx.fail(
        ErrorCode.NOT_A_BACKUP,
        null,
        -1,
        "does not start with 'TAPE' (microsoft tape format) or 'MSSQLBAK' (compressed backup)");
  }

  private static boolean startsWith(byte[] b, int n, byte[] prefix) {
    return n >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static boolean isPrefix(byte[] b, int n, byte[] of) {
    return Arrays.equals(b, 0, n, of, 0, n);
  }

  private static BackupFormatException unreadable(ReadContext ctx, IOException e, long at) {
    ErrorCode code = e instanceof ZipException ? ErrorCode.ZIP_INVALID : ErrorCode.FILE_UNREADABLE;
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new BackupFormatException(code, ctx.file(), null, at, "cannot be read: " + what, e);
  }
}
