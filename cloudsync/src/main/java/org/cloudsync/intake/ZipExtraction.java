package org.cloudsync.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ReadResult;

/**
 * Unpacks one zip in a single pass per entry: each entry is inflated once, and its bytes go to the
 * staged file, into its CRC-32 and through the header reader at the same time. Without a target
 * directory nothing is written: the zip is only checked.
 *
 * <p>The central directory is authoritative (as for {@code unzip}); a zip without one (truncated)
 * is refused as a whole. A bad entry is quarantined or skipped, and the entries after it are still
 * unpacked. Only a spent total budget or a failing disk stops the zip part-way.
 */
final class ZipExtraction {
  private static final String NOT_EXTRACTED_HINT =
      "hint: the entry was not extracted; the rest of the zip was";

  private final Path zip;
  private final String zipName;
  private final ZipLimits limits;
  private final IntakeRules rules;
  private final Path target;
  private final Path quarantine;

  private final List<StagedFile> files = new ArrayList<>();
  private final List<SkippedEntry> skipped = new ArrayList<>();
  private final Map<String, List<Placed>> placedByName = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private final HeaderInterner interner = new HeaderInterner();
  private long total;
  private CloudsyncException problem;
  private BitSet symlinks;
  private final byte[] buffer = new byte[EntryCopy.CHUNK];

  /** Directories made (or found) during this run: checked once, not once per entry. */
  private final Set<Path> madeDirectories = new HashSet<>();

  private boolean tempPlaced;

  /** Opens a staged file for writing: the file-system seam tests use to make the disk fill up. */
  interface FileOpener {
    OutputStream open(Path file) throws IOException;
  }

  private final FileOpener opener;

  /** A file already taken from this zip under a name, to tell duplicates apart. */
  private record Placed(int index, long size, long crc, Path path) {}

  /**
   * @param target where validated files go, or null to check only
   * @param quarantine where bad files go (with {@code target})
   */
  ZipExtraction(
      Path zip,
      String zipName,
      ZipLimits limits,
      IntakeRules rules,
      Path target,
      Path quarantine,
      FileOpener opener) {
    this.opener = opener;
    this.zip = zip;
    this.zipName = zipName;
    this.limits = limits;
    this.rules = rules;
    this.target = target == null ? null : target.toAbsolutePath().normalize();
    this.quarantine = quarantine == null ? null : quarantine.toAbsolutePath().normalize();
  }

