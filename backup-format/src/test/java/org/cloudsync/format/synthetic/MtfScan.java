package org.cloudsync.format.synthetic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * A deliberately naive MTF walker for tests, written from the format document rather than from the
 * writer: it lists blocks and streams, recomputes both header checksums, and decodes fields at
 * documented offsets. Used on real corpus files and synthetic ones alike.
 */
final class MtfScan {
  final byte[] b;
  final List<ScannedBlock> blocks = new ArrayList<>();

  record ScannedStream(String id, int offset, long length, boolean checksumOk) {}

  record ScannedBlock(
      String type, int offset, int length, boolean checksumOk, List<ScannedStream> streams) {
    List<String> streamIds() {
      return streams.stream().map(ScannedStream::id).toList();
    }

    ScannedStream stream(String id) {
      return streams.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
  }

  MtfScan(byte[] bytes) {
    this.b = bytes;
    int o = 0;
    while (o + 52 <= b.length) {
      String type = ascii(o, 4);
      boolean ok = xor(o, 25) == u16(o + 50);
      int first = u16(o + 8);
      List<ScannedStream> streams = new ArrayList<>();
      int end;
      if (type.equals("SFMB")) {
        end = o + first;
      } else {
        int s = o + first;
        while (true) {
          String id = ascii(s, 4);
          long len = u64(s + 8);
          streams.add(new ScannedStream(id, s, len, xor(s, 10) == u16(s + 20)));
          long next = s + 22 + len;
          if (id.equals("SPAD") || next > b.length) {
            end = (int) Math.min(next, b.length);
            break;
          }
          s = (int) ((next + 3) & ~3L);
        }
      }
      blocks.add(new ScannedBlock(type, o, end - o, ok, streams));
      o = end;
    }
  }

  List<String> blockTypes() {
    return blocks.stream().map(ScannedBlock::type).toList();
  }

  ScannedBlock first(String type) {
    return blocks.stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
  }

  List<ScannedBlock> all(String type) {
    return blocks.stream().filter(x -> x.type().equals(type)).toList();
  }

  /** The start of the SCIN record in the MQCI stream of {@code block}. */
  int scin(ScannedBlock block) {
    int body = block.stream("MQCI").offset() + 22;
    if (!ascii(body, 4).equals("SCIN")) {
      throw new AssertionError("no SCIN at the start of the MQCI stream");
    }
    return body;
  }

  /** Every record (tag, start) in the MQCI stream of {@code block}. */
  List<int[]> records(ScannedBlock block, String tag) {
    ScannedStream s = block.stream("MQCI");
    List<int[]> out = new ArrayList<>();
    int r = s.offset() + 22;
    int end = (int) (r + s.length());
    while (r < end) {
      if (ascii(r, 4).equals(tag)) {
        out.add(new int[] {r});
      }
      r += (int) u32(r + 4);
    }
    return out;
  }

  String ascii(int o, int n) {
    return new String(b, o, n, StandardCharsets.ISO_8859_1);
  }

  int u8(int o) {
    return b[o] & 0xFF;
  }

  int u16(int o) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(o) & 0xFFFF;
  }

  long u32(int o) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(o) & 0xFFFFFFFFL;
  }

  long u64(int o) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(o);
  }

  int xor(int o, int words) {
    int x = 0;
    for (int i = 0; i < words; i++) {
      x ^= u16(o + 2 * i);
    }
    return x;
  }

  Lsn lsn(int o) {
    return Lsn.fromBytes(b, o);
  }

  UUID guid(int o) {
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long a = le.getInt(o) & 0xFFFFFFFFL;
    long m = le.getShort(o + 4) & 0xFFFFL;
    long c = le.getShort(o + 6) & 0xFFFFL;
    long hi = a << 32 | m << 16 | c;
    long lo = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getLong(o + 8);
    return new UUID(hi, lo);
  }

  /** A (size, offset) string pair at {@code at}, offset relative to {@code base}. */
  String string(int base, int at) {
    int size = u16(at);
    int off = u16(at + 2);
    return new String(b, base + off, size, StandardCharsets.UTF_16LE);
  }

  LocalDateTime date(int o) {
    long v = 0;
    for (int i = 0; i < 5; i++) {
      v = v << 8 | (b[o + i] & 0xFF);
    }
    if (v == 0) {
      return null;
    }
    return LocalDateTime.of(
        (int) (v >>> 26),
        (int) (v >>> 22 & 15),
        (int) (v >>> 17 & 31),
        (int) (v >>> 12 & 31),
        (int) (v >>> 6 & 63),
        (int) (v & 63));
  }
}
