package org.cloudsync.intake;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The program behind {@code bench/zip-vs-unzip.sh} (a benchmark, not a test):
 *
 * <pre>
 * generate ZIP ZIP_BYTES LOG_DIR   write a zip of about ZIP_BYTES holding copies of the .trn files
 *                                  under LOG_DIR under distinct names (deflated, as eCW's zips)
 * validate ZIP                     CRC of every entry and every header, nothing written
 * extract ZIP DIR                  unpack into staging under DIR
 * </pre>
 *
 * Each copy is deflated once and its bytes reused, so generating a large zip costs little more than
 * writing it. More than 65,535 entries need the zip64 end records, which are written.
 */
public final class ZipBenchmark {
  private ZipBenchmark() {}

  private static final ZipLimits LIMITS = new ZipLimits(1L << 40, 1000, 10_000_000);

  public static void main(String[] args) throws IOException {
    switch (args.length > 0 ? args[0] : "") {
      case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), Path.of(args[3]));
      case "validate" -> report(BlobUnpacker.check(Path.of(args[1]), "bench.zip", rules(), LIMITS));
      case "extract" -> {
        Staging staging = new Staging(Path.of(args[2]), Clock.systemUTC(), Duration.ofDays(1));
        report(
            new BlobUnpacker(staging, LIMITS)
                .unpack("bench", "bench.zip", null, Path.of(args[1]), rules()));
      }
      default -> {
        System.err.println(
            "usage: ZipBenchmark generate ZIP ZIP_BYTES LOG_DIR | validate ZIP | extract ZIP DIR");
        System.exit(2);
      }
    }
  }

  private static IntakeRules rules() {
    return IntakeRules.forDatabase(null);
  }

  private static void report(StagedBlob blob) {
    System.out.println(
        blob.kind()
            + ": "
            + blob.validated().size()
            + " validated, "
            + blob.quarantined().size()
            + " quarantined, "
            + blob.skipped().size()
            + " skipped");
    if (blob.partiallyBad() || blob.validated().isEmpty()) {
      blob.quarantined().stream().limit(3).forEach(f -> System.err.println(f.reason()));
      System.exit(3);
    }
  }

  /** One corpus file deflated once: raw deflate bytes, CRC and sizes. */
  private record Packed(byte[] deflated, long crc, long size) {}

  private static void generate(Path zip, long zipBytes, Path logDir) throws IOException {
    List<Packed> packed = new ArrayList<>();
    try (Stream<Path> s = Files.walk(logDir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".trn")).sorted().toList()) {
        packed.add(pack(Files.readAllBytes(p)));
      }
    }
    if (packed.isEmpty()) {
      throw new IllegalArgumentException("no .trn files under " + logDir);
    }
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    long offset = 0;
    long entries = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 20)) {
      while (offset < zipBytes) {
        Packed p = packed.get((int) (entries % packed.size()));
        byte[] name = String.format("logs/log_%07d.trn", entries).getBytes(StandardCharsets.UTF_8);
        if (offset > 0xFFFF_FFF0L) {
          throw new IllegalArgumentException("this generator writes zips below 4 GiB");
        }
        ByteBuffer local = le(30 + name.length);
        local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8);
        local.putInt(0).putInt((int) p.crc).putInt(p.deflated.length).putInt((int) p.size);
        local.putShort((short) name.length).putShort((short) 0).put(name);
        out.write(local.array());
        out.write(p.deflated);
        ByteBuffer cen = le(46 + name.length);
        cen.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
        cen.putShort((short) 8).putInt(0).putInt((int) p.crc).putInt(p.deflated.length);
        cen.putInt((int) p.size).putShort((short) name.length).putShort((short) 0);
        cen.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0);
        cen.putInt((int) offset).put(name);
        central.write(cen.array());
        offset += 30 + name.length + p.deflated.length;
        entries++;
      }
      long cdOffset = offset;
      byte[] cd = central.toByteArray();
      out.write(cd);
      boolean zip64 = entries > 0xFFFF;
      if (zip64) {
        ByteBuffer rec = le(56 + 20);
        rec.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45);
        rec.putInt(0)
            .putInt(0)
            .putLong(entries)
            .putLong(entries)
            .putLong(cd.length)
            .putLong(cdOffset);
        rec.putInt(0x07064b50).putInt(0).putLong(cdOffset + cd.length).putInt(1);
        out.write(rec.array());
      }
      ByteBuffer end = le(22);
      short count = zip64 ? (short) 0xFFFF : (short) entries;
      end.putInt(0x06054b50)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort(count)
          .putShort(count);
      end.putInt(cd.length).putInt((int) cdOffset).putShort((short) 0);
      out.write(end.array());
    }
    System.out.println("entries " + entries + ", zip bytes " + Files.size(zip));
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static Packed pack(byte[] content) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(content);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    CRC32 crc = new CRC32();
    crc.update(content);
    return new Packed(out.toByteArray(), crc.getValue(), content.length);
  }
}
