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
 * <p>Record layout (one sample, SQL Server 2014; inferred): a 28-byte header with 0x21 @0, the
 * uncompressed size in 512-byte units u8 @1 and the compressed payload length u16 @2, then the
 * payload. Before an {@code SFMB} the file is padded to a 512-byte boundary (the padding holds
 * leftover bytes, not zeros), so padding is recognised by a valid {@code SFMB} block header at the
 * next boundary.
 */
final class ContainerSource implements ByteSource {
  static final int RECORD_HEADER = 28;
  static final int RECORD_MARKER = 0x21;
  private static final int SFMB_SIZE = 512;

  private final ByteSource raw;
  private final ReadContext fileContext;
  private final RecordDecoder decoder;
  private final byte[] lookahead = new byte[SFMB_SIZE + BlockWalker.HEADER_SIZE];

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
    long at = raw.position();
    int misalignment = (int) (at % SFMB_SIZE);
    if (misalignment != 0) {
      int pad = SFMB_SIZE - misalignment;
      int got = raw.peek(lookahead, pad + BlockWalker.HEADER_SIZE);
      if (got == pad + BlockWalker.HEADER_SIZE && isSfmbHeader(lookahead, pad)) {
        raw.skip(pad);
        at += pad;
      } else if (got < pad + BlockWalker.HEADER_SIZE
          && (got == 0 || (lookahead[0] & 0xFF) != RECORD_MARKER)) {
        throw new BackupFormatException(
            ErrorCode.TRUNCATED,
            fileContext.file(),
            "compressed record",
            at,
            "the file ends before the next record or SFMB block");
      }
    }
    int got = raw.peek(lookahead, BlockWalker.HEADER_SIZE);
    if (got == 0) {
      return null;
    }
    if (got < BlockWalker.HEADER_SIZE && (lookahead[0] & 0xFF) != RECORD_MARKER) {
      throw new BackupFormatException(
          ErrorCode.TRUNCATED,
          fileContext.file(),
          "SFMB",
          at,
          "the file ends inside the block header");
    }
    if (at % SFMB_SIZE == 0 && got == BlockWalker.HEADER_SIZE && isSfmbHeader(lookahead, 0)) {
      return new Chunk(false, at, SFMB_SIZE, 0, 0);
    }
    if ((lookahead[0] & 0xFF) != RECORD_MARKER) {
      throw invalid(
          at,
          "expected a compressed record (marker 0x21) or an SFMB block, found byte 0x"
              + Integer.toHexString(lookahead[0] & 0xFF));
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

  private static boolean isSfmbHeader(byte[] b, int at) {
    if (b[at] != 'S' || b[at + 1] != 'F' || b[at + 2] != 'M' || b[at + 3] != 'B') {
      return false;
    }
    int x = 0;
    for (int i = 0; i < 25; i++) {
      x ^= (b[at + 2 * i] & 0xFF) | (b[at + 2 * i + 1] & 0xFF) << 8;
    }
    int stored = (b[at + 50] & 0xFF) | (b[at + 51] & 0xFF) << 8;
    return x == stored;
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
