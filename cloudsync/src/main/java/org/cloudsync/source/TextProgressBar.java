package org.cloudsync.source;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for the command line, redrawn in place with {@code \r}. It draws nothing
 * unless enabled, which {@link #forStderr(String)} does only when a person watches a terminal.
 */
public final class TextProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final String label;
  private final boolean enabled;
  private final boolean bytes;
  private long lastDrawNanos;
  private int lastPercent = -1;
  private boolean lineOpen;

  /** A bar for a download: shows the bytes done and the total in MiB. */
  public TextProgressBar(PrintStream out, String label, boolean enabled) {
    this(out, label, enabled, true);
  }

  private TextProgressBar(PrintStream out, String label, boolean enabled, boolean bytes) {
    this.out = out;
    this.label = label;
    this.enabled = enabled;
    this.bytes = bytes;
  }

  /**
   * A bar for a percentage (a restore's {@code STATS}): call {@link #progress} with {@code total}
   * 100; shows the percentage only.
   */
  public static TextProgressBar percentages(PrintStream out, String label, boolean enabled) {
    return new TextProgressBar(out, label, enabled, false);
  }

  /** A bar on stderr, enabled only when the process has a terminal (not in scripts or logs). */
  public static TextProgressBar forStderr(String label) {
    return new TextProgressBar(System.err, label, System.console() != null);
  }

  @Override
  public synchronized void progress(long done, long total) {
    if (!enabled) {
      return;
    }
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    long now = System.nanoTime();
    boolean finished = done >= total;
    if (!finished && (percent == lastPercent || now - lastDrawNanos < REDRAW_NANOS)) {
      return;
    }
    lastDrawNanos = now;
    lastPercent = percent;
    out.print(render(done, total));
    lineOpen = !finished;
    if (finished) {
      out.println();
    }
    out.flush();
  }

  /**
   * Ends a bar that stopped short (the work failed or was cancelled), so that the next output
   * starts on its own line. No-op when the bar finished or drew nothing.
   */
  public synchronized void end() {
    if (lineOpen) {
      out.println();
      out.flush();
      lineOpen = false;
    }
  }

  /** The line as drawn, starting with {@code \r}. */
  String render(long done, long total) {
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    int filled = percent * WIDTH / 100;
    String bar =
        String.format(
            Locale.ROOT,
            "\r%s [%s%s] %3d%%",
            label,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            percent);
    return bytes ? bar + " " + mebibytes(done) + "/" + mebibytes(total) : bar;
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
