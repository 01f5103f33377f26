package org.cloudsync.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file-system operations {@link BlobFetcher} performs in staging, behind one seam so that tests
 * can inject a full disk or a failing write without filling a real disk.
 */
public interface StagingDisk {
  /** The real file system. */
  StagingDisk SYSTEM =
      new StagingDisk() {
        @Override
        public long usableSpace(Path directory) throws IOException {
          return Files.getFileStore(directory).getUsableSpace();
        }

        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
          return FileChannel.open(file, options);
        }

        @Override
        public void moveAtomically(Path from, Path to) throws IOException {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      };

  /** Bytes that may still be written under {@code directory}. */
  long usableSpace(Path directory) throws IOException;

  /** Opens a file channel, as {@link FileChannel#open(Path, OpenOption...)}. */
  FileChannel open(Path file, OpenOption... options) throws IOException;

  /** Renames {@code from} to {@code to} in one step, replacing {@code to}. */
  void moveAtomically(Path from, Path to) throws IOException;
}