  /**
   * @throws CloudsyncException when nothing can be unpacked: not a zip, truncated, over the limits
   *     by its own declaration, or no room on disk
   */
  StagedBlob run() {
    try (ZipFile zf = open()) {
      checkDeclared(zf);
      symlinks = symlinks();
      if (target != null) {
        Files.createDirectories(target);
      }
      Enumeration<? extends ZipEntry> entries = zf.entries();
      int index = 0;
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        index++;
        if (problem != null) {
          skipped.add(
              new SkippedEntry(
                  e.getName(), problem.code(), "not unpacked: " + problem.getMessage()));
          continue;
        }
        try {
          entry(zf, e, index);
        } catch (FileAlreadyExistsException
            | DirectoryNotEmptyException
            | NotDirectoryException c) {
          refuse(e.getName(), "its path clashes with an earlier entry's file or directory");
        } catch (IOException io) {
          problem =
              stagingFailure(
                  "cannot stage entry '" + e.getName() + "' of zip '" + zipName + "'", io);
          skipped.add(new SkippedEntry(e.getName(), problem.code(), RuleCheck.reason(problem)));
        }
      }
      if (index == 0) {
        problem =
            new CloudsyncException(
                ErrorCode.ZIP_INVALID,
                "zip '" + zipName + "' holds no entries",
                "ask the sender whether the upload was complete");
      }
    } catch (IOException e) {
      throw stagingFailure("cannot prepare staging directory " + target, e);
    }
    return new StagedBlob(zipName, StagedBlob.kindOf(files), files, skipped, problem);
  }

  private BitSet symlinks() {
    try {
      return CentralDirectory.symlinks(zip);
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.FILE_UNREADABLE,
          "zip '" + zipName + "': its central directory cannot be read: " + e.getMessage(),
          List.of("check that the file is readable; fetch the blob again"),
          e);
    }
  }

  private ZipFile open() {
    try {
      // Names without the UTF-8 flag are CP437 by the zip specification; flagged names stay UTF-8.
      return new ZipFile(zip.toFile(), cp437());
    } catch (ZipException e) {
      throw new CloudsyncException(
          ErrorCode.ZIP_INVALID,
          "zip '" + zipName + "': not a readable zip archive: " + e.getMessage(),
          List.of(
              "the archive is truncated or damaged: its central directory is missing or wrong",
              "fetch the blob again; if it stays so, ask eCW to upload it again"),
          e);
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.FILE_UNREADABLE,
          "zip '" + zipName + "': cannot be opened: " + e.getMessage(),
          List.of("check that the file exists and is readable"),
          e);
    }
  }

  private static Charset cp437() {
    try {
      return Charset.forName("IBM437");
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8; // a trimmed runtime without jdk.charsets
    }
  }

  private void checkDeclared(ZipFile zf) throws IOException {
    if (zf.size() > limits.maxEntries()) {
      throw new CloudsyncException(
          ErrorCode.ZIP_TOO_LARGE,
          "zip '"
              + zipName
              + "' holds "
              + zf.size()
              + " entries, over the limit of "
              + limits.maxEntries(),
          "nothing was unpacked",
          "raise the zip entry limit if this zip is genuine");
    }
    long declared = 0;
    Enumeration<? extends ZipEntry> entries = zf.entries();
    while (entries.hasMoreElements()) {
      long size = entries.nextElement().getSize();
      if (size > 0) {
        declared = declared > Long.MAX_VALUE - size ? Long.MAX_VALUE : declared + size;
      }
    }
    if (declared > limits.maxTotalBytes()) {
      throw new CloudsyncException(
          ErrorCode.ZIP_TOO_LARGE,
          "zip '"
              + zipName
              + "' declares "
              + declared
              + " bytes uncompressed, over the limit of "
              + limits.maxTotalBytes(),
          "nothing was unpacked",
          "raise the zip size limit if this zip is genuine");
    }
    if (target != null) {
      Path existing = target;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      long free = existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
      if (declared > free) {
        throw new CloudsyncException(
            ErrorCode.DISK_FULL,
            "zip '"
                + zipName
                + "' needs "
                + declared
                + " bytes in staging, only "
                + free
                + " are free",
            "nothing was unpacked",
            "free space in the staging directory (purge applied files) or move it to a larger disk");
      }
    }
  }

  private void entry(ZipFile zf, ZipEntry e, int index) throws IOException {
    String name = e.getName();
    EntryPath path;
    try {
      path = EntryPath.parse(name);
    } catch (EntryPath.UnsafeName u) {
      refuse(name, u.getMessage() + "\n" + NOT_EXTRACTED_HINT);
      return;
    }
    if (symlinks != null && symlinks.get(index - 1)) {
      refuse(name, "it is a symbolic link\n" + NOT_EXTRACTED_HINT);
      return;
    }
    if (path.isDirectory()) {
      skipped.add(new SkippedEntry(name, null, "a directory entry"));
      return;
    }
    if (path.isSystemMetadata()) {
      skipped.add(new SkippedEntry(name, null, "operating-system metadata, not a backup"));
      return;
    }
    String display = zipName + "!" + name;
    Path temp = null;
    if (target != null) {
      Path dir = directoriesFor(target, path.normalized());
      if (dir == null) {
        refuse(name, "its directory leads outside the staging directory");
        return;
      }
      temp = dir.resolve("." + path.fileName() + "." + index + ".part");
    }
    tempPlaced = false;
    try {
      stage(zf, e, index, path, display, temp);
    } finally {
      if (!tempPlaced) {
        deleteQuietly(temp);
      }
    }
  }

  private void stage(ZipFile zf, ZipEntry e, int index, EntryPath path, String display, Path temp)
      throws IOException {
    String name = e.getName();
    Copied c = copy(zf, e, temp, display);
    total += c.copy.count();
    EntryCopy copy = c.copy;
    if (copy.writeFailure() != null || c.closeFailure != null) {
      deleteQuietly(temp);
      IOException cause = copy.writeFailure() != null ? copy.writeFailure() : c.closeFailure;
      problem = stagingFailure("cannot write entry '" + name + "' of zip '" + zipName + "'", cause);
      skipped.add(new SkippedEntry(name, problem.code(), RuleCheck.reason(problem)));
      return;
    }
    switch (copy.breach()) {
      case TOTAL -> {
        deleteQuietly(temp);
        problem =
            new CloudsyncException(
                ErrorCode.ZIP_TOO_LARGE,
                "zip '"
                    + zipName
                    + "': entries expand past the limit of "
                    + limits.maxTotalBytes()
                    + " bytes at entry '"
                    + name
                    + "'",
                "the entries before it were unpacked; the rest were not",
                "raise the zip size limit if this zip is genuine");
        skipped.add(new SkippedEntry(name, problem.code(), RuleCheck.reason(problem)));
        return;
      }
      case RATIO -> {
        deleteQuietly(temp);
        skipped.add(
            new SkippedEntry(
                name,
                ErrorCode.ZIP_TOO_LARGE,
                "zip '"
                    + zipName
                    + "': entry '"
                    + name
                    + "' expands more than "
                    + limits.maxRatio()
                    + ":1 ("
                    + e.getCompressedSize()
                    + " compressed bytes): a zip bomb or a corrupt entry; not extracted"
                    + "\nhint: raise the compression-ratio limit if the entry is genuine"));
        return;
      }
      case DECLARED_SIZE, NONE -> {}
    }
    String damage = damage(e, copy);
    if (damage != null) {
      quarantine(path, index, temp, copy, zipDamage(name, damage));
      return;
    }
    // The bytes are the zip's: now judge them as a backup.
    if (c.formatError != null) {
      if (c.formatError.code() == ErrorCode.NOT_A_BACKUP && !path.looksLikeBackup()) {
        deleteQuietly(temp);
        skipped.add(new SkippedEntry(name, null, "not a backup: " + c.formatError.getMessage()));
      } else {
        quarantine(path, index, temp, copy, c.formatError);
      }
      return;
    }
    if (c.readerFailure != null) {
      quarantine(
          path,
          index,
          temp,
          copy,
          new CloudsyncException(
              ErrorCode.INTERNAL,
              "'" + display + "': the header reader failed: " + c.readerFailure,
              "report this as a bug with the file attached"));
      return;
    }
    if (c.result instanceof ReadResult.NotReadableOffline n) {
      quarantine(
          path,
          index,
          temp,
          copy,
          new CloudsyncException(
              n.reason(),
              "'" + display + "': " + n.detail(),
              "SQL Server's RESTORE HEADERONLY can still read it; the file is kept"));
      return;
    }
    List<BackupHeader> sets = interner.intern(((ReadResult.Headers) c.result).sets());
    CloudsyncException broken = RuleCheck.check(sets, rules, display);
    if (broken != null) {
      quarantine(path, index, temp, copy, sets, broken);
      return;
    }
    Path dest = place(path, index, temp, copy, target);
    if (dest != null) {
      files.add(
          new StagedFile(dest, name, copy.count(), sets, StagedFile.State.VALIDATED, null, null));
    }
  }

  /** What copying one entry gave. */
  private record Copied(
      EntryCopy copy,
      ReadResult result,
      BackupFormatException formatError,
      RuntimeException readerFailure,
      IOException closeFailure) {}

  private Copied copy(ZipFile zf, ZipEntry e, Path temp, String display) throws IOException {
    long compressed = Math.max(1, e.getCompressedSize());
    long ratioLimit =
        compressed > Long.MAX_VALUE / limits.maxRatio()
            ? Long.MAX_VALUE
            : compressed * limits.maxRatio();
    long totalLeft = limits.maxTotalBytes() - total;
    ReadResult result = null;
    BackupFormatException formatError = null;
    RuntimeException readerFailure = null;
    EntryCopy copy = null;
    IOException closeFailure = null;
    OutputStream out = temp == null ? null : opener.open(temp);
    try (InputStream raw = zf.getInputStream(e)) {
      copy = new EntryCopy(raw, out, e.getSize(), ratioLimit, totalLeft, buffer);
      try {
        result = BackupReader.read(copy, display);
      } catch (BackupFormatException fe) {
        formatError = fe;
      } catch (RuntimeException re) {
        readerFailure = re;
      }
      try {
        copy.drain();
      } catch (IOException stopped) {
        // The cause is recorded in the copy (breach, read or write failure).
      }
    } catch (ZipException | java.io.EOFException broken) {
      // getInputStream itself fails on a damaged local header.
      if (copy == null) {
        copy =
            new EntryCopy(
                InputStream.nullInputStream(), null, -1, Long.MAX_VALUE, Long.MAX_VALUE, buffer);
        copy.fail(broken);
      }
    } finally {
      if (out != null) {
        try {
          out.close();
        } catch (IOException ce) {
          closeFailure = ce;
        }
      }
    }
    return new Copied(copy, result, formatError, readerFailure, closeFailure);
  }

  /**
   * What is wrong with the bytes an entry gave against what the zip declares for it, or null when
   * they are the zip's.
   */
  private static String damage(ZipEntry e, EntryCopy copy) {
    if (copy.breach() == EntryCopy.Breach.DECLARED_SIZE) {
      return "it expands past its declared size of " + e.getSize() + " bytes";
    }
    if (copy.readFailure() != null) {
      return "its data cannot be read: " + copy.readFailure().getMessage();
    }
    if (e.getCrc() != -1 && copy.crc() != e.getCrc()) {
      return String.format("CRC-32 0x%08x != 0x%08x declared", copy.crc(), e.getCrc());
    }
    if (e.getSize() >= 0 && copy.count() != e.getSize()) {
      return "it holds " + copy.count() + " bytes, " + e.getSize() + " declared";
    }
    return null;
  }

  private CloudsyncException zipDamage(String entry, String what) {
    return new CloudsyncException(
        ErrorCode.ZIP_INVALID,
        "zip '" + zipName + "': entry '" + entry + "' is damaged: " + what,
        "the entry was quarantined; the other entries were unpacked",
        "fetch the blob again; if it stays so, ask eCW to upload it again");
  }

  /** Quarantines an entry whose header could not be read. */
  private void quarantine(
      EntryPath path, int index, Path temp, EntryCopy copy, CloudsyncException why)
      throws IOException {
    quarantine(path, index, temp, copy, List.of(), why);
  }

  private void quarantine(
      EntryPath path,
      int index,
      Path temp,
      EntryCopy copy,
      List<BackupHeader> sets,
      CloudsyncException why)
      throws IOException {
    Path dest = place(path, index, temp, copy, quarantine);
    if (dest == null) {
      return;
    }
    String reason = RuleCheck.reason(why);
    if (target != null) {
      Path reasonFile = dest.resolveSibling(dest.getFileName() + Staging.REASON_SUFFIX);
      Path reasonTemp =
          dest.resolveSibling("." + dest.getFileName() + Staging.REASON_SUFFIX + ".part");
      Files.writeString(reasonTemp, why.code().name() + "\n" + reason + "\n");
      Files.move(reasonTemp, reasonFile, StandardCopyOption.ATOMIC_MOVE);
    }
    files.add(
        new StagedFile(
            dest,
            path.name(),
            copy.count(),
            sets,
            StagedFile.State.QUARANTINED,
            why.code(),
            reason));
  }

  /**
   * Moves the temp file to its final name under {@code base}, renaming a different file of the same
   * name ({@code x.trn} then {@code x~2.trn}) and dropping an identical one.
   *
   * @return where the file lies (the zip itself when only checking), or null when it was dropped
   */
  private Path place(EntryPath path, int index, Path temp, EntryCopy copy, Path base)
      throws IOException {
    String key = path.normalized();
    List<Placed> earlier = placedByName.computeIfAbsent(key, k -> new ArrayList<>());
    for (Placed p : earlier) {
      if (p.size == copy.count() && p.crc == copy.crc() && sameBytes(temp, p.path)) {
        deleteQuietly(temp);
        skipped.add(
            new SkippedEntry(
                path.name(), null, "an identical duplicate of entry #" + p.index + ", kept once"));
        return null;
      }
    }
    String relative = key;
    for (int n = 2;
        usedNames.contains(relative)
            || (base != null && Files.isDirectory(resolve(base, relative)));
        n++) {
      relative = suffixed(key, n);
    }
    usedNames.add(relative);
    Path dest = zip;
    if (base != null) {
      Path dir = directoriesFor(base, relative);
      if (dir == null) {
        throw new NotDirectoryException(resolve(base, relative).getParent().toString());
      }
      dest = resolve(base, relative);
      Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE);
      tempPlaced = true;
    }
    earlier.add(new Placed(index, copy.count(), copy.crc(), dest));
    return dest;
  }

  /**
   * Makes the directories of {@code relative} under {@code base} one at a time, never following a
   * symbolic link (a link planted in staging must not lead the file, or a directory, outside).
   *
   * @return the file's directory, or null when a part of the way is a symbolic link
   * @throws FileAlreadyExistsException when a part of the way is a file
   */
  private Path directoriesFor(Path base, String relative) throws IOException {
    if (madeDirectories.add(base)) {
      Files.createDirectories(base);
    }
    String[] segments = relative.split("/");
    Path dir = base;
    for (int i = 0; i < segments.length - 1; i++) {
      dir = dir.resolve(segments[i]);
      if (madeDirectories.contains(dir)) {
        continue;
      }
      if (Files.isSymbolicLink(dir)) {
        return null;
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(dir);
      }
      madeDirectories.add(dir);
    }
    return dir;
  }

  private static Path resolve(Path base, String relative) {
    Path p = base;
    for (String segment : relative.split("/")) {
      p = p.resolve(segment);
    }
    return p;
  }

  private static boolean sameBytes(Path a, Path b) throws IOException {
    return a == null || Files.mismatch(a, b) == -1;
  }

  /** {@code dir/x.trn} with n = 2 gives {@code dir/x~2.trn}. */
  static String suffixed(String name, int n) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    if (dot <= slash + 1) {
      return name + "~" + n;
    }
    return name.substring(0, dot) + "~" + n + name.substring(dot);
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // A leftover temp file is overwritten by the next run and counted in disk use.
    }
  }

  private static CloudsyncException stagingFailure(String what, IOException cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    boolean full =
        lower.contains("no space left")
            || lower.contains("not enough space")
            || lower.contains("disk quota exceeded");
    return new CloudsyncException(
        full ? ErrorCode.DISK_FULL : ErrorCode.STAGING_WRITE_FAILED,
        what + ": " + message,
        List.of(
            full
                ? "free space in the staging directory (purge applied files) or move it to a larger"
                    + " disk; the entries staged before this one are kept"
                : "check the staging directory's permissions and free space"),
        cause);
  }

  /** Records that entry {@code name} was refused as unsafe, and why. */
  private void refuse(String name, String why) {
    skipped.add(
        new SkippedEntry(
            name,
            ErrorCode.ZIP_UNSAFE_ENTRY,
            "zip '" + zipName + "': entry '" + name + "' refused: " + why));
  }
}
