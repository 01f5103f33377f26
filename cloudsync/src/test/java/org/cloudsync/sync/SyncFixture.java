package org.cloudsync.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cloudsync.center.Center;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.intake.Staging;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.source.Backoff;
import org.cloudsync.source.BlobFetcher;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.BlobSource;
import org.cloudsync.source.ByteRange;

/**
 * A ledger, centers and a staging area in a temporary directory, with directory sources whose
 * {@code open} can be interfered with, and a generated feed to build blobs from.
 */
final class SyncFixture implements AutoCloseable {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

  final Path root;
  final Ledger ledger;
  final Centers centers;
  final Staging staging;
  SyncCycle.Settings settings;

  /** Run before a blob of that name is opened (to delete or replace it meanwhile). */
  final Map<String, Consumer<BlobInfo>> beforeOpen = new ConcurrentHashMap<>();

  /** Run before a center's source is listed (to hold several centers at one point). */
  volatile Runnable beforeList = () -> {};

  /** Names of blobs opened, in order, over every run. */
  final List<String> opened = new ArrayList<>();

  SyncFixture(Path root) {
    this.root = root;
    this.ledger = Ledger.open("jdbc:h2:file:" + root.resolve("ledger"), null, null, CLOCK);
    this.centers =
        new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, CLOCK);
    this.staging = new Staging(root.resolve("staging"), CLOCK, Duration.ofDays(7));
    this.settings =
        SyncCycle.Settings.defaults(staging)
            .withFetch(
                BlobFetcher.Options.DEFAULT.withBackoff(
                    new Backoff(3, Duration.ZERO, Duration.ZERO)),
                d -> {});
  }

  /** A center on a directory source at {@code root/ID}; returns that directory. */
  Path directoryCenter(String id) throws IOException {
    Path dir = Files.createDirectories(root.resolve("drops").resolve(id));
    centers.add(new CenterId(id), new CenterSettings().name(id).sourceDirectory(dir));
    return dir;
  }

  /** The sources: a directory center's files are taken at once (no settle time). */
  BlobSources sources() {
    CenterSources real = new CenterSources(centers, Clock.systemUTC(), Duration.ZERO);
    return center -> {
      BlobSources.Opened o = real.open(center);
      return new BlobSources.Opened(watched(o.source()), o.warnings());
    };
  }

  private BlobSource watched(BlobSource source) {
    return new BlobSource() {
      @Override
      public List<BlobInfo> list() {
        beforeList.run();
        return source.list();
      }

      @Override
      public InputStream open(BlobInfo blob, ByteRange range) {
        synchronized (opened) {
          opened.add(blob.name());
        }
        Consumer<BlobInfo> hook = beforeOpen.remove(blob.name());
        if (hook != null) {
          hook.accept(blob);
        }
        return source.open(blob, range);
      }

      @Override
      public String describe() {
        return source.describe();
      }
    };
  }

  SyncReport sync() {
    return new SyncCycle(ledger, sources(), settings).run(centers.list(), false);
  }

  CenterReport sync(String center) {
    return new SyncCycle(ledger, sources(), settings)
        .run(List.of(centers.get(new CenterId(center))), false)
        .centers()
        .get(0);
  }

  List<BlobRecord> blobs(String center) {
    return new org.cloudsync.ledger.BlobStore(ledger).list(new CenterId(center));
  }

  List<BackupFileRecord> files(String center) {
    return new org.cloudsync.ledger.BackupFileStore(ledger).list(new CenterId(center));
  }

  Center center(String id) {
    return centers.get(new CenterId(id));
  }

  /** A generated feed (initial full, {@code days} daily zips of 4 logs) in a new directory. */
  static SyntheticFeed.Builder feed(String database) {
    return SyntheticFeed.builder(database, LocalDateTime.of(2026, 11, 1, 22, 0), ZoneOffset.UTC, 11)
        .logInterval(Duration.ofHours(6));
  }

  Path generate(String name, SyntheticFeed.Builder feed) {
    Path dir = root.resolve("generated").resolve(name);
    feed.build().writeTo(dir);
    return dir;
  }

  /** The entries of a zip, by name, in order. */
  static Map<String, byte[]> entries(Path zip) {
    Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      var e = zf.entries();
      while (e.hasMoreElements()) {
        ZipEntry entry = e.nextElement();
        try (InputStream in = zf.getInputStream(entry)) {
          out.put(entry.getName(), in.readAllBytes());
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out;
  }

  /** A zip of {@code entries} (names as given, even unsafe ones). */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    ledger.close();
  }
}
