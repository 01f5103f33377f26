package org.cloudsync.intake;

/**
 * Bounds on what one zip may expand to, against zip bombs and runaway uploads.
 *
 * <p>The defaults fit eCW's feeds: a nightly log zip holds at most a few GB of logs and an initial
 * dump tens of GB, so 64 GiB in total stops a bomb long before it fills a staging volume while
 * never refusing a real feed. Deflate cannot expand data more than about 1032:1, and only a stream
 * that is practically all one byte value comes near that; real backups, even a mostly empty
 * database's full, compress far less (the corpus's files compress about 12:1). So 1000:1 lets every
 * real backup through and stops the classic zero-filled bomb entry. 100,000 entries is about 70
 * years of daily files at four an hour.
 *
 * @param maxTotalBytes the most bytes all entries of one zip may expand to
 * @param maxRatio the most uncompressed bytes per compressed byte one entry may expand to
 * @param maxEntries the most entries one zip may hold
 */
public record ZipLimits(long maxTotalBytes, long maxRatio, int maxEntries) {

  /** 64 GiB in total, 1000:1 per entry, 100,000 entries. */
  public static final ZipLimits DEFAULTS = new ZipLimits(64L << 30, 1000, 100_000);

  public ZipLimits {
    if (maxTotalBytes < 1 || maxRatio < 1 || maxEntries < 1) {
      throw new IllegalArgumentException(
          "zip limits must be positive: total "
              + maxTotalBytes
              + ", ratio "
              + maxRatio
              + ", entries "
              + maxEntries);
    }
  }
}
