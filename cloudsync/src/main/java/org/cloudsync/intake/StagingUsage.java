package org.cloudsync.intake;

/**
 * Disk used by one center's staging area, in bytes.
 *
 * @param center the center's id
 * @param stagedBytes files unpacked and waiting to be applied or purged
 * @param quarantinedBytes files kept aside with their reasons (never purged automatically)
 * @param incomingBytes blobs downloaded (or being downloaded) and not yet unpacked
 */
public record StagingUsage(
    String center, long stagedBytes, long quarantinedBytes, long incomingBytes) {

  public long totalBytes() {
    return stagedBytes + quarantinedBytes + incomingBytes;
  }
}
