package org.cloudsync.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.cloudsync.restore.StepProgress;

/**
 * Passes on a step's progress at a bounded rate: the first report, 100, a drop (a retried step
 * starting again), a rise of at least {@code everyPercent} since the last report passed on, or any
 * change once {@code interval} has gone by since then. Everything else is dropped, so that a chatty
 * source cannot turn into a write per message.
 */
public final class ThrottledProgress implements StepProgress {
  /** Passed on at least at each 10 percent. */
  public static final int EVERY_PERCENT = 10;

  /** Or every 5 seconds while it changes. */
  public static final Duration INTERVAL = Duration.ofSeconds(5);

  private final StepProgress target;
  private final Clock clock;
  private final int everyPercent;
  private final Duration interval;
  private int last = -1;
  private Instant lastAt;

  public ThrottledProgress(StepProgress target, Clock clock, int everyPercent, Duration interval) {
    this.target = Objects.requireNonNull(target, "target");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (everyPercent < 1 || interval.isNegative()) {
      throw new IllegalArgumentException("every " + everyPercent + "% or " + interval);
    }
    this.everyPercent = everyPercent;
    this.interval = interval;
  }

  /** At {@link #EVERY_PERCENT} or {@link #INTERVAL}. */
  public static ThrottledProgress of(StepProgress target, Clock clock) {
    return new ThrottledProgress(target, clock, EVERY_PERCENT, INTERVAL);
  }

  @Override
  public synchronized void percent(int percent) {
    Instant now = clock.instant();
    boolean pass =
        last < 0
            || (percent == 100 && last != 100)
            || percent < last
            || percent - last >= everyPercent
            || (percent != last && !now.isBefore(lastAt.plus(interval)));
    if (pass) {
      last = percent;
      lastAt = now;
      target.percent(percent);
    }
  }
}
