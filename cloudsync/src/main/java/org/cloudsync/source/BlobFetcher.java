package org.cloudsync.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads blobs from a {@link BlobSource} into a staging directory, once, above every source:
 *
 * <ul>
 *   <li>bytes go to a hidden temp file beside the target ({@code .NAME.part}) and are renamed into
 *       place atomically, so the final name never holds a partial file;
 *   <li>free space is checked first (through {@link StagingDisk}); a full disk during the write is
 *       a {@code DISK_FULL} error and the temp file is removed so the disk has room again;
 *   <li>transient failures (5xx, timeouts, cut transfers) are tried again with exponential backoff
 *       and jitter, continuing with a ranged read from the last byte written;
 *   <li>a download cut off in an earlier run resumes from the temp file's length when the blob's
 *       etag is still the one recorded beside it ({@code .NAME.part-etag}); otherwise it restarts
 *       and says so in {@link FetchResult#notes()};
 *   <li>Content-MD5, when the source has one, is checked; on a mismatch the blob is downloaded once
 *       more from scratch, then the fetch fails with {@code BLOB_MD5_MISMATCH};
 *   <li>large blobs are fetched as parallel ranges, each written at its position;
 *   <li>bytes are written from the source's own buffers ({@link BlobSource#transfer}) and hashed
 *       from the same buffer on the way, so a single-stream download is copied once in memory;
 *   <li>memory stays bounded: a source's buffers in flight and one fixed hashing buffer, whatever
 *       the blob's size; written bytes are forced to disk in the background every 64 MiB while the
 *       download goes on ({@link Writeback}), and the file once more, completely, before the
 *       rename.
 * </ul>
 *
 * <p>The SDK behind a source retries nothing itself (see {@code AzureBlobSource}); every retry
 * happens here.
 */
public final class BlobFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(BlobFetcher.class);

  /** Written bytes are forced to disk in the background every this many (see Writeback). */
  private static final long WRITEBACK_STEP = 64L << 20;

  /**
   * How a fetcher works.
   *
   * @param parallelThreshold blobs at least this big are fetched as parallel ranges
   * @param chunkSize the size of each parallel range
   * @param threads parallel ranges in flight (1: never parallel)
   * @param bufferSize the buffer for hashing bytes read back from the temp file (a resumed prefix,
   *     or parallel ranges); bytes from the source are written from its own buffers
   * @param reserveBytes free space to leave on the staging disk
   * @param backoff retries of transient failures
   */
  public record Options(
      long parallelThreshold,
      long chunkSize,
      int threads,
      int bufferSize,
      long reserveBytes,
      Backoff backoff) {
    public static final Options DEFAULT =
        new Options(64L << 20, 16L << 20, 4, 1 << 20, 64L << 20, Backoff.DEFAULT);

    public Options {
      if (chunkSize < 1 || threads < 1 || bufferSize < 1 || reserveBytes < 0) {
        throw new IllegalArgumentException("fetch options must be positive");
      }
    }

    /** These options with another parallel threshold, range size and thread count. */
    public Options withParallel(long threshold, long chunk, int threadCount) {
      return new Options(threshold, chunk, threadCount, bufferSize, reserveBytes, backoff);
    }

    /** These options with another retry backoff. */
    public Options withBackoff(Backoff newBackoff) {
      return new Options(
          parallelThreshold, chunkSize, threads, bufferSize, reserveBytes, newBackoff);
    }

    /** These options keeping {@code bytes} free on the staging disk. */
    public Options withReserve(long bytes) {
      return new Options(parallelThreshold, chunkSize, threads, bufferSize, bytes, backoff);
    }
  }

  private final BlobSource source;
  private final Path staging;
  private final Options options;
  private final StagingDisk disk;
  private final Sleeper sleeper;
  private final Random random;

  public BlobFetcher(BlobSource source, Path staging) {
    this(source, staging, Options.DEFAULT, StagingDisk.SYSTEM, Sleeper.SYSTEM, new Random());
  }

  public BlobFetcher(
      BlobSource source,
      Path staging,
      Options options,
      StagingDisk disk,
      Sleeper sleeper,
      Random random) {
    this.source = source;
    this.staging = staging.toAbsolutePath().normalize();
    this.options = options;
    this.disk = disk;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** The source's listing, with transient failures tried again as for downloads. */
  public List<BlobInfo> list() {
    return new Retrier(options.backoff(), sleeper, random).list(source);
  }

  /** The path in staging the blob named {@code name} is fetched to. */
  public Path targetFor(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
      throw unsafeName(name);
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw unsafeName(name);
      }
    }
    Path target = staging.resolve(name).normalize();
    if (!target.startsWith(staging) || target.equals(staging)) {
      throw unsafeName(name);
    }
    return target;
  }

  /**
   * Fetches {@code blob} into staging under its name, replacing an older copy there.
   *
   * @throws CloudsyncException {@code BLOB_VANISHED}, {@code BLOB_CHANGED}, {@code
   *     BLOB_MD5_MISMATCH}, {@code DISK_FULL}, {@code STAGING_WRITE_FAILED}, or a source error
   *     (such as {@code SOURCE_UNREACHABLE} after the retries, or a SAS problem)
   */
  public FetchResult fetch(BlobInfo blob, ProgressListener progress) {
    Path target = targetFor(blob.name());
    Path dir = target.getParent();
    Path temp = dir.resolve("." + target.getFileName() + ".part");
    Path etagFile = dir.resolve("." + target.getFileName() + ".part-etag");
    List<String> notes = new ArrayList<>();
    Transfer transfer = new Transfer(blob, progress);
    try {
      Files.createDirectories(dir);
      long resumeFrom = partialToResume(blob, temp, etagFile, notes);
      checkSpace(blob, dir, resumeFrom);
      Optional<byte[]> expected = blob.md5Bytes();
      boolean verified = false;
      for (int round = 1; ; round++) {
        byte[] actual = transfer.into(temp, etagFile, resumeFrom, expected.isPresent());
        if (expected.isEmpty() || Arrays.equals(expected.get(), actual)) {
          verified = expected.isPresent();
          break;
        }
        String mismatch =
            "downloaded bytes have MD5 "
                + Base64.getEncoder().encodeToString(actual)
                + " but the blob's Content-MD5 is "
                + blob.contentMd5();
        deleteQuietly(temp, etagFile);
        if (round == 2) {
          throw new CloudsyncException(
              ErrorCode.BLOB_MD5_MISMATCH,
              "blob '" + blob.name() + "' from " + source.describe() + ": " + mismatch + " twice",
              List.of(
                  "the blob may be damaged at the source; ask eCW to upload it again",
                  "nothing was kept in staging for this blob"),
              null);
        }
        notes.add(mismatch + "; downloaded it again from the start");
        LOG.warn("blob '{}': {}; downloading it again", blob.name(), mismatch);
        resumeFrom = 0;
        transfer.restart();
      }
      disk.moveAtomically(temp, target);
      Files.deleteIfExists(etagFile);
      return new FetchResult(
          blob, target, verified, transfer.resumedFrom, transfer.retries(), notes);
    } catch (SourceException e) {
      if (e.code() == ErrorCode.BLOB_CHANGED || e.code() == ErrorCode.BLOB_VANISHED) {
        deleteQuietly(temp, etagFile);
      }
      throw e;
    } catch (CloudsyncException e) {
      if (e.code() == ErrorCode.DISK_FULL || e.code() == ErrorCode.STAGING_WRITE_FAILED) {
        deleteQuietly(temp, etagFile);
      }
      throw e;
    } catch (IOException e) {
      deleteQuietly(temp, etagFile);
      throw writeFailure(blob, dir, e, -1);
    }
  }

  private long partialToResume(BlobInfo blob, Path temp, Path etagFile, List<String> notes)
      throws IOException {
    if (!Files.exists(temp)) {
      Files.deleteIfExists(etagFile);
      return 0;
    }
    long length = Files.size(temp);
    String recorded =
        Files.exists(etagFile) ? Files.readString(etagFile, StandardCharsets.UTF_8).trim() : null;
    if (recorded != null && recorded.equals(blob.etag()) && length <= blob.size()) {
      if (length > 0) {
        notes.add("resumed an earlier partial download at byte " + length);
        LOG.info("blob '{}': resuming an earlier partial download at byte {}", blob.name(), length);
      }
      return length;
    }
    String why =
        recorded == null
            ? "it cannot be resumed (fetched in parallel or unrecorded)"
            : "the blob changed since (etag " + recorded + " then, " + blob.etag() + " now)";
    notes.add("discarded an earlier partial download of " + length + " bytes: " + why);
    LOG.info("blob '{}': discarding an earlier partial download: {}", blob.name(), why);
    Files.delete(temp);
    Files.deleteIfExists(etagFile);
    return 0;
  }

  private void checkSpace(BlobInfo blob, Path dir, long resumeFrom) throws IOException {
    long needed = blob.size() - resumeFrom;
    long usable = disk.usableSpace(dir);
    if (usable - options.reserveBytes() < needed) {
      throw new CloudsyncException(
          ErrorCode.DISK_FULL,
          "staging '"
              + dir
              + "': blob '"
              + blob.name()
              + "' needs "
              + needed
              + " bytes but only "
              + usable
              + " are free (keeping "
              + options.reserveBytes()
              + " in reserve)",
          List.of(
              "free space under " + dir + " or move staging to a larger disk",
              "nothing was downloaded; the next run tries again"),
          null);
    }
  }

  /** One blob's bytes on their way to the temp file, with its counters. */
  private final class Transfer {
    private final BlobInfo blob;
    private final ProgressListener progress;
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    private long resumedFrom;
    private Writeback writeback;

    Transfer(BlobInfo blob, ProgressListener progress) {
      this.blob = blob;
      this.progress = progress;
    }

    int retries() {
      return retries.get();
    }

    void restart() {
      done.set(0);
    }

    /** Fills {@code temp} with the blob from {@code resumeFrom}; its MD5 if asked, else null. */
    byte[] into(Path temp, Path etagFile, long resumeFrom, boolean wantMd5) throws IOException {
      boolean parallel =
          resumeFrom == 0
              && options.threads() > 1
              && blob.size() >= options.parallelThreshold()
              && blob.size() > options.chunkSize();
      if (parallel) {
        // Ranges land out of order, so the file's length says nothing: never resume it.
        Files.deleteIfExists(etagFile);
      } else {
        Files.writeString(etagFile, blob.etag(), StandardCharsets.UTF_8);
      }
      resumedFrom = resumeFrom;
      done.set(resumeFrom);
      progress.progress(resumeFrom, blob.size());
      try (FileChannel channel =
              disk.open(
                  temp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
          Writeback flushing =
              new Writeback(channel, blob.size() > WRITEBACK_STEP ? WRITEBACK_STEP : 0)) {
        writeback = flushing;
        MessageDigest md5 = null;
        if (parallel) {
          channel.truncate(0);
          md5 = wantMd5 ? md5() : null;
          inParallel(channel, md5);
        } else {
          channel.truncate(resumeFrom);
          md5 = wantMd5 ? hashPrefix(channel, resumeFrom, options.bufferSize()) : null;
          copyRange(channel, resumeFrom, blob.size(), md5);
        }
        flushing.finish();
        channel.force(true);
        if (!wantMd5) {
          return null;
        }
        return md5.digest();
      }
    }

    /**
     * Fetches all ranges with the pool; meanwhile this thread hashes each finished range in order
     * (from the page cache), so the MD5 is ready soon after the last range lands.
     */
    private void inParallel(FileChannel channel, MessageDigest md5) throws IOException {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              options.threads(),
              r -> {
                Thread t = new Thread(r, "cloudsync-fetch");
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<?>> parts = new ArrayList<>();
        for (long start = 0; start < blob.size(); start += options.chunkSize()) {
          long from = start;
          long to = Math.min(blob.size(), start + options.chunkSize());
          parts.add(
              pool.submit(
                  () -> {
                    copyRange(channel, from, to, null);
                    return null;
                  }));
        }
        for (int i = 0; i < parts.size(); i++) {
          try {
            parts.get(i).get();
          } catch (ExecutionException e) {
            parts.forEach(p -> p.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
              throw r;
            }
            throw new IllegalStateException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(blob);
          }
          if (md5 != null) {
            long from = i * options.chunkSize();
            hashRange(
                channel,
                from,
                Math.min(blob.size(), from + options.chunkSize()),
                md5,
                options.bufferSize());
          }
        }
      } finally {
        pool.shutdownNow();
        awaitQuietly(pool);
      }
    }

    /**
     * Copies bytes [from, to) of the blob to the same positions of {@code channel}, straight from
     * the source's buffers, hashing them on the way when {@code md5} is given.
     */
    private void copyRange(FileChannel channel, long from, long to, MessageDigest md5) {
      long position = from;
      int failuresInARow = 0;
      while (position < to) {
        RangeWriter writer = new RangeWriter(channel, position, to, md5);
        Exception failure;
        try {
          source.transfer(blob, ByteRange.of(position, to - position), writer);
          failure = null;
        } catch (SourceException e) {
          if (!e.transientFailure()) {
            throw e;
          }
          failure = e;
        } catch (IOException e) {
          failure = e; // only closing the finished stream failed if the range is complete
        }
        if (writer.position > position) {
          failuresInARow = 0;
        }
        position = writer.position;
        if (position >= to) {
          return;
        }
        if (failure == null) {
          failure = new IOException("the transfer ended at byte " + position + " of " + to);
        }
        failuresInARow++;
        if (failuresInARow >= options.backoff().maxAttempts()) {
          throw gaveUp(position, failuresInARow, failure);
        }
        retries.incrementAndGet();
        Duration delay = options.backoff().delayAfter(failuresInARow, random);
        String reason = reason(failure);
        LOG.warn(
            "{}{}; trying again from byte {} in {} ms",
            reason.contains("'" + blob.name() + "'") ? "" : "blob '" + blob.name() + "': ",
            reason,
            position,
            delay.toMillis());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw interrupted(blob);
        }
      }
    }

    /** Writes one request's bytes at their positions, counting how far it got. */
    private final class RangeWriter implements BlobSource.Sink {
      private final FileChannel channel;
      private final long to;
      private final MessageDigest md5;
      private long position;

      RangeWriter(FileChannel channel, long from, long to, MessageDigest md5) {
        this.channel = channel;
        this.position = from;
        this.to = to;
        this.md5 = md5;
      }

      @Override
      public void accept(ByteBuffer bytes) {
        int n = (int) Math.min(bytes.remaining(), to - position);
        if (n <= 0) {
          bytes.position(bytes.limit()); // past the range asked for: not ours
          return;
        }
        ByteBuffer slice = bytes.slice(bytes.position(), n);
        if (md5 != null) {
          md5.update(slice.duplicate());
        }
        long at = position;
        try {
          while (slice.hasRemaining()) {
            at += channel.write(slice, at);
          }
        } catch (IOException e) {
          throw writeFailure(blob, staging, e, at);
        }
        bytes.position(bytes.limit());
        position += n;
        writeback.wrote(n);
        progress.progress(done.addAndGet(n), blob.size());
      }
    }

    private SourceException gaveUp(long position, int attempts, Exception failure) {
      return new SourceException(
          ErrorCode.SOURCE_UNREACHABLE,
          "blob '"
              + blob.name()
              + "' from "
              + source.describe()
              + ": gave up at byte "
              + position
              + " of "
              + blob.size()
              + " after "
              + attempts
              + " failed attempts in a row; last: "
              + reason(failure),
          List.of("check the network path to the source; the next run resumes this download"),
          false,
          failure instanceof CloudsyncException ? failure : null);
    }
  }

  /** Waits for cancelled ranges to stop so that nobody writes to a temp file being removed. */
  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.warn("parallel download threads did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MessageDigest hashPrefix(FileChannel channel, long length, int bufferSize)
      throws IOException {
    MessageDigest md5 = md5();
    hashRange(channel, 0, length, md5, bufferSize);
    return md5;
  }

  private static void hashRange(
      FileChannel channel, long from, long to, MessageDigest md5, int bufferSize)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
    long position = from;
    while (position < to) {
      buffer.clear();
      buffer.limit((int) Math.min(buffer.capacity(), to - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new IOException("temp file ends at byte " + position + " before " + to);
      }
      buffer.flip();
      md5.update(buffer);
      position += n;
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }

  /** The failure's message without secrets or class names a person cannot act on. */
  private static String reason(Exception failure) {
    if (failure instanceof CloudsyncException c) {
      return c.code() + ": " + c.getMessage();
    }
    String message = failure.getMessage();
    String text = message == null ? failure.getClass().getSimpleName() : message;
    return org.cloudsync.config.Redaction.redact(text);
  }

  private CloudsyncException writeFailure(BlobInfo blob, Path where, IOException e, long at) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    String position = at >= 0 ? " at byte " + at : "";
    if (lower.contains("no space left")
        || lower.contains("not enough space")
        || lower.contains("disk quota exceeded")) {
      return new CloudsyncException(
          ErrorCode.DISK_FULL,
          "staging '" + where + "': disk full writing blob '" + blob.name() + "'" + position,
          List.of(
              "free space under " + where + " or move staging to a larger disk",
              "the partial download was removed; the next run downloads the blob again"),
          e);
    }
    return new CloudsyncException(
        ErrorCode.STAGING_WRITE_FAILED,
        "staging '"
            + where
            + "': cannot write blob '"
            + blob.name()
            + "'"
            + position
            + ": "
            + message,
        List.of("check that staging is writable by this user"),
        e);
  }

  private SourceException interrupted(BlobInfo blob) {
    return SourceException.permanent(
        ErrorCode.SOURCE_UNREACHABLE,
        "blob '" + blob.name() + "': the download was interrupted",
        "the next run resumes it");
  }

  private CloudsyncException unsafeName(String name) {
    return new CloudsyncException(
        ErrorCode.BLOB_NAME_UNSAFE,
        "blob '"
            + name
            + "' from "
            + source.describe()
            + ": the name is empty, absolute or holds"
            + " '.', '..' or '\\' segments, so it cannot be staged under "
            + staging,
        List.of("the blob was skipped; ask eCW to upload it under a plain name"),
        null);
  }

  private static void deleteQuietly(Path... files) {
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        LOG.warn("cannot remove '{}': {}", f, e.getMessage());
      }
    }
  }
}
