package org.cloudsync.center;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** Reads the files command options name, with errors that name the option and the file. */
final class OptionFiles {
  private static final long MAX_BYTES = 1 << 20;

  private OptionFiles() {}

  static byte[] read(Path file, String option) {
    try {
      if (Files.isDirectory(file)) {
        throw unreadable(file, option, "it is a directory");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw unreadable(file, option, "it is " + size + " bytes, more than " + MAX_BYTES);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        throw unreadable(file, option, "it is empty");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw unreadable(file, option, "no such file");
    } catch (AccessDeniedException e) {
      throw unreadable(file, option, "permission denied");
    } catch (IOException e) {
      throw unreadable(file, option, e.getClass().getSimpleName());
    }
  }

  private static CloudsyncException unreadable(Path file, String option, String why) {
    return new CloudsyncException(
        ErrorCode.FILE_UNREADABLE,
        option + " '" + file + "' cannot be read: " + why,
        List.of("check the path and that this user may read the file"),
        null);
  }
}
