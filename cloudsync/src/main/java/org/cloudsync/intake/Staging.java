package org.cloudsync.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The staging area: where blobs are downloaded, unpacked and kept aside, one directory per center.
 *
 * <pre>
 * ROOT/CENTER/incoming/...               downloaded blobs (written through a temp name)
 * ROOT/CENTER/BLOBKEY/...                the backup files unpacked from it
 * ROOT/CENTER/quarantine/BLOBKEY/...     files kept aside, each with FILE.reason beside it
 * </pre>
 *
 * BLOBKEY is the blob's name made safe ({@code /} and odd characters become {@code _}, cut to 80
 * characters) followed by {@code -} and 8 hex digits of a SHA-256 of name and version, so two
 * blobs, or two versions of one blob, never share a directory and no key equals {@code incoming} or
 * {@code quarantine}.
 *
 * <p>Staged files are removed only by {@link #purge}, only when the caller says they were applied,
 * and only once the retention has passed since.
 */
public final class Staging {
  private static final Pattern CENTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String INCOMING = "incoming";
  static final String QUARANTINE = "quarantine";
  static final String REASON_SUFFIX = ".reason";

  private final Path root;
  private final Clock clock;
  private final Duration retention;

  /**
   * @param root the staging directory (made on first use)
   * @param clock tells when the retention of an applied file has passed
   * @param retention how long an applied file is kept before {@link #purge} removes it
   */
  public Staging(Path root, Clock clock, Duration retention) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative: " + retention);
    }
  }

  public Path root() {
    return root;
  }

  /** {@code ROOT/CENTER}. */
  public Path centerDirectory(String center) {
    if (!CENTER_ID.matcher(center).matches()) {
      throw new IllegalArgumentException(
          "center id '" + center + "' is not a safe directory name (letters, digits, . _ -)");
    }
    return root.resolve(center);
  }

  /** Where the files unpacked from a blob go. */
  public Path blobDirectory(String center, String blobName, String version) {
    return centerDirectory(center).resolve(blobKey(blobName, version));
  }

  /** Where a blob's bad files are kept aside. */
  public Path quarantineDirectory(String center, String blobName, String version) {
    return centerDirectory(center).resolve(QUARANTINE).resolve(blobKey(blobName, version));
  }

  /**
   * {@code ROOT/CENTER/incoming}: the directory to give a fetcher that names downloads itself
   * ({@code BlobFetcher} puts a blob at its name under it). Counted as incoming in {@link #usage}.
   */
  public Path incomingDirectory(String center) {
    return centerDirectory(center).resolve(INCOMING);
  }

  /** Where a fetcher downloads a blob (through a temp name beside it, then an atomic rename). */
  public Path incomingFile(String center, String blobName, String version) {
    return centerDirectory(center).resolve(INCOMING).resolve(blobKey(blobName, version));
  }

  /** The directory-safe key of a blob version, see the class comment. */
  static String blobKey(String blobName, String version) {
    String safe = blobName.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 80) {
      safe = safe.substring(safe.length() - 80);
    }
    if (safe.startsWith(".")) {
      safe = "_" + safe.substring(1);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(blobName.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (version != null) {
        sha.update(version.getBytes(StandardCharsets.UTF_8));
      }
      return safe + "-" + HexFormat.of().formatHex(sha.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Bytes used by one center, split into staged, quarantined and incoming. */
  public StagingUsage usage(String center) {
    Path dir = centerDirectory(center);
    long staged = 0;
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path child : children) {
          String name = child.getFileName().toString();
          if (!name.equals(INCOMING) && !name.equals(QUARANTINE)) {
            staged += bytesUnder(child);
          }
        }
      } catch (IOException e) {
        throw failure("cannot list " + dir, e);
      }
    }
    return new StagingUsage(
        center, staged, bytesUnder(dir.resolve(QUARANTINE)), bytesUnder(dir.resolve(INCOMING)));
  }

  /** Bytes used by every center that has a directory here, in name order. */
  public List<StagingUsage> usage() {
    List<StagingUsage> all = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return all;
    }
    try (Stream<Path> centers = Files.list(root)) {
      for (Path c : centers.filter(Files::isDirectory).sorted().toList()) {
        String name = c.getFileName().toString();
        if (CENTER_ID.matcher(name).matches()) {
          all.add(usage(name));
        }
      }
    } catch (IOException e) {
      throw failure("cannot list " + root, e);
    }
    return all;
  }

  /**
   * Removes the staged files of {@code center} that were applied at least the retention ago, then
   * the directories left empty. Nothing else is touched: a file absent from {@code appliedAt} is
   * never removed, nor anything in quarantine or outside the center's directory.
   *
   * @param appliedAt when each staged file was applied, as the ledger knows it
   * @return the files removed
   */
  public List<Path> purge(String center, Map<Path, Instant> appliedAt) {
    Path dir = centerDirectory(center);
    Path quarantine = dir.resolve(QUARANTINE);
    Path incoming = dir.resolve(INCOMING);
    Instant now = clock.instant();
    List<Path> removed = new ArrayList<>();
    for (Map.Entry<Path, Instant> e : appliedAt.entrySet()) {
      Path file = e.getKey().toAbsolutePath().normalize();
      if (!file.startsWith(dir) || file.startsWith(quarantine) || file.startsWith(incoming)) {
        continue;
      }
      if (e.getValue().plus(retention).isAfter(now)) {
        continue;
      }
      try {
        if (Files.deleteIfExists(file)) {
          removed.add(file);
          removeEmptyParents(file.getParent(), dir);
        }
      } catch (IOException ex) {
        throw new CloudsyncException(
            ErrorCode.STAGING_WRITE_FAILED,
            "staging: cannot remove staged file " + file + ": " + ex.getMessage(),
            List.of("check the staging directory's permissions"),
            ex);
      }
    }
    return removed;
  }

  private static void removeEmptyParents(Path from, Path stop) throws IOException {
    Path p = from;
    while (p != null && p.startsWith(stop) && !p.equals(stop)) {
      try (Stream<Path> children = Files.list(p)) {
        if (children.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(p);
      p = p.getParent();
    }
  }

  private static long bytesUnder(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // removed while walking
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      throw failure("cannot measure " + dir, e);
    }
  }

  private static CloudsyncException failure(String what, Exception cause) {
    return new CloudsyncException(
        ErrorCode.FILE_UNREADABLE,
        "staging: " + what + ": " + cause.getMessage(),
        List.of("check the staging directory's permissions"),
        cause);
  }
}
