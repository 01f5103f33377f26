package org.cloudsync.format.synthetic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one MTF descriptor block: the 52-byte common header, the type-specific fields and the
 * strings they point to (the "descriptor"), then 4-byte aligned streams, then an {@code SPAD}
 * stream padding the block to a multiple of its unit. Checksums are computed last.
 */
final class BlockBuilder {
  private static final int OS_ID_SQL_SERVER = 0x0E;
  private static final int OS_VERSION = 1;

  private final String type;
  private byte[] descriptor;
  private int descriptorEnd;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();
  private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
  private final List<EncodedBlock.StreamAt> streams = new ArrayList<>();
  private long zeroRun;
  private boolean streamsStarted;

  /**
   * @param fixedSize where the strings begin: the end of the block's fixed fields
   */
  BlockBuilder(String type, int fixedSize) {
    this.type = type;
    this.descriptorEnd = Math.max(fixedSize, MtfBytes.BLOCK_HEADER_SIZE);
    this.descriptor = new byte[Math.max(descriptorEnd, 1024)];
    MtfBytes.putAscii(descriptor, 0, type);
    descriptor[10] = OS_ID_SQL_SERVER;
    descriptor[11] = OS_VERSION;
  }

  /**
   * The descriptor bytes, for the caller to put type-specific fields at fixed offsets. Call again
   * after adding strings: the array may be replaced when it grows.
   */
  byte[] fields() {
    return descriptor;
  }

  BlockBuilder attributes(long v) {
    MtfBytes.putU32(descriptor, 4, v);
    return this;
  }

  /** The format logical address (1 KiB units from the set's SSET) and control block id. */
  BlockBuilder address(long formatLogicalAddress, long controlBlockId) {
    MtfBytes.putU64(descriptor, 20, formatLogicalAddress);
    MtfBytes.putU32(descriptor, 36, controlBlockId);
    return this;
  }

  BlockBuilder osData(int size, int offset) {
    MtfBytes.putU16(descriptor, 44, size);
    MtfBytes.putU16(descriptor, 46, offset);
    return this;
  }

  /** String type 2: the block's strings are UTF-16LE. */
  BlockBuilder unicodeStrings() {
    descriptor[48] = 2;
    return this;
  }

  /**
   * Appends {@code value} to the descriptor and stores its (size, offset) pair at {@code at}. An
   * empty value is stored as (0, 0).
   */
  BlockBuilder string(int at, byte[] value) {
    if (value.length == 0) {
      MtfBytes.putU32(descriptor, at, 0);
      return this;
    }
    ensureDescriptor(descriptorEnd + value.length);
    MtfBytes.putU16(descriptor, at, value.length);
    MtfBytes.putU16(descriptor, at + 2, descriptorEnd);
    System.arraycopy(value, 0, descriptor, descriptorEnd, value.length);
    descriptorEnd += value.length;
    if (descriptorEnd > 0xFFFF) {
      throw new IllegalArgumentException(type + " block strings exceed 64 KiB");
    }
    return this;
  }

  /** An empty string that points at the current end, as SQL Server writes VOLB's volume name. */
  BlockBuilder emptyStringHere(int at) {
    MtfBytes.putU16(descriptor, at, 0);
    MtfBytes.putU16(descriptor, at + 2, descriptorEnd);
    return this;
  }

  BlockBuilder string(int at, String value) {
    return string(at, value == null ? new byte[0] : MtfBytes.utf16(value));
  }

  private void ensureDescriptor(int size) {
    if (size > descriptor.length) {
      descriptor = Arrays.copyOf(descriptor, Math.max(size, descriptor.length * 2));
    }
  }

  private void startStreams() {
    if (!streamsStarted) {
      streamsStarted = true;
      int first = (int) MtfBytes.alignUp(descriptorEnd, 4);
      MtfBytes.putU16(descriptor, 8, first);
      head.write(descriptor, 0, descriptorEnd);
      pad(head, first - descriptorEnd);
    }
  }

  private long position() {
    return head.size() + zeroRun + tail.size();
  }

  private ByteArrayOutputStream current() {
    return zeroRun > 0 ? tail : head;
  }

  private static void pad(ByteArrayOutputStream out, long n) {
    for (long i = 0; i < n; i++) {
      out.write(0);
    }
  }

  private byte[] streamHeader(String id, int attributes, long length) {
    byte[] h = new byte[MtfBytes.STREAM_HEADER_SIZE];
    MtfBytes.putAscii(h, 0, id);
    MtfBytes.putU16(h, 6, attributes);
    MtfBytes.putU64(h, 8, length);
    MtfBytes.sealStreamHeader(h, 0);
    return h;
  }

  /** Appends a stream with {@code body}, then pads to a 4-byte boundary. */
  BlockBuilder stream(String id, int attributes, byte[] body) {
    startStreams();
    streams.add(new EncodedBlock.StreamAt(id, position(), body.length));
    ByteArrayOutputStream out = current();
    out.writeBytes(streamHeader(id, attributes, body.length));
    out.writeBytes(body);
    pad(out, MtfBytes.alignUp(position(), 4) - position());
    return this;
  }

  /**
   * An {@code APAD} stream sized so that the next stream header starts at block offset {@code
   * nextStreamAt} (SQL Server aligns its data this way).
   */
  BlockBuilder alignNextStreamTo(int nextStreamAt) {
    startStreams();
    long bodyLength = nextStreamAt - position() - MtfBytes.STREAM_HEADER_SIZE;
    if (bodyLength < 0) {
      throw new IllegalStateException(type + " block: cannot align a stream to " + nextStreamAt);
    }
    return stream("APAD", 0x80, new byte[(int) bodyLength]);
  }

  /**
   * A data stream whose body is two zero bytes followed by {@code zeroBytes} zeros, kept as a zero
   * run rather than an array. At most one per block.
   */
  BlockBuilder dataStream(String id, int attributes, long zeroBytes) {
    startStreams();
    if (zeroRun > 0) {
      throw new IllegalStateException(type + " block already has a data stream");
    }
    long length = 2 + zeroBytes;
    streams.add(new EncodedBlock.StreamAt(id, position(), length));
    head.writeBytes(streamHeader(id, attributes, length));
    pad(head, 2);
    if (zeroBytes > 0) {
      zeroRun = zeroBytes;
    }
    pad(current(), MtfBytes.alignUp(position(), 4) - position());
    return this;
  }

  /** Pads with {@code SPAD} to the next multiple of {@code unit} and seals the checksums. */
  EncodedBlock finish(int unit) {
    startStreams();
    long at = position();
    long end = MtfBytes.alignUp(at + MtfBytes.STREAM_HEADER_SIZE, unit);
    stream("SPAD", 0, new byte[(int) (end - at - MtfBytes.STREAM_HEADER_SIZE)]);
    byte[] h = head.toByteArray();
    MtfBytes.sealBlockHeader(h, 0);
    return new EncodedBlock(type, h, zeroRun, tail.toByteArray(), List.copyOf(streams));
  }

  /** A block without streams (an {@code SFMB}): the descriptor padded to {@code size} bytes. */
  EncodedBlock finishWithoutStreams(int size) {
    byte[] h = Arrays.copyOf(descriptor, size);
    MtfBytes.putU16(h, 8, size);
    MtfBytes.sealBlockHeader(h, 0);
    return new EncodedBlock(type, h, 0, new byte[0], List.of());
  }
}
