package org.cloudsync.format.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;

/**
 * Generates a synthetic eClinicalWorks Cloud Sync container in a directory: an initial full backup
 * (optionally striped over several files, optionally zipped) and one zip per day holding that day's
 * log backups, with contiguous LSNs, plus problems on request (a missing log, a log of another
 * database, a log delivered twice, a new full mid-feed, a damaged file).
 *
 * <p>Everything is labelled synthetic: server {@value SyntheticBackupWriter#SERVER_NAME}, user
 * {@value SyntheticBackupWriter#USER_NAME}, a {@value #README} in the directory. The files are
 * header-only (no database pages): SQL Server cannot restore them.
 *
 * <p>Names follow one reasonable reading of eCW's style: {@code <db>_FULL_yyyyMMdd_HHmmss.bak}
 * (stripes {@code ..._<k>of<n>.bak}, zipped as {@code <db>_FULL_yyyyMMdd_HHmmss.zip}), logs {@code
 * <db>_LOG_yyyyMMdd_HHmmss.trn} inside {@code <db>_<yyyyMMdd>.zip}.
 *
 * <p>Reproducible: no clock is read, GUIDs and LSN steps come from the seed, zip entry times and
 * file modification times are the backups' own times.
 */
public final class SyntheticFeed {
  /** The label file written into every generated feed directory. */
  public static final String README = "SYNTHETIC-README.txt";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final String database;
  private final LocalDateTime fullStart;
  private final ZoneOffset zone;
  private final long seed;
  private final int days;
  private final Duration logInterval;
  private final int fullStripes;
  private final boolean zipFull;
  private final long dataBytes;
  private final List<LogRef> gaps;
  private final List<Integer> foreignLogDays;
  private final List<Integer> duplicateDays;
  private final Map<Integer, Integer> newFullDays;
  private final Map<LogRef, SyntheticDamage> damaged;

  private SyntheticFeed(Builder b) {
    this.database = b.database;
    this.fullStart = b.fullStart;
    this.zone = b.zone;
    this.seed = b.seed;
    this.days = b.days;
    this.logInterval = b.logInterval;
    this.fullStripes = b.fullStripes;
    this.zipFull = b.zipFull;
    this.dataBytes = b.dataBytes;
    this.gaps = List.copyOf(b.gaps);
    this.foreignLogDays = List.copyOf(b.foreignLogDays);
    this.duplicateDays = List.copyOf(b.duplicateDays);
    this.newFullDays = new TreeMap<>(b.newFullDays);
    this.damaged = new LinkedHashMap<>(b.damaged);
  }

  /**
   * A feed for {@code database} whose initial full starts at {@code fullStart} (server local time,
   * at {@code zone}); day 1's logs start at midnight after it.
   */
  public static Builder builder(
      String database, LocalDateTime fullStart, ZoneOffset zone, long seed) {
    return new Builder(database, fullStart, zone, seed);
  }

  /** One log backup of the feed: day 1..N and its index 0..(logs per day - 1) within the day. */
  public record LogRef(int day, int index) {}

  /** The kinds of deliberate problem a feed can carry. */
  public enum ProblemKind {
    /** A log backup was taken but not delivered: the chain has an LSN gap. */
    MISSING_LOG,
    /** A zip holds a log backup of another database. */
    OTHER_DATABASE,
    /** The same log backup is delivered in two zips. */
    DUPLICATE_LOG,
    /** A new full backup arrives mid-feed (re-baseline). */
    NEW_FULL,
    /** A file is damaged (see its {@link GeneratedFile#damage()}). */
    DAMAGED_FILE
  }

  /**
   * A backup file in the feed.
   *
   * @param path relative to the feed directory with {@code /} separators; a zip entry is {@code
   *     ZIP!ENTRY}, as {@code cloudsync inspect} names it
   * @param header the header written (as {@link SyntheticBackupWriter#completed} reports it)
   * @param damage what was damaged on purpose, or null
   */
  public record GeneratedFile(String path, BackupHeader header, String damage) {}

