package org.cloudsync.replay;

import java.util.Map;
import org.cloudsync.ledger.BackupFileRecord;

/** Names backup files as {@code cloudsync plan} does: {@code BLOB!ENTRY} for a zip entry. */
final class FileNames {
  private FileNames() {}

  static String planName(Map<Long, String> blobNames, BackupFileRecord f) {
    String blob = blobNames.get(f.blobId());
    if (blob == null || f.entryPath().equals(blob)) {
      return f.entryPath();
    }
    return blob + "!" + f.entryPath();
  }
}
