package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.cloudsync.format.ErrorCode;

/**
 * Walks MTF descriptor blocks front to back by following stream lengths: each block's 52-byte
 * common header and each 22-byte stream header is read and its checksum verified; stream bodies are
 * skipped (seeked over in a file) except the few the reader needs.
 *
 * <p>Verified on every block of every corpus file: blocks start on 512-byte boundaries; the common
 * header is 52 bytes with the type @0, the offset of the first stream u16 @8 and a checksum u16 @50
 * equal to the XOR of the first 25 little-endian words; streams are 4-byte aligned, each with a
 * 22-byte header (id @0, length u64 @8, encryption algorithm u16 @16, compression algorithm
 * u16 @18, checksum u16 @20 = XOR of the first 10 words); every block other than {@code SFMB} ends
 * with an {@code SPAD} stream that pads to the next block; an {@code SFMB} is 512 bytes with no
 * streams. A block whose last stream ends on a 512-byte boundary followed by a valid block header
 * is also accepted without an SPAD (MTF allows it; no sample has one).
 */
final class BlockWalker {
  static final int BLOCK_ALIGN = 512;
  static final int HEADER_SIZE = 52;
  static final int STREAM_HEADER_SIZE = 22;
  private static final int SFMB_SIZE = 512;

  /** The largest fixed part seen is 0x250 (MSTL); anything above this is damage. */
  private static final int MAX_FIXED_PART = 16 * 1024;

  /** The largest MQCI seen is 3 KiB; 16 MiB allows some 13,000 database files. */
  private static final int MAX_KEPT_STREAM = 16 * 1024 * 1024;

  private static final int MAX_STREAMS_PER_BLOCK = 1 << 16;
  private static final Set<String> KEPT = Set.of("RAID", "MQCI");

  /**
   * Block types of MTF 1.00a and SQL Server; a damaged header of one of these is a checksum error.
   */
  private static final Set<String> KNOWN_BLOCKS =
      Set.of(
          "TAPE", "SSET", "VOLB", "DIRB", "FILE", "CFIL", "ESPB", "ESET", "EOTM", "SFMB", "MSCI",
          "MSDA", "MSTL", "MSLS");

  /** Stream ids seen in SQL Server backups, and MTF's standard and pad streams. */
  private static final Set<String> KNOWN_STREAMS =
      Set.of(
          "SPAD", "APAD", "RAID", "MQCI", "MQDA", "MQTL", "CSUM", "OTCP", "TSMP", "STAN", "PNAM",
          "NACL", "NTED", "NTQU", "NTOI", "NTRP");

  private final ByteSource in;
  private final ReadContext context;
  private final byte[] head = new byte[HEADER_SIZE];
  private final byte[] streamHeader = new byte[STREAM_HEADER_SIZE];

  BlockWalker(ByteSource in, ReadContext context) {
    this.in = in;
    this.context = context;
  }

  ReadContext context() {
    return context;
  }

  /** The offset where the next block would start. */
  long position() {
    return in.position();
  }

  /** The next block, or null when the source ends exactly at a block boundary. */
  MtfBlock next() throws IOException {
    long at = in.position();
    int got = in.readUpTo(head, 0, HEADER_SIZE);
    if (got == 0) {
      return null;
    }
    if (got < HEADER_SIZE) {
      throw context.fail(
          ErrorCode.TRUNCATED,
          null,
          at,
          "the data ends after " + got + " bytes of a 52-byte mtf block header");
    }
    FieldView header = new FieldView(head, 0, HEADER_SIZE, context, null, at, "block header");
    String type = header.tag(0, "block type");
    int stored = header.u16(50, "header checksum");
    int computed = header.xorWords(25);
    boolean damagedKnownType = stored != computed && nearOneOf(type, KNOWN_BLOCKS);
    if (!isTag(head, 0) && !damagedKnownType) {
      throw context.fail(
          ErrorCode.MTF_STRUCTURE,
          null,
          at,
          "expected an mtf block header, found type bytes " + hex(head, 4));
    }
    if (at % BLOCK_ALIGN != 0) {
      throw context.fail(
          ErrorCode.MTF_STRUCTURE,
          printable(type),
          at,
          "block does not start on a 512-byte boundary");
    }
    if (stored != computed) {
      throw context.fail(
          ErrorCode.MTF_HEADER_CHECKSUM,
          printable(type),
          at,
          "header checksum 0x"
              + Integer.toHexString(stored)
              + " != 0x"
              + Integer.toHexString(computed));
    }
    if (type.equals("SFMB")) {
      skip(SFMB_SIZE - HEADER_SIZE, type, at, null, "soft filemark block", -1);
      // A copy: the header buffer is reused for the next block.
      FieldView own =
          new FieldView(
              Arrays.copyOf(head, HEADER_SIZE), 0, HEADER_SIZE, context, type, at, "block header");
      return new MtfBlock(type, at, own, Map.of());
    }
    int firstStream = header.u16(8, "offset of first stream");
    if (firstStream < HEADER_SIZE || firstStream > MAX_FIXED_PART || firstStream % 4 != 0) {
      throw context.fail(
          ErrorCode.MTF_FIELD_INVALID,
          type,
          at,
          "offset of first stream 0x"
              + Integer.toHexString(firstStream)
              + " is not a 4-byte aligned offset in 0x34..0x"
              + Integer.toHexString(MAX_FIXED_PART));
    }
    byte[] fixedBytes = new byte[firstStream];
    System.arraycopy(head, 0, fixedBytes, 0, HEADER_SIZE);
    readFully(
        fixedBytes,
        HEADER_SIZE,
        firstStream - HEADER_SIZE,
        type,
        at,
        null,
        "block's fixed part",
        -1);
    FieldView fixed =
        new FieldView(fixedBytes, 0, firstStream, context, type, at, type, "block", null, -1);
    Map<String, FieldView> kept = readStreams(type, at);
    return new MtfBlock(type, at, fixed, kept);
  }

