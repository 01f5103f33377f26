package org.cloudsync.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;
import org.cloudsync.center.Center;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.format.synthetic.SyntheticBackupWriter;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.BlobVersion;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.TargetDatabase;
import org.cloudsync.restore.sqlserver.RestoreStatements;
import org.cloudsync.restore.sqlserver.RestoreTarget;

/**
 * A center whose synthetic feed is delivered into the ledger group by group (the full, then one
 * daily zip at a time), staged and validated as the intake leaves files, so the apply phase can be
 * run night by night without the sync cycle.
 */
final class FeedLedger implements AutoCloseable {
  static final Clock CLOCK =
      Clock.fixed(OffsetDateTime.parse("2026-11-26T12:00:00Z").toInstant(), ZoneOffset.UTC);
  static final CenterId CENTER = new CenterId("riverside");

  final Path dir;
  final Ledger ledger;
  final Centers centers;
  final SyntheticFeed.Manifest manifest;
  final Engines engines;
  final ApplyPhase apply;

  /** Delivery groups: full sets by stem, daily zips by name, in delivery order. */
  final Map<String, List<SyntheticFeed.GeneratedFile>> groups = new LinkedHashMap<>();

  FeedLedger(Path dir, UnaryOperator<SyntheticFeed.Builder> feed) {
    this(dir, feed, CLOCK);
  }

  /** With {@code clock} for the ledger and the apply phase (a settable one moves time on). */
  FeedLedger(Path dir, UnaryOperator<SyntheticFeed.Builder> feed, Clock clock) {
    this.dir = dir;
    this.manifest =
        feed.apply(
                SyntheticFeed.builder(
                        "Riverside", LocalDateTime.of(2026, 1, 4, 22, 0), ZoneOffset.ofHours(-5), 7)
                    .logInterval(Duration.ofHours(6)))
            .build()
            .writeTo(dir.resolve("feed"));
    for (SyntheticFeed.GeneratedFile f : manifest.files()) {
      groups.computeIfAbsent(groupOf(f.path()), k -> new ArrayList<>()).add(f);
    }
    this.ledger = Ledger.open("jdbc:h2:file:" + dir.resolve("ledger"), null, null, clock);
    this.centers =
        new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, clock);
    try {
      Files.createDirectories(dir.resolve("drop"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    centers.add(
        CENTER,
        new CenterSettings()
            .name("Riverside")
            .sourceDirectory(dir.resolve("drop"))
            .databaseName("Riverside"));
    this.engines = new Engines(ledger, null, f -> Path.of(f.path()));
    this.apply = new ApplyPhase(ledger, clock);
  }

  private static String groupOf(String path) {
    int bang = path.indexOf('!');
    if (bang >= 0) {
      return path.substring(0, bang);
    }
    return path.replaceAll("_\\d+of\\d+\\.bak$", ".bak");
  }

  List<String> zips() {
    return groups.keySet().stream().filter(k -> k.endsWith(".zip")).toList();
  }

  List<String> fulls() {
    return groups.keySet().stream().filter(k -> k.endsWith(".bak")).toList();
  }

  Center center() {
    return centers.get(CENTER);
  }

  /** Stages and validates every file of the group, as the intake would. */
  void deliver(String group) throws IOException {
    BlobStore blobs = new BlobStore(ledger);
    BackupFileStore files = new BackupFileStore(ledger);
    for (SyntheticFeed.GeneratedFile f : groups.get(group)) {
      int bang = f.path().indexOf('!');
      String blob = bang < 0 ? f.path() : f.path().substring(0, bang);
      String entry = bang < 0 ? f.path() : f.path().substring(bang + 1);
      Path staged = dir.resolve("staging").resolve(blob + ".d").resolve(entry);
      Files.createDirectories(staged.getParent());
      if (bang < 0) {
        Files.copy(manifest.directory().resolve(blob), staged, StandardCopyOption.REPLACE_EXISTING);
      } else {
        try (ZipFile zip = new ZipFile(manifest.directory().resolve(blob).toFile());
            InputStream in = zip.getInputStream(zip.getEntry(entry))) {
          Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      stage(blobs, files, blob, entry, staged, f);
    }
  }

  /** Delivers a log the feed withheld (a gap), as a plain blob of its own. */
  void deliverWithheld(SyntheticFeed.GeneratedFile f) throws IOException {
    String entry = f.path().substring(f.path().indexOf('!') + 1);
    Path staged = dir.resolve("staging").resolve("resent").resolve(entry);
    Files.createDirectories(staged.getParent());
    SyntheticBackupWriter.headerOnly().write(f.header(), staged);
    stage(new BlobStore(ledger), new BackupFileStore(ledger), entry, entry, staged, f);
  }

  private static void stage(
      BlobStore blobs,
      BackupFileStore files,
      String blob,
      String entry,
      Path staged,
      SyntheticFeed.GeneratedFile f) {
    long blobId =
        blobs
            .recordListed(
                CENTER,
                new BlobVersion(blob, "e1", 1, null, OffsetDateTime.parse("2026-01-05T00:00Z")))
            .id();
    long id = files.recordFound(CENTER, blobId, entry).id();
    files.recordHeader(id, HeaderSummary.of(f.header()));
    files.moveTo(id, FileState.STAGED, null, null, staged.toString());
    files.moveTo(id, FileState.VALIDATED, null, null, null);
  }

  /** One apply phase of the center on {@code engine}. */
  ApplyReport applyWith(RestoreEngine engine, Placement placement, boolean dryRun) {
    CandidateReader reader = new CandidateReader(ledger, Path::of);
    return apply.run(
        center(),
        placement,
        engine,
        reader.read(CENTER, EnumSet.of(FileState.VALIDATED)),
        () ->
            reader.read(
                CENTER, EnumSet.of(FileState.VALIDATED, FileState.APPLIED, FileState.VERIFIED)),
        FeedLedger::statement,
        dryRun);
  }

  ApplyReport apply() {
    return applyWith(engines.verify(), centers.placement(CENTER), false);
  }

  static String statement(TargetDatabase t, RestoreStep step, ApplyOptions o) {
    return RestoreStatements.forStep(
        step, RestoreTarget.of(t.name()).withStandby("/var/opt/mssql/standby"), f -> f.path(), o);
  }

  List<String> inState(FileState state) {
    List<String> out = new ArrayList<>();
    for (var r : new BackupFileStore(ledger).list(CENTER, state)) {
      out.add(r.entryPath());
    }
    return out;
  }

  @Override
  public void close() {
    ledger.close();
  }
}
