package org.cloudsync.format.mtf;

import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.ErrorCode;

/**
 * What every error of one read names: the file as the caller calls it, and whether offsets are
 * positions in the file or in the decompressed stream of a compressed container.
 */
record ReadContext(String file, boolean decompressed) {

  ReadContext asDecompressed() {
    return new ReadContext(file, true);
  }

  /** An error at {@code offset} of the (decompressed) MTF stream, in block {@code block}. */
  BackupFormatException fail(ErrorCode code, String block, long offset, String rule) {
    return new BackupFormatException(
        code,
        file,
        block,
        offset,
        decompressed ? rule + " (offset in the decompressed data)" : rule);
  }

  BackupFormatException fail(
      ErrorCode code, String block, long offset, String rule, Throwable cause) {
    return new BackupFormatException(
        code,
        file,
        block,
        offset,
        decompressed ? rule + " (offset in the decompressed data)" : rule,
        cause);
  }
}