  /**
   * A deliberate problem.
   *
   * @param paths the files involved (for a missing log: its neighbours in the chain)
   * @param from for a missing log, the first LSN that is missing; otherwise null
   * @param to for a missing log, the LSN where the chain resumes; otherwise null
   */
  public record Problem(
      ProblemKind kind, String description, List<String> paths, Lsn from, Lsn to) {
    public Problem {
      paths = List.copyOf(paths);
    }
  }

  /**
   * What was generated: every backup file (in delivery order), the deliberate problems, and the log
   * chain's extent, so tests can assert a planner's answers.
   *
   * @param database the feed's database (other databases' files are deliberate problems)
   * @param files every backup file delivered, initial full first
   * @param withheld log backups taken but not delivered (the gaps)
   * @param chainStart the first LSN the delivered logs must cover (the initial full's FirstLSN)
   * @param chainEnd the LastLSN of the last log taken
   */
  public record Manifest(
      Path directory,
      String database,
      List<GeneratedFile> files,
      List<GeneratedFile> withheld,
      List<Problem> problems,
      Lsn chainStart,
      Lsn chainEnd) {
    public Manifest {
      files = List.copyOf(files);
      withheld = List.copyOf(withheld);
      problems = List.copyOf(problems);
    }

    /** The delivered files of {@code type} of the feed's own database, in delivery order. */
    public List<GeneratedFile> files(BackupType type) {
      return files.stream()
          .filter(f -> f.header().backupType() == type)
          .filter(f -> f.header().databaseName().equals(database))
          .toList();
    }

    /** A person-readable account, one line per file and per problem. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("synthetic feed in ").append(directory).append('\n');
      sb.append("log chain from ").append(chainStart).append(" to ").append(chainEnd).append('\n');
      for (GeneratedFile f : files) {
        BackupHeader h = f.header();
        sb.append(h.backupType().shortName())
            .append(' ')
            .append(f.path())
            .append(' ')
            .append(h.databaseName())
            .append(" [")
            .append(h.firstLsn())
            .append(", ")
            .append(h.lastLsn())
            .append(") ")
            .append(h.backupStartDate());
        if (h.familyCount() > 1) {
          sb.append(" family ")
              .append(h.familySequenceNumber())
              .append('/')
              .append(h.familyCount());
        }
        if (f.damage() != null) {
          sb.append(" damaged: ").append(f.damage());
        }
        sb.append('\n');
      }
      for (Problem p : problems) {
        sb.append("problem ").append(p.kind()).append(": ").append(p.description()).append('\n');
      }
      return sb.toString();
    }
  }

  /** Options for a feed; each problem knob may be used several times. */
  public static final class Builder {
    private final String database;
    private final LocalDateTime fullStart;
    private final ZoneOffset zone;
    private final long seed;
    private int days = 1;
    private Duration logInterval = Duration.ofMinutes(15);
    private int fullStripes = 1;
    private boolean zipFull;
    private long dataBytes;
    private final List<LogRef> gaps = new ArrayList<>();
    private final List<Integer> foreignLogDays = new ArrayList<>();
    private final List<Integer> duplicateDays = new ArrayList<>();
    private final Map<Integer, Integer> newFullDays = new TreeMap<>();
    private final Map<LogRef, SyntheticDamage> damaged = new LinkedHashMap<>();

    private Builder(String database, LocalDateTime fullStart, ZoneOffset zone, long seed) {
      this.database = Objects.requireNonNull(database, "database");
      this.fullStart = Objects.requireNonNull(fullStart, "fullStart");
      this.zone = Objects.requireNonNull(zone, "zone");
      this.seed = seed;
    }

    /** How many daily zips (default 1). */
    public Builder days(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("days must not be negative: " + n);
      }
      days = n;
      return this;
    }

    /** Time between log backups (default 15 minutes: 96 a day); must divide a day. */
    public Builder logInterval(Duration d) {
      if (d.isZero() || d.isNegative() || Duration.ofDays(1).toSeconds() % d.toSeconds() != 0) {
        throw new IllegalArgumentException("a log interval must divide a day: " + d);
      }
      logInterval = d;
      return this;
    }

    /** The initial full is striped over {@code n} files (default 1). */
    public Builder fullStripes(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("a full has at least one stripe: " + n);
      }
      fullStripes = n;
      return this;
    }

