package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.ErrorCode;

/**
 * The MTF bytes inside a compressed container, as one stream: record payloads decompressed, the
 * uncompressed {@code SFMB} blocks between records passed through. A skip that covers a whole
 * record passes over its payload by its compressed length without decompressing it, so reading a
 * header decompresses only the descriptor records, never the 64 KiB data extents.
 *
 * <p>Layout (one sample, SQL Server 2014; inferred): from 0x1E0 a gapless sequence of compressed
 * records (0x21 @0, the uncompressed size in 512-byte units u8 @1, the compressed payload length
 * u16 @2, a 28-byte header, then the payload), pad items (0x24, a 24-byte header, pad length
 * u16 @2, ending on a 512-byte boundary), index items (0x2C, running to the next 512-byte boundary;
 * they name the offsets of a set's last data record and trailer record, unused here) and
 * uncompressed 512-byte {@code SFMB} blocks on 512-byte boundaries. The SFMB's own checksum is
 * verified by the block walk like any other block's.
 */
final class ContainerSource implements ByteSource {
  static final int RECORD_HEADER = 28;
  static final int RECORD_MARKER = 0x21;
  static final int PAD_MARKER = 0x24;
  static final int INDEX_MARKER = 0x2C;
  static final int PAD_HEADER = 24;
  private static final int SFMB_SIZE = 512;

  private final ByteSource raw;
  private final ReadContext fileContext;
  private final RecordDecoder decoder;
  private final byte[] lookahead = new byte[BlockWalker.HEADER_SIZE];

  private long position;
  private Chunk chunk;
  private int decompressed;

  /** One record or SFMB: its size in the MTF stream, and its bytes once loaded. */
  private static final class Chunk {
    final boolean record;
    final long fileOffset;
    final int size;
    final int payloadLength;
    final int sizeUnits;
    byte[] data;
    int at;

    Chunk(boolean record, long fileOffset, int size, int payloadLength, int sizeUnits) {
      this.record = record;
      this.fileOffset = fileOffset;
      this.size = size;
      this.payloadLength = payloadLength;
      this.sizeUnits = sizeUnits;
    }
  }

  ContainerSource(ByteSource raw, ReadContext fileContext, RecordDecoder decoder) {
    this.raw = raw;
    this.fileContext = fileContext;
    this.decoder = decoder;
  }

  /** How many records were decompressed so far. */
  int recordsDecompressed() {
    return decompressed;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return -1;
  }

  @Override
  public long bytesFetched() {
    return raw.bytesFetched();
  }

