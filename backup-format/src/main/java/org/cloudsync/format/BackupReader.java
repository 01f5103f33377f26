package org.cloudsync.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudsync.format.mtf.OfflineHeaderReader;

/**
 * Reads the headers of SQL Server backup files (Microsoft Tape Format, plain or compressed) without
 * SQL Server.
 *
 * <p>From a file, only the head and the tail are read (a 100 GB full is not read end to end): the
 * reader follows the MTF stream lengths and seeks over data. From a stream (a zip entry), the bytes
 * are scanned once with constant memory.
 *
 * <p>Every failure is a {@link BackupFormatException} with an {@link ErrorCode}, naming the file,
 * the block, the offset and the rule; a backup that is recognised but cannot be read offline
 * (encrypted, another compression, an unknown container) is a {@link
 * ReadResult.NotReadableOffline}.
 */
public final class BackupReader {
  private BackupReader() {}

  /**
   * Reads every backup set's header in {@code file}, touching only its head and tail.
   *
   * @param displayName how the file is named in errors (a path, or {@code ZIP!ENTRY})
   * @throws BackupFormatException when the file is damaged, truncated, unreadable or not a backup
   */
  public static ReadResult read(Path file, String displayName) {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      return OfflineHeaderReader.read(channel, displayName);
    } catch (IOException e) {
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new BackupFormatException(
          ErrorCode.FILE_UNREADABLE, displayName, null, -1, "cannot be opened: " + what, e);
    }
  }

  /**
   * Reads every backup set's header from a seekable channel (a file, or bytes in memory), from its
   * start, touching only its head and tail. The channel is not closed.
   *
   * @throws BackupFormatException when the bytes are damaged, truncated, unreadable or not a backup
   */
  public static ReadResult read(SeekableByteChannel channel, String displayName) {
    return OfflineHeaderReader.read(channel, displayName);
  }

  /**
   * Reads every backup set's header from a stream, scanning it once with constant memory. The
   * stream is read to its end (so that a zip entry's CRC can be checked) but not closed; after a
   * {@link BackupFormatException} it is left where reading stopped.
   *
   * @throws BackupFormatException when the bytes are damaged, truncated or not a backup
   */
  public static ReadResult read(InputStream in, String displayName) {
    return OfflineHeaderReader.read(in, displayName);
  }
}
