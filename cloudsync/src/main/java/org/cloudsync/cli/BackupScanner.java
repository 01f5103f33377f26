package org.cloudsync.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.plan.BackupFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and reads the backup headers under the PATH arguments of {@code inspect} and {@code plan}.
 *
 * <ul>
 *   <li>A file argument is always read: as a zip when its name ends in {@code .zip} or it starts
 *       with the zip signature, else as a backup. Its path is the argument as given.
 *   <li>A directory argument is walked recursively (symbolic links to directories are not
 *       followed). Its files are named relative to it, with {@code /} separators. Files named
 *       {@code *.bak}, {@code *.trn} (any case) are read as backups, {@code *.zip} as zips; any
 *       other file is read only when it starts with a backup signature ({@code TAPE} or {@code
 *       MSSQLBAK}), and is otherwise skipped (logged with {@code --verbose}).
 *   <li>A zip's entries are read in place, never extracted, with the same name rule; an entry is
 *       named {@code ZIPPATH!ENTRY}. Zips inside zips are skipped.
 * </ul>
 *
 * <p>A file that cannot be read does not stop the others: it is listed in {@link Scan#unreadable()}
 * with its error code and reason.
 */
final class BackupScanner {
  /**
   * The logger, looked up on first use: a run that logs nothing (the usual case) never starts the
   * logging system, which costs more than reading a few thousand headers.
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(BackupScanner.class);
  }

  private static final byte[] TAPE = "TAPE".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSSQLBAK = "MSSQLBAK".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final List<String> NOT_READABLE_OFFLINE_HINTS =
      List.of(
          "SQL Server's RESTORE HEADERONLY can read this file; cloudsync does not ask a server"
              + " for headers yet");

  /** A file (or zip entry) whose headers could not be read, and why (lower-case facts). */
  record Unreadable(String path, ErrorCode code, String reason, List<String> hints) {}

  /**
   * What was found: every backup set (sorted by path, then position) and every unreadable file
   * (sorted by path).
   */
  record Scan(List<BackupFile> sets, List<Unreadable> unreadable, Set<String> zipEntries) {
    /** OK, or the most severe status of the unreadable files (3 for unreadable input). */
    ExitStatus status() {
      ExitStatus s = ExitStatus.OK;
      for (Unreadable u : unreadable) {
        s = s.max(u.code().exitStatus());
      }
      return s;
    }
  }

  private final List<BackupFile> sets = new ArrayList<>();
  private final List<Unreadable> unreadable = new ArrayList<>();
  private final Set<String> zipEntries = new HashSet<>();

  private BackupScanner() {}

  /** Reads every backup under {@code arguments} (files, directories, zips). */
  static Scan scan(List<String> arguments) {
    BackupScanner scanner = new BackupScanner();
    for (String argument : arguments) {
      scanner.argument(argument);
    }
    scanner.sets.sort(
        Comparator.comparing(BackupFile::path).thenComparingInt(f -> f.header().position()));
    scanner.unreadable.sort(Comparator.comparing(Unreadable::path));
    return new Scan(
        List.copyOf(scanner.sets), List.copyOf(scanner.unreadable), Set.copyOf(scanner.zipEntries));
  }

  private void argument(String argument) {
    Path path;
    try {
      path = Path.of(argument);
    } catch (InvalidPathException e) {
      fail(argument, ErrorCode.FILE_UNREADABLE, "not a valid path: " + e.getReason());
      return;
    }
    if (Files.isDirectory(path)) {
      directory(path);
    } else if (Files.isRegularFile(path)) {
      String lower = argument.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".zip") || startsWith(head(path, argument), ZIP)) {
        zip(path, argument);
      } else {
        backup(path, argument);
      }
    } else if (Files.exists(path)) {
      fail(argument, ErrorCode.FILE_UNREADABLE, "not a regular file or directory");
    } else {
      fail(
          argument,
          ErrorCode.FILE_UNREADABLE,
          "no such file or directory",
          "check the path; a directory is searched recursively");
    }
  }

  private void directory(Path argument) {
    List<Path> files = new ArrayList<>();
    Path dir;
    try {
      // A symbolic link given as the argument is followed; links below it are not.
      dir = argument.toRealPath();
    } catch (IOException e) {
      fail(argument.toString(), ErrorCode.FILE_UNREADABLE, reason(e));
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() || Files.isRegularFile(file)) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              fail(relative(dir, file), ErrorCode.FILE_UNREADABLE, reason(e));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      fail(dir.toString(), ErrorCode.FILE_UNREADABLE, reason(e));
    }
    List<String[]> named = new ArrayList<>(files.size());
    for (Path f : files) {
      named.add(new String[] {relative(dir, f), f.toString()});
    }
    named.sort(Comparator.comparing(n -> n[0]));
    for (String[] n : named) {
      Path file = Path.of(n[1]);
      String path = n[0];
      switch (kind(path, () -> head(file, path))) {
        case BACKUP -> backup(file, path);
        case ZIP -> zip(file, path);
        case OTHER ->
            Log.LOG.info("skipped '{}': not a backup name (.bak, .trn, .zip) or signature", path);
      }
    }
  }

  private enum Kind {
    BACKUP,
    ZIP,
    OTHER
  }

  private interface Head {
    byte[] read() throws IOException;
  }

  private static Kind kind(String name, Head head) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".bak") || lower.endsWith(".trn")) {
      return Kind.BACKUP;
    }
    if (lower.endsWith(".zip")) {
      return Kind.ZIP;
    }
    try {
      byte[] b = head.read();
      return startsWith(b, TAPE) || startsWith(b, MSSQLBAK) ? Kind.BACKUP : Kind.OTHER;
    } catch (IOException e) {
      // Not a backup by name, and unreadable: nothing suggests it matters.
      Log.LOG.info("skipped '{}': {}", name, reason(e));
      return Kind.OTHER;
    }
  }

  private void backup(Path file, String path) {
    try {
      found(path, BackupReader.read(file, path), false);
    } catch (CloudsyncException e) {
      fail(path, e);
    } catch (UncheckedIOException e) {
      fail(path, ErrorCode.FILE_UNREADABLE, reason(e.getCause()));
    } catch (RuntimeException e) {
      internal(path, e);
    }
  }

  private void zip(Path file, String zipPath) {
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      List<? extends ZipEntry> entries = zip.stream().filter(e -> !e.isDirectory()).toList();
      entries = entries.stream().sorted(Comparator.comparing(ZipEntry::getName)).toList();
      for (ZipEntry entry : entries) {
        zipEntry(zip, entry, zipPath + "!" + printable(entry.getName()));
      }
    } catch (ZipException | IllegalArgumentException e) {
      fail(
          zipPath,
          ErrorCode.ZIP_INVALID,
          "not a readable zip archive: " + lower(e.getMessage()),
          "the zip is damaged or incomplete; fetch it again or ask the sender for a new copy");
    } catch (IOException e) {
      fail(zipPath, ErrorCode.FILE_UNREADABLE, reason(e));
    }
  }

  private void zipEntry(ZipFile zip, ZipEntry entry, String path) {
    if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      Log.LOG.info("skipped '{}': zips inside zips are not read", path);
      return;
    }
    try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
      Kind kind =
          kind(
              entry.getName(),
              () -> {
                in.mark(MSSQLBAK.length);
                byte[] b = in.readNBytes(MSSQLBAK.length);
                in.reset();
                return b;
              });
      if (kind != Kind.BACKUP) {
        Log.LOG.info("skipped '{}': not a backup name (.bak, .trn) or signature", path);
        return;
      }
      found(path, BackupReader.read(in, path), true);
    } catch (ZipException e) {
      fail(
          path,
          ErrorCode.ZIP_INVALID,
          "zip entry damaged: " + lower(e.getMessage()),
          "the zip is damaged or incomplete; fetch it again or ask the sender for a new copy");
    } catch (IOException e) {
      fail(path, ErrorCode.FILE_UNREADABLE, reason(e));
    } catch (CloudsyncException e) {
      fail(path, e);
    } catch (UncheckedIOException e) {
      fail(path, ErrorCode.ZIP_INVALID, "zip entry unreadable: " + reason(e.getCause()));
    } catch (RuntimeException e) {
      internal(path, e);
    }
  }

  private void found(String path, ReadResult result, boolean inZip) {
    if (result instanceof ReadResult.Headers h) {
      for (BackupHeader header : h.sets()) {
        sets.add(new BackupFile(path, header));
      }
      if (inZip) {
        zipEntries.add(path);
      }
    } else if (result instanceof ReadResult.NotReadableOffline n) {
      unreadable.add(new Unreadable(path, n.reason(), n.detail(), NOT_READABLE_OFFLINE_HINTS));
    }
  }

  private void fail(String path, CloudsyncException e) {
    String message = e.getMessage();
    String file = e instanceof BackupFormatException bfe ? bfe.file() : path;
    for (String prefix : List.of("'" + file + "': ", "'" + path + "': ")) {
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
        break;
      }
    }
    unreadable.add(new Unreadable(path, e.code(), message, e.hints()));
  }

  private void fail(String path, ErrorCode code, String reason, String... hints) {
    unreadable.add(new Unreadable(path, code, reason, List.of(hints)));
  }

  private void internal(String path, RuntimeException e) {
    Log.LOG.debug("reading '{}' failed unexpectedly", path, e);
    unreadable.add(
        new Unreadable(
            path,
            ErrorCode.INTERNAL,
            "reading the header failed unexpectedly: " + ErrorPrinter.summary(e),
            List.of("this is a bug in cloudsync; rerun with --debug to see where it happened")));
  }

  private static byte[] head(Path file, String path) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(MSSQLBAK.length);
    } catch (IOException e) {
      Log.LOG.debug("cannot read the first bytes of '{}': {}", path, reason(e));
      return new byte[0];
    }
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static String relative(Path dir, Path file) {
    Path rel = dir.relativize(file);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return printable(sb.toString());
  }

  /**
   * A name with control characters (tabs, line ends) shown as {@code ?}: names come from senders
   * (zip entries, file names), and one holding a line end must not forge rows of TSV or text
   * output.
   */
  static String printable(String name) {
    StringBuilder sb = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        if (sb == null) {
          sb = new StringBuilder(name);
        }
        sb.setCharAt(i, '?');
      }
    }
    return sb == null ? name : sb.toString();
  }

  /** The reason an I/O operation failed, as lower-case facts. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemLoopException) {
      return "directory loop";
    }
    String m = e.getMessage();
    return m == null ? "read error" : lower(m);
  }

  private static String lower(String message) {
    if (message == null || message.isEmpty()) {
      return "no detail";
    }
    return Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
