package org.cloudsync.format.mtf;

import java.io.IOException;
import java.util.List;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;

/** A backup taken WITH COMPRESSION: {@code MSSQLBAK}, then compressed records. */
final class CompressedContainer {
  private final ByteSource src;
  private final ReadContext ctx;

  private CompressedContainer(ByteSource src, ReadContext ctx) {
    this.src = src;
    this.ctx = ctx;
  }

  static CompressedContainer open(ByteSource src, ReadContext ctx) {
    return new CompressedContainer(src, ctx);
  }

  List<BackupHeader> readSets() throws IOException {
    throw new OfflineUnreadable(
        ErrorCode.UNSUPPORTED_COMPRESSION, "compressed backups are not read offline yet");
  }
}
