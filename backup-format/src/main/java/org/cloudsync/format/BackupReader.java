package org.cloudsync.format;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads the headers of SQL Server backup files (Microsoft Tape Format, plain or compressed) without
 * SQL Server.
 *
 * <p>From a file, only the head and the tail are read (a 100 GB full is not read end to end). From
 * a stream (a zip entry), the bytes are scanned once with constant memory.
 */
public final class BackupReader {
  private BackupReader() {}

  /**
   * Reads every backup set's header in {@code file}, touching only its head and tail.
   *
   * @param displayName how the file is named in errors (a path, or {@code ZIP!ENTRY})
   * @throws BackupFormatException when the file is damaged, truncated or not a backup
   */
  public static ReadResult read(Path file, String displayName) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Reads every backup set's header from a stream, scanning it once with constant memory. The
   * stream is read to its end (so that a zip entry's CRC can be checked) but not closed.
   *
   * @throws BackupFormatException when the bytes are damaged, truncated or not a backup
   */
  public static ReadResult read(InputStream in, String displayName) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
