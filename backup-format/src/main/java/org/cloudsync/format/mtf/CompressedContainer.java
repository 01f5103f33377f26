package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;

/**
 * A backup taken {@code WITH COMPRESSION}: the 8 bytes {@code MSSQLBAK}, a 0x1E0-byte header, then
 * compressed records holding the usual MTF blocks (see {@link ContainerSource}). Its header is read
 * by the same block walk as a plain backup, over the decompressed stream.
 *
 * <p>The one sample (SQL Server 2014, MS_XPRESS) has u32 2 @8 and u32 3 @12 in the container
 * header; what they mean is not known, so a file with other values is reported as an unsupported
 * container rather than guessed at (SQL Server 2022's QAT_DEFLATE and 2025's ZSTD: no sample).
 */
final class CompressedContainer {
  static final int HEADER_SIZE = 0x1E0;
  private static final byte[] MAGIC = "MSSQLBAK".getBytes(StandardCharsets.US_ASCII);
  private static final long KNOWN_FIELD_8 = 2;
  private static final long KNOWN_FIELD_12 = 3;

  private final ByteSource src;
  private final ReadContext ctx;
  private final RecordDecoder decoder;

  CompressedContainer(ByteSource src, ReadContext ctx, RecordDecoder decoder) {
    this.src = src;
    this.ctx = ctx;
    this.decoder = decoder;
  }

  List<BackupHeader> readSets() throws IOException {
    byte[] header = new byte[HEADER_SIZE];
    try {
      src.readFully(header, 0, HEADER_SIZE);
    } catch (EOFException e) {
      throw new BackupFormatException(
          ErrorCode.TRUNCATED,
          ctx.file(),
          "MSSQLBAK header",
          0,
          "the file ends inside the 0x1e0-byte container header");
    }
    if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new BackupFormatException(
          ErrorCode.NOT_A_BACKUP, ctx.file(), null, 0, "no MSSQLBAK signature");
    }
    FieldView h =
        new FieldView(header, 0, HEADER_SIZE, ctx, "MSSQLBAK header", 0, "container header");
    long field8 = h.u32(8, "container field @8");
    long field12 = h.u32(12, "container field @12");
    if (field8 != KNOWN_FIELD_8 || field12 != KNOWN_FIELD_12) {
      throw new OfflineUnreadable(
          ErrorCode.UNSUPPORTED_CONTAINER,
          "MSSQLBAK header at 0x0: fields @8 and @12 read "
              + field8
              + " and "
              + field12
              + "; only 2 and 3 (sql server 2014's ms_xpress container) are known");
    }
    if (src instanceof ChannelSource channel) {
      channel.preferSmallFetches(); // one record header every few kilobytes
    }
    ContainerSource inner = new ContainerSource(src, ctx, decoder);
    return new MediaReader(new BlockWalker(inner, ctx.asDecompressed()), true).read();
  }
}