  /** Reads the block's streams up to its end; returns the kept ones (most blocks keep none). */
  private Map<String, FieldView> readStreams(String type, long blockAt) throws IOException {
    Map<String, FieldView> kept = Map.of();
    byte[] sh = streamHeader;
    for (int count = 0; count < MAX_STREAMS_PER_BLOCK; count++) {
      long at = in.position();
      if (count > 0 && at % BLOCK_ALIGN == 0 && nextIsBlockHeader()) {
        return kept; // the block's streams end on a boundary without an SPAD stream
      }
      readFully(sh, 0, STREAM_HEADER_SIZE, type, blockAt, null, "stream header", at);
      FieldView header =
          new FieldView(sh, 0, STREAM_HEADER_SIZE, context, type, blockAt, "stream header");
      String id = header.tag(0, "stream id");
      int stored = header.u16(20, "stream checksum");
      int computed = header.xorWords(10);
      boolean damagedKnownId = stored != computed && nearOneOf(id, KNOWN_STREAMS);
      if (!isTag(sh, 0) && !damagedKnownId) {
        throw context.fail(
            ErrorCode.MTF_STRUCTURE,
            type,
            blockAt,
            where(at) + ": expected a stream header, found id bytes " + hex(sh, 4));
      }
      if (stored != computed) {
        throw context.fail(
            ErrorCode.MTF_STREAM_CHECKSUM,
            type,
            blockAt,
            printable(id)
                + " "
                + where(at)
                + ": stream header checksum 0x"
                + Integer.toHexString(stored)
                + " != 0x"
                + Integer.toHexString(computed));
      }
      int encryption = header.u16(16, "encryption algorithm");
      if (encryption != 0) {
        throw new OfflineUnreadable(
            ErrorCode.BACKUP_ENCRYPTED,
            type
                + " block at 0x"
                + Long.toHexString(blockAt)
                + ": stream "
                + id
                + " names encryption algorithm "
                + encryption);
      }
      int compression = header.u16(18, "compression algorithm");
      if (compression != 0) {
        throw new OfflineUnreadable(
            ErrorCode.UNSUPPORTED_COMPRESSION,
            type
                + " block at 0x"
                + Long.toHexString(blockAt)
                + ": stream "
                + id
                + " names compression algorithm "
                + compression);
      }
      long length = header.u64(8, "stream length");
      long bodyAt = at + STREAM_HEADER_SIZE;
      boolean keep = KEPT.contains(id) && !kept.containsKey(id);
      if (keep && length > MAX_KEPT_STREAM) {
        // Checked before the file size, so that a file and a stream fail alike.
        throw context.fail(
            ErrorCode.MTF_FIELD_INVALID,
            type,
            blockAt,
            id + " " + where(at) + ": length 0x" + Long.toHexString(length) + " exceeds 16 MiB");
      }
      long size = in.size();
      if (size >= 0 && length > size - bodyAt) {
        throw context.fail(
            ErrorCode.TRUNCATED,
            type,
            blockAt,
            id
                + " "
                + where(at)
                + ": its 0x"
                + Long.toHexString(length)
                + " bytes run past the end of the data at 0x"
                + Long.toHexString(size));
      }
      if (id.equals("SPAD")) {
        skip(length, type, blockAt, id, "stream", at);
        if (in.position() % BLOCK_ALIGN != 0) {
          throw context.fail(
              ErrorCode.MTF_STRUCTURE,
              type,
              blockAt,
              "SPAD "
                  + where(at)
                  + " ends at 0x"
                  + Long.toHexString(in.position())
                  + ", not on a 512-byte boundary");
        }
        return kept;
      }
      if (keep) {
        byte[] body = new byte[(int) length];
        readFully(body, 0, body.length, type, blockAt, id, "stream", at);
        FieldView view =
            new FieldView(
                body, 0, body.length, context, type, blockAt, id, "stream", " at 0x", bodyAt);
        kept = kept.isEmpty() ? Map.of(id, view) : withEntry(kept, id, view);
      } else {
        skip(length, type, blockAt, id, "stream", at);
      }
      long end = bodyAt + length;
      long pad = (4 - (end & 3)) & 3;
      if (pad > 0) {
        skip(pad, type, blockAt, id, "stream's padding", at);
      }
    }
    throw context.fail(
        ErrorCode.MTF_STRUCTURE,
        type,
        blockAt,
        "more than " + MAX_STREAMS_PER_BLOCK + " streams without an SPAD stream");
  }