  @Override
  public int readUpTo(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (!ensureChunk()) {
        break;
      }
      load(chunk);
      int n = Math.min(len - done, chunk.size - chunk.at);
      System.arraycopy(chunk.data, chunk.at, b, off + done, n);
      chunk.at += n;
      done += n;
      position += n;
    }
    return done;
  }

  @Override
  public void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      if (!ensureChunk()) {
        throw new EOFException();
      }
      if (chunk.data == null && chunk.at == 0 && left >= chunk.size) {
        try {
          raw.skip(chunk.record ? chunk.payloadLength : SFMB_SIZE);
        } catch (EOFException e) {
          throw truncated(chunk);
        }
        left -= chunk.size;
        position += chunk.size;
        chunk.at = chunk.size;
        continue;
      }
      load(chunk);
      int step = (int) Math.min(left, chunk.size - chunk.at);
      chunk.at += step;
      position += step;
      left -= step;
    }
  }

  @Override
  public int peek(byte[] b, int len) throws IOException {
    if (!ensureChunk()) {
      return 0;
    }
    load(chunk);
    int n = Math.min(len, chunk.size - chunk.at);
    System.arraycopy(chunk.data, chunk.at, b, 0, n);
    return n;
  }

  /** Makes {@link #chunk} one with bytes left; false at a clean end of the file. */
  private boolean ensureChunk() throws IOException {
    if (chunk != null && chunk.at < chunk.size) {
      return true;
    }
    chunk = nextChunk();
    return chunk != null;
  }

  private Chunk nextChunk() throws IOException {
    for (int items = 0; ; items++) {
      long at = raw.position();
      int got = raw.peek(lookahead, BlockWalker.HEADER_SIZE);
      if (got == 0) {
        return null;
      }
      if (items > 2) {
        throw invalid(at, "more than two pad or index items in a row");
      }
      int marker = lookahead[0] & 0xFF;
      if (at % SFMB_SIZE == 0 && got >= 4 && isSfmbTag(lookahead)) {
        if (got < BlockWalker.HEADER_SIZE) {
          throw new BackupFormatException(
              ErrorCode.TRUNCATED,
              fileContext.file(),
              "SFMB",
              at,
              "the file ends inside the block header");
        }
        return new Chunk(false, at, SFMB_SIZE, 0, 0);
      }
      if (marker == PAD_MARKER || marker == INDEX_MARKER) {
        skipFiller(at, marker, got);
        continue;
      }
      if (marker != RECORD_MARKER) {
        throw invalid(
            at,
            "expected a compressed record (0x21), a pad (0x24), an index (0x2c) or an SFMB block,"
                + " found byte 0x"
                + Integer.toHexString(marker));
      }
      byte[] header = new byte[RECORD_HEADER];
      try {
        raw.readFully(header, 0, RECORD_HEADER);
      } catch (EOFException e) {
        throw new BackupFormatException(
            ErrorCode.TRUNCATED,
            fileContext.file(),
            "compressed record",
            at,
            "the file ends inside the 28-byte record header");
      }
      int units = header[1] & 0xFF;
      int payload = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
      if (units == 0 || payload == 0) {
        throw invalid(
            at,
            "record header says "
                + units
                + " uncompressed 512-byte units from "
                + payload
                + " compressed bytes");
      }
      return new Chunk(true, at, units * SFMB_SIZE, payload, units);
    }
  }

  /**
   * Passes over a pad item (0x24: 24-byte header, u16 pad length @2) or an index item (0x2c, which
   * runs to the next 512-byte boundary); both end on a 512-byte boundary, before an SFMB block.
   */
  private void skipFiller(long at, int marker, int got) throws IOException {
    long end;
    if (marker == PAD_MARKER) {
      if (got < 4) {
        throw new BackupFormatException(
            ErrorCode.TRUNCATED, fileContext.file(), "pad item", at, "the file ends inside it");
      }
      int length = (lookahead[2] & 0xFF) | (lookahead[3] & 0xFF) << 8;
      end = at + PAD_HEADER + length;
      if (end % SFMB_SIZE != 0) {
        throw invalid(
            at,
            "a pad item of "
                + length
                + " bytes ends at 0x"
                + Long.toHexString(end)
                + ", not on a 512-byte boundary");
      }
    } else {
      end = (at / SFMB_SIZE + 1) * SFMB_SIZE;
    }
    try {
      raw.skip(end - at);
    } catch (EOFException e) {
      throw new BackupFormatException(
          ErrorCode.TRUNCATED,
          fileContext.file(),
          marker == PAD_MARKER ? "pad item" : "index item",
          at,
          "the file ends inside it");
    }
  }

  private static boolean isSfmbTag(byte[] b) {
    return b[0] == 'S' && b[1] == 'F' && b[2] == 'M' && b[3] == 'B';
  }

  private void load(Chunk c) throws IOException {
    if (c.data != null) {
      return;
    }
    if (!c.record) {
      byte[] block = new byte[SFMB_SIZE];
      try {
        raw.readFully(block, 0, SFMB_SIZE);
      } catch (EOFException e) {
        throw truncated(c);
      }
      c.data = block;
      return;
    }
    byte[] payload = new byte[c.payloadLength];
    try {
      raw.readFully(payload, 0, payload.length);
    } catch (EOFException e) {
      throw truncated(c);
    }
    byte[] out;
    try {
      out = decoder.decode(payload, 0, payload.length, c.size);
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new BackupFormatException(
          ErrorCode.COMPRESSED_RECORD_INVALID,
          fileContext.file(),
          "compressed record",
          c.fileOffset,
          "the payload of "
              + c.payloadLength
              + " bytes does not decompress (ms-xca lz77+huffman) to "
              + c.size
              + " bytes: "
              + why,
          e);
    }
    if (out == null || out.length != c.size) {
      throw invalid(
          c.fileOffset,
          "the payload decompressed to "
              + (out == null ? 0 : out.length)
              + " bytes, not the "
              + c.size
              + " its header says");
    }
    decompressed++;
    c.data = out;
  }

  private BackupFormatException invalid(long at, String rule) {
    return new BackupFormatException(
        ErrorCode.COMPRESSED_RECORD_INVALID, fileContext.file(), "compressed record", at, rule);
  }

  private BackupFormatException truncated(Chunk c) {
    return new BackupFormatException(
        ErrorCode.TRUNCATED,
        fileContext.file(),
        c.record ? "compressed record" : "SFMB",
        c.fileOffset,
        c.record
            ? "the file ends inside the record's " + c.payloadLength + "-byte payload"
            : "the file ends inside the block");
  }
}
