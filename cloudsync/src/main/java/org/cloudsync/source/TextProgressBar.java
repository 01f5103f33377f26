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
  private long lastDrawNanos;
  private int lastPercent = -1;

  public TextProgressBar(PrintStream out, String label, boolean enabled) {
    this.out = out;
    this.label = label;
    this.enabled = enabled;
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
    if (finished) {
      out.println();
    }
    out.flush();
  }

  /** The line as drawn, starting with {@code \r}. */
  String render(long done, long total) {
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    int filled = percent * WIDTH / 100;
    return String.format(
        Locale.ROOT,
        "\r%s [%s%s] %3d%% %s/%s",
        label,
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        percent,
        mebibytes(done),
        mebibytes(total));
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