    /** The full (all its stripes) is delivered inside one zip. */
    public Builder zipFull(boolean zip) {
      zipFull = zip;
      return this;
    }

    /** Zero-filled data per backup file, to make files larger (default none). */
    public Builder dataBytes(long bytes) {
      dataBytes = bytes;
      return this;
    }

    /** Log {@code index} of day {@code day} is taken but not delivered. */
    public Builder missingLog(int day, int index) {
      gaps.add(new LogRef(day, index));
      return this;
    }

    /** Day {@code day}'s zip also holds a log backup of another database. */
    public Builder otherDatabaseLog(int day) {
      foreignLogDays.add(day);
      return this;
    }

    /** Day {@code day}'s last log is delivered again in day {@code day + 1}'s zip. */
    public Builder duplicateLastLog(int day) {
      duplicateDays.add(day);
      return this;
    }

    /**
     * A new full backup is taken on day {@code day} just after log {@code afterIndex} and delivered
     * beside the initial full.
     */
    public Builder newFull(int day, int afterIndex) {
      newFullDays.put(day, afterIndex);
      return this;
    }

    /** Log {@code index} of day {@code day} is delivered with {@code damage}. */
    public Builder damagedLog(int day, int index, SyntheticDamage damage) {
      damaged.put(new LogRef(day, index), Objects.requireNonNull(damage, "damage"));
      return this;
    }

    /**
     * @throws IllegalArgumentException when a knob names a day or log the feed does not have
     */
    public SyntheticFeed build() {
      int perDay = (int) (Duration.ofDays(1).toSeconds() / logInterval.toSeconds());
      List<LogRef> refs = new ArrayList<>(gaps);
      refs.addAll(damaged.keySet());
      for (LogRef r : refs) {
        checkLog(r.day(), r.index(), perDay);
      }
      for (int d : foreignLogDays) {
        checkDay(d);
      }
      for (int d : duplicateDays) {
        checkDay(d);
        if (d >= days) {
          throw new IllegalArgumentException(
              "day " + d + "'s last log can only be delivered again on a later day");
        }
      }
      newFullDays.forEach((d, i) -> checkLog(d, i, perDay));
      return new SyntheticFeed(this);
    }

    private void checkDay(int d) {
      if (d < 1 || d > days) {
        throw new IllegalArgumentException("day " + d + " is outside the feed's 1.." + days);
      }
    }

