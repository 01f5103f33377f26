package org.cloudsync.source;

import java.time.Duration;
import java.util.Random;

/**
 * How often and how long to wait before trying a transient failure again: exponential from {@code
 * initialDelay}, capped at {@code maxDelay}, with "full jitter" (a random delay between half and
 * all of the exponential step) so that many downloads do not retry in step.
 *
 * @param maxAttempts attempts in a row without progress before giving up (at least 1)
 */
public record Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  /** Eight attempts from 500 ms up to 30 s: about two minutes of trying. */
  public static final Backoff DEFAULT =
      new Backoff(8, Duration.ofMillis(500), Duration.ofSeconds(30));

  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts " + maxAttempts + " < 1");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
  }

  /** The wait before attempt {@code failures + 1}, after {@code failures} failures (1-based). */
  public Duration delayAfter(int failures, Random random) {
    long step = initialDelay.toMillis();
    for (int i = 1; i < failures && step < maxDelay.toMillis(); i++) {
      step *= 2;
    }
    step = Math.min(step, maxDelay.toMillis());
    long half = step / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : (long) (random.nextDouble() * (step - half))));
  }
}
