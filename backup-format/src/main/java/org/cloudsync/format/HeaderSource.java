package org.cloudsync.format;

/** Where a {@link BackupHeader} came from. The rest of the system does not care, but says so. */
public enum HeaderSource {
  /** Read from the file's bytes by this library, without SQL Server. */
  OFFLINE,
  /** Reported by SQL Server's {@code RESTORE HEADERONLY} / {@code FILELISTONLY}. */
  SERVER,
  /** Built in code (synthetic feeds, test fixtures, imported backup history). */
  SYNTHETIC
}
