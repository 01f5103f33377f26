package org.cloudsync.source;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.source.azure.AzureBlobSource;
import org.cloudsync.source.azure.SasUrl;
import org.cloudsync.source.directory.DirectorySource;

/**
 * A standalone entry that lists a source and fetches one blob, printing throughput and peak heap:
 * for the download benchmark ({@code bench/download-vs-curl.sh}) and for diagnosing a feed by hand.
 *
 * <pre>
 * java -cp cloudsync.jar org.cloudsync.source.FetchBlob (--sas-url-file FILE | --dir DIR) \
 *     --blob NAME --staging DIR [--threads N] [--chunk-mib M] [--threshold-mib T] [--progress]
 * </pre>
 */
public final class FetchBlob {
  private FetchBlob() {}

  public static void main(String[] args) throws Exception {
    String sasFile = null;
    String dir = null;
    String blobName = null;
    String staging = null;
    BlobFetcher.Options options = BlobFetcher.Options.DEFAULT;
    int threads = options.threads();
    long chunk = options.chunkSize();
    long threshold = options.parallelThreshold();
    boolean progress = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sas-url-file" -> sasFile = args[++i];
        case "--dir" -> dir = args[++i];
        case "--blob" -> blobName = args[++i];
        case "--staging" -> staging = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--chunk-mib" -> chunk = Long.parseLong(args[++i]) << 20;
        case "--threshold-mib" -> threshold = Long.parseLong(args[++i]) << 20;
        case "--progress" -> progress = true;
        default -> usage("unknown option " + args[i]);
      }
    }
    if ((sasFile == null) == (dir == null) || blobName == null || staging == null) {
      usage("give --sas-url-file or --dir, and --blob and --staging");
    }
    long mainAt = System.nanoTime();
    double jvmSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    try {
      BlobSource source =
          sasFile != null
              ? new AzureBlobSource(
                  SasUrl.parse(Files.readString(Path.of(sasFile), StandardCharsets.UTF_8)))
              : new DirectorySource(Path.of(dir));
      BlobFetcher fetcher =
          new BlobFetcher(
              source,
              Path.of(staging),
              options.withParallel(threshold, chunk, threads),
              StagingDisk.SYSTEM,
              Sleeper.SYSTEM,
              new java.util.Random());
      long start = System.nanoTime();
      double setupSeconds = (start - mainAt) / 1e9;
      String wanted = blobName;
      BlobInfo blob =
          fetcher.list().stream()
              .filter(b -> b.name().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CloudsyncException(
                          org.cloudsync.format.ErrorCode.BLOB_VANISHED,
                          "blob '" + wanted + "' is not in " + source.describe()));
      double listSeconds = (System.nanoTime() - start) / 1e9;
      Timeline timeline =
          new Timeline(progress ? TextProgressBar.forStderr(blob.name()) : ProgressListener.NONE);
      FetchResult result = fetcher.fetch(blob, timeline);
      long end = System.nanoTime();
      double seconds = (end - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "fetched %s: %d bytes in %.2f s, %.1f MiB/s, md5 %s, threads %d, peak heap %.1f MiB"
              + " (jvm to main %.2f s, source setup %.2f s, list %.2f s)%n",
          result.file(),
          blob.size(),
          seconds,
          blob.size() / 1048576.0 / seconds,
          result.md5Verified() ? "verified" : "absent",
          blob.size() >= threshold ? threads : 1,
          peakHeapMebibytes(),
          jvmSeconds,
          setupSeconds,
          listSeconds);
      System.out.println(timeline.summary(blob.size(), mainAt, end, cpuNanos()));
    } catch (CloudsyncException e) {
      System.err.println(e.describe());
      System.exit(e.code().exitStatus().code());
    }
  }

  /** CPU time of the whole process so far (every thread, user and system), or -1. */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * When the first and the last byte reached the file, and the process's CPU time then, so that
   * start-up (JVM, SDK, listing) and the steady-state transfer can be told apart.
   */
  private static final class Timeline implements ProgressListener {
    private final ProgressListener next;
    private final AtomicLong firstByteAt = new AtomicLong();
    private final AtomicLong firstByteCpu = new AtomicLong();
    private final AtomicLong lastByteAt = new AtomicLong();
    private final AtomicLong lastByteCpu = new AtomicLong();

    Timeline(ProgressListener next) {
      this.next = next;
    }

    @Override
    public void progress(long done, long total) {
      if (done > 0 && firstByteAt.get() == 0 && firstByteAt.compareAndSet(0, System.nanoTime())) {
        firstByteCpu.set(cpuNanos());
      }
      if (done == total
          && lastByteAt.get() == 0
          && lastByteAt.compareAndSet(0, System.nanoTime())) {
        lastByteCpu.set(cpuNanos());
      }
      next.progress(done, total);
    }

    String summary(long size, long mainAt, long end, long endCpu) {
      double jvmToMain =
          ManagementFactory.getRuntimeMXBean().getUptime() / 1e3 - (end - mainAt) / 1e9;
      double first = (firstByteAt.get() - mainAt) / 1e9 + jvmToMain;
      double transfer = (lastByteAt.get() - firstByteAt.get()) / 1e9;
      double tail = (end - lastByteAt.get()) / 1e9;
      double steady = (end - firstByteAt.get()) / 1e9;
      return String.format(
          Locale.ROOT,
          "in-process: first byte %.2f s after JVM start (cpu %.2f s); first to last byte %.2f s"
              + " (%.1f MiB/s, cpu %.2f s); last byte to fsynced and renamed %.2f s (cpu %.2f s);"
              + " first byte to done %.2f s = %.1f MiB/s",
          first,
          firstByteCpu.get() / 1e9,
          transfer,
          size / 1048576.0 / transfer,
          (lastByteCpu.get() - firstByteCpu.get()) / 1e9,
          tail,
          (endCpu - lastByteCpu.get()) / 1e9,
          steady,
          size / 1048576.0 / steady);
    }
  }

  private static double peakHeapMebibytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1048576.0;
  }

  private static void usage(String problem) {
    System.err.println("USAGE: " + problem);
    System.err.println(
        "hint: FetchBlob (--sas-url-file FILE | --dir DIR) --blob NAME --staging DIR"
            + " [--threads N] [--chunk-mib M] [--threshold-mib T] [--progress]");
    System.exit(2);
  }
}