  /**
   * Whether the next bytes are a block header of a known type with a valid checksum. Every corpus
   * block ends with an SPAD stream; MTF allows a block whose last stream ends on a boundary to have
   * none, and then the next block starts right there.
   */
  private boolean nextIsBlockHeader() throws IOException {
    byte[] b = new byte[HEADER_SIZE];
    if (in.peek(b, HEADER_SIZE) < HEADER_SIZE) {
      return false;
    }
    FieldView h = new FieldView(b, 0, HEADER_SIZE, context, null, in.position(), "block header");
    return KNOWN_BLOCKS.contains(h.tag(0, "block type"))
        && h.u16(50, "header checksum") == h.xorWords(25);
  }

  private static Map<String, FieldView> withEntry(
      Map<String, FieldView> map, String key, FieldView value) {
    Map<String, FieldView> copy = new HashMap<>(map);
    copy.put(key, value);
    return Map.copyOf(copy);
  }

  /**
   * Reads a part of a block, named in errors {@code "PARTTAG PART"} ({@code partTag} may be null;
   * joined only on failure); {@code partAt} is where the part's stream starts, or -1.
   */
  private void readFully(
      byte[] b,
      int off,
      int len,
      String type,
      long blockAt,
      String partTag,
      String part,
      long partAt)
      throws IOException {
    try {
      in.readFully(b, off, len);
    } catch (EOFException e) {
      throw endsInside(type, blockAt, partTag, part, partAt);
    }
  }

  private void skip(long n, String type, long blockAt, String partTag, String part, long partAt)
      throws IOException {
    try {
      in.skip(n);
    } catch (EOFException e) {
      throw endsInside(type, blockAt, partTag, part, partAt);
    }
  }

  private RuntimeException endsInside(
      String type, long blockAt, String partTag, String part, long partAt) {
    String rule =
        "the data ends inside the "
            + (partTag == null ? part : partTag + " " + part)
            + (partAt >= 0 ? " at 0x" + Long.toHexString(partAt) : "");
    return context.fail(ErrorCode.TRUNCATED, type, blockAt, rule);
  }

  private static String where(long streamAt) {
    return "stream at 0x" + Long.toHexString(streamAt);
  }

  /** Whether {@code s} differs from one of {@code known} in at most one bit. */
  private static boolean nearOneOf(String s, Set<String> known) {
    for (String k : known) {
      int bits = 0;
      for (int i = 0; i < 4; i++) {
        bits += Integer.bitCount(s.charAt(i) ^ k.charAt(i));
      }
      if (bits <= 1) {
        return true;
      }
    }
    return false;
  }

  /** A tag as it can be shown: non-printable characters as {@code \\xNN}. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        sb.append(c);
      } else {
        sb.append(String.format("\\x%02x", (int) c));
      }
    }
    return sb.toString();
  }

  /** Whether the four bytes at {@code p} are upper-case ASCII letters or digits. */
  private static boolean isTag(byte[] b, int p) {
    for (int i = p; i < p + 4; i++) {
      byte c = b[i];
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    return sb.toString();
  }
}