    private void checkLog(int d, int i, int perDay) {
      checkDay(d);
      if (i < 0 || i >= perDay) {
        throw new IllegalArgumentException(
            "log " + i + " of day " + d + " is outside 0.." + (perDay - 1));
      }
    }
  }

  /**
   * Writes the feed into {@code directory} (created if absent; existing files of the same names are
   * replaced) and says what it wrote.
   */
  public Manifest writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      return new Generation(directory).run();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the synthetic feed into '" + directory + "': " + e.getMessage(), e);
    }
  }

  private static String readme() {
    return String.join(
        "\n",
        "SYNTHETIC DATA - generated by cloudsync's SyntheticFeed, not by SQL Server or eCW.",
        "",
        "The .bak and .trn files here are header-only SQL Server backup files in Microsoft Tape",
        "Format: their headers (database, LSNs, GUIDs, dates) are made up to exercise cloudsync,",
        "and they hold no database pages. SQL Server cannot restore them.",
        "Server name: "
            + SyntheticBackupWriter.SERVER_NAME
            + ", user name: "
            + SyntheticBackupWriter.USER_NAME
            + ".",
        "");
  }

  /** One run of generation: the database, the writer, and what has been written so far. */
  private final class Generation {
    private final Path dir;
    private final SyntheticDatabase db;
    private final SyntheticBackupWriter writer = SyntheticBackupWriter.headerOnly();
    private final List<GeneratedFile> files = new ArrayList<>();
    private final List<GeneratedFile> withheld = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private GeneratedFile previousLog;
    private String pendingGapFrom;
    private GeneratedFile gapStart;
    private Lsn gapFrom;

    Generation(Path dir) {
      this.dir = dir;
      this.db = new SyntheticDatabase(database, zone, seed);
    }

    Manifest run() throws IOException {
      BackupHeader initial = db.full(fullStart);
      Path readme = dir.resolve(README);
      Files.writeString(readme, readme(), StandardCharsets.UTF_8);
      touch(readme, initial);
      Lsn chainStart = initial.firstLsn();
      writeFullFiles(initial);
      int perDay = (int) (Duration.ofDays(1).toSeconds() / logInterval.toSeconds());
      Map<Integer, List<Entry>> carried = new TreeMap<>();
      for (int day = 1; day <= days; day++) {
        LocalDate date = fullStart.toLocalDate().plusDays(day);
        String zipName = database + "_" + DAY.format(date) + ".zip";
        List<Entry> entries = new ArrayList<>(carried.getOrDefault(day, List.of()));
        for (Entry e : entries) {
          files.add(new GeneratedFile(zipName + "!" + e.name, e.header, e.damage));
        }
        for (int i = 0; i < perDay; i++) {
          LocalDateTime at = date.atStartOfDay().plus(logInterval.multipliedBy(i));
          BackupHeader h = writer.withDataBytes(dataBytes).completed(db.log(at));
          String name = database + "_LOG_" + STAMP.format(at) + ".trn";
          LogRef ref = new LogRef(day, i);
          if (gaps.contains(ref)) {
            withhold(zipName + "!" + name, h);
          } else {
            entries.add(logEntry(zipName, name, h, damaged.get(ref)));
          }
          if (newFullDays.containsKey(day) && newFullDays.get(day) == i) {
            writeNewFull(at.plus(logInterval.dividedBy(2)));
          }
        }
        if (foreignLogDays.contains(day)) {
          entries.add(foreignLog(zipName, date, day));
        }
        if (duplicateDays.contains(day)) {
          Entry last = lastOwnLog(entries);
          carried.computeIfAbsent(day + 1, k -> new ArrayList<>()).add(last);
          problems.add(
              new Problem(
                  ProblemKind.DUPLICATE_LOG,
                  "log " + last.name + " is delivered in " + zipName + " and in the next day's zip",
                  List.of(zipName + "!" + last.name),
                  null,
                  null));
        }
        writeZip(dir.resolve(zipName), entries);
      }
      if (gapStart != null) {
        problems.add(
            new Problem(
                ProblemKind.MISSING_LOG,
                "log backups "
                    + pendingGapFrom
                    + " at the end of the feed were taken but not delivered: lsn "
                    + gapFrom
                    + " to "
                    + db.logChainEnd()
                    + " is missing",
                List.of(gapStart.path()),
                gapFrom,
                db.logChainEnd()));
      }
      Lsn chainEnd = db.logChainEnd();
      return new Manifest(dir, database, files, withheld, problems, chainStart, chainEnd);
    }

    private Entry logEntry(String zipName, String name, BackupHeader h, SyntheticDamage damage) {
      SyntheticBackup backup = writer.withDataBytes(dataBytes).encode(h);
      String damageText = null;
      if (damage != null) {
        backup = backup.damaged(damage);
        damageText = backup.damage();
        problems.add(
            new Problem(
                ProblemKind.DAMAGED_FILE,
                zipName + "!" + name + ": " + damageText,
                List.of(zipName + "!" + name),
                null,
                null));
      }
      GeneratedFile f = new GeneratedFile(zipName + "!" + name, h, damageText);
      files.add(f);
      if (gapStart != null) {
        problems.add(
            new Problem(
                ProblemKind.MISSING_LOG,
                "log backups "
                    + pendingGapFrom
                    + " were taken but not delivered: lsn "
                    + gapFrom
                    + " to "
                    + h.firstLsn()
                    + " is missing",
                List.of(gapStart.path(), f.path()),
                gapFrom,
                h.firstLsn()));
        gapStart = null;
        pendingGapFrom = null;
      }
      previousLog = f;
      return new Entry(name, h, backup.toBytes(), damageText);
    }

    private void withhold(String path, BackupHeader h) {
      withheld.add(new GeneratedFile(path, h, null));
      String name = path.substring(path.indexOf('!') + 1);
      if (gapStart == null) {
        gapStart = previousLog != null ? previousLog : files.get(files.size() - 1);
        gapFrom = h.firstLsn();
        pendingGapFrom = name;
      } else {
        pendingGapFrom = pendingGapFrom + ", " + name;
      }
    }

    private Entry lastOwnLog(List<Entry> entries) {
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (entries.get(i).header.databaseName().equals(database)) {
          return entries.get(i);
        }
      }
      throw new IllegalArgumentException("no log of " + database + " to deliver twice");
    }

    private Entry foreignLog(String zipName, LocalDate date, int day) {
      String other = database + "_Other";
      SyntheticDatabase foreign = new SyntheticDatabase(other, zone, seed * 31 + day);
      foreign.full(date.atStartOfDay().minusHours(2));
      LocalDateTime at = date.atTime(12, 7, 30);
      BackupHeader h = writer.completed(foreign.log(at));
      String name = other + "_LOG_" + STAMP.format(at) + ".trn";
      files.add(new GeneratedFile(zipName + "!" + name, h, null));
      problems.add(
          new Problem(
              ProblemKind.OTHER_DATABASE,
              zipName + " holds " + name + ", a log backup of database " + other,
              List.of(zipName + "!" + name),
              null,
              null));
      return new Entry(name, h, writer.encode(h).toBytes(), null);
    }

    private void writeNewFull(LocalDateTime at) throws IOException {
      BackupHeader full = db.full(at);
      List<GeneratedFile> written = writeFullFiles(full);
      problems.add(
          new Problem(
              ProblemKind.NEW_FULL,
              "a new full backup starting at " + at + " (lsn " + full.firstLsn() + ")",
              written.stream().map(GeneratedFile::path).toList(),
              null,
              null));
    }

    private List<GeneratedFile> writeFullFiles(BackupHeader full) throws IOException {
      SyntheticBackupWriter w = writer.withDataBytes(dataBytes);
      String stem = database + "_FULL_" + STAMP.format(full.backupStartDate());
      List<BackupHeader> stripes = w.stripes(full, fullStripes);
      List<Entry> entries = new ArrayList<>();
      List<GeneratedFile> written = new ArrayList<>();
      for (BackupHeader h : stripes) {
        String name =
            fullStripes == 1
                ? stem + ".bak"
                : stem + "_" + h.familySequenceNumber() + "of" + fullStripes + ".bak";
        String path = zipFull ? stem + ".zip!" + name : name;
        written.add(new GeneratedFile(path, h, null));
        SyntheticBackup backup = w.encode(h);
        if (zipFull) {
          entries.add(new Entry(name, h, backup.toBytes(), null));
        } else {
          Path file = dir.resolve(name);
          backup.writeTo(file);
          touch(file, h);
        }
      }
      if (zipFull) {
        writeZip(dir.resolve(stem + ".zip"), entries);
      }
      files.addAll(written);
      return written;
    }

    private void writeZip(Path zip, List<Entry> entries) throws IOException {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (ZipOutputStream out = new ZipOutputStream(buffer)) {
        for (Entry e : entries) {
          ZipEntry entry = new ZipEntry(e.name);
          entry.setTimeLocal(e.header.backupFinishDate());
          out.putNextEntry(entry);
          out.write(e.bytes);
          out.closeEntry();
        }
      }
      try (OutputStream out = Files.newOutputStream(zip)) {
        buffer.writeTo(out);
      }
      BackupHeader newest = entries.isEmpty() ? null : entries.get(entries.size() - 1).header;
      if (newest != null) {
        touch(zip, newest);
      }
    }

    private void touch(Path file, BackupHeader h) throws IOException {
      Files.setLastModifiedTime(
          file, FileTime.from(h.backupFinishDate().atOffset(zone).toInstant()));
    }
  }

  /** A file bound for a zip. */
  private record Entry(String name, BackupHeader header, byte[] bytes, String damage) {}
}
