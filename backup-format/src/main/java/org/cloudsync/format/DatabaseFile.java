package org.cloudsync.format;

/**
 * One database file recorded in a backup set: what {@code RESTORE FILELISTONLY} lists and what
 * {@code RESTORE ... WITH MOVE} needs.
 *
 * @param fileId the file's id in the database (1 is the primary data file, 2 usually the log)
 * @param fileGroupId 0 for a log file
 * @param logicalName the name to give {@code WITH MOVE}
 * @param physicalName the path on the server that took the backup
 * @param sizeBytes the file's size when the backup was taken
 */
public record DatabaseFile(
    int fileId, int fileGroupId, String logicalName, String physicalName, long sizeBytes) {

  /** Whether this is a transaction log file (type {@code L} in FILELISTONLY). */
  public boolean isLog() {
    return fileGroupId == 0;
  }
}
