package org.cloudsync.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ReadResult;
import org.cloudsync.ledger.BlobKind;

/**
 * Turns a fetched blob into staged backup files, each validated or quarantined with its reason, and
 * judges what the blob is ({@link BlobKind}) from the headers inside, never from its name.
 *
 * <p>A blob is a zip when its bytes start like one ({@code PK\3\4}, or {@code PK\5\6} for an empty
 * zip); then every entry is extracted safely (see {@link ZipLimits}) into {@link
 * Staging#blobDirectory}, reading each entry once. Any other blob is read as a single backup file.
 */
public final class BlobUnpacker {
  private final Staging staging;
  private final ZipLimits limits;
  private final ZipExtraction.FileOpener opener;

  public BlobUnpacker(Staging staging, ZipLimits limits) {
    this(staging, limits, Files::newOutputStream);
  }

  /** With a seam for writing staged files, so tests can fill the disk. */
  BlobUnpacker(Staging staging, ZipLimits limits, ZipExtraction.FileOpener opener) {
    this.staging = Objects.requireNonNull(staging, "staging");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.opener = opener;
  }

  /**
   * Unpacks one blob of {@code center}. Running it again for the same blob version gives the same
   * files in the same places (an interrupted run is simply repeated). The blob file itself is left
   * where it is, except a plain backup lying in the staging area, which is moved to its place.
   *
   * @param blobName the blob's name in its source (used in messages and for the directory)
   * @param version the blob's etag (or size and time for a directory source), may be null
   * @param blobFile the blob's bytes on local disk
   * @throws CloudsyncException when the blob as a whole cannot be unpacked: a zip that is truncated
   *     or damaged ({@link ErrorCode#ZIP_INVALID}), over the limits ({@link
   *     ErrorCode#ZIP_TOO_LARGE}), no room in staging ({@link ErrorCode#DISK_FULL})
   */
  public StagedBlob unpack(
      String center, String blobName, String version, Path blobFile, IntakeRules rules) {
    Path target = staging.blobDirectory(center, blobName, version);
    Path quarantine = staging.quarantineDirectory(center, blobName, version);
    if (isZip(blobFile, blobName)) {
      return new ZipExtraction(blobFile, blobName, limits, rules, target, quarantine, opener).run();
    }
    return plain(blobFile, blobName, rules, staging.centerDirectory(center), target, quarantine);
  }

  /**
   * Checks a blob where it lies, writing nothing: for a zip, the CRC-32 of every entry and every
   * entry's header, in one pass; otherwise the file's header. The staged files' paths are the
   * blob's own path.
   */
  public static StagedBlob check(
      Path blobFile, String blobName, IntakeRules rules, ZipLimits limits) {
    if (isZip(blobFile, blobName)) {
      return new ZipExtraction(blobFile, blobName, limits, rules, null, null, null).run();
    }
    return plain(blobFile, blobName, rules, null, null, null);
  }

  private static boolean isZip(Path file, String blobName) {
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(4);
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.FILE_UNREADABLE,
          "blob '" + blobName + "': cannot be read: " + e.getMessage(),
          List.of("check that the download finished and the file is readable"),
          e);
    }
    return magic.length == 4
        && magic[0] == 'P'
        && magic[1] == 'K'
        && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
  }

  private static StagedBlob plain(
      Path file, String blobName, IntakeRules rules, Path centerDir, Path target, Path quarantine) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.FILE_UNREADABLE,
          "blob '" + blobName + "': cannot be read: " + e.getMessage(),
          List.of("check that the download finished and the file is readable"),
          e);
    }
    String fileName = baseName(blobName);
    CloudsyncException why;
    List<BackupHeader> sets = List.of();
    try {
      ReadResult r = BackupReader.read(file, blobName);
      if (r instanceof ReadResult.NotReadableOffline n) {
        why =
            new CloudsyncException(
                n.reason(),
                "'" + blobName + "': " + n.detail(),
                "SQL Server's RESTORE HEADERONLY can still read it; the file is kept");
      } else {
        sets = ((ReadResult.Headers) r).sets();
        why = RuleCheck.check(sets, rules, blobName);
      }
    } catch (BackupFormatException e) {
      if (e.code() == ErrorCode.NOT_A_BACKUP && !looksLikeBackup(fileName)) {
        return new StagedBlob(
            blobName,
            BlobKind.OTHER,
            List.of(),
            List.of(new SkippedEntry(blobName, null, "not a backup: " + e.getMessage())),
            null);
      }
      why = e;
    } catch (RuntimeException bug) {
      why =
          new CloudsyncException(
              ErrorCode.INTERNAL,
              "'" + blobName + "': the header reader failed: " + bug,
              "report this as a bug with the file attached");
    }
    Path path = file;
    try {
      if (why == null) {
        path = moveIntoStaging(file, centerDir, target, fileName);
        StagedFile f =
            new StagedFile(path, blobName, size, sets, StagedFile.State.VALIDATED, null, null);
        return new StagedBlob(blobName, StagedBlob.kindOf(List.of(f)), List.of(f), List.of(), null);
      }
      String reason = RuleCheck.reason(why);
      if (quarantine != null) {
        path = moveIntoStaging(file, centerDir, quarantine, fileName);
        Files.createDirectories(quarantine);
        Path reasonFile = quarantine.resolve(fileName + Staging.REASON_SUFFIX);
        Path reasonTemp = quarantine.resolve("." + fileName + Staging.REASON_SUFFIX + ".part");
        Files.writeString(reasonTemp, why.code().name() + "\n" + reason + "\n");
        Files.move(reasonTemp, reasonFile, StandardCopyOption.ATOMIC_MOVE);
      }
      StagedFile f =
          new StagedFile(
              path, blobName, size, sets, StagedFile.State.QUARANTINED, why.code(), reason);
      return new StagedBlob(blobName, BlobKind.OTHER, List.of(f), List.of(), null);
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.STAGING_WRITE_FAILED,
          "blob '" + blobName + "': cannot be staged: " + e.getMessage(),
          List.of("check the staging directory's free space and permissions"),
          e);
    }
  }

  /**
   * A plain blob already in the staging area (downloaded there) moves to {@code dir}; one outside
   * it (a directory source reads large files in place) stays where it is.
   */
  private static Path moveIntoStaging(Path file, Path centerDir, Path dir, String fileName)
      throws IOException {
    if (dir == null || !file.toAbsolutePath().normalize().startsWith(centerDir)) {
      return file;
    }
    Files.createDirectories(dir);
    Path dest = dir.resolve(fileName);
    Files.move(file, dest, StandardCopyOption.ATOMIC_MOVE);
    return dest;
  }

  private static String baseName(String blobName) {
    String n = blobName.substring(blobName.lastIndexOf('/') + 1);
    n = n.replaceAll("[^A-Za-z0-9._ ()-]", "_");
    return n.isEmpty() || n.startsWith(".") ? "_" + n : n;
  }

  private static boolean looksLikeBackup(String fileName) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".bak") || n.endsWith(".trn");
  }
}
