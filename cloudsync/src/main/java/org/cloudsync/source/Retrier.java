package org.cloudsync.source;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.cloudsync.format.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a source call again while it fails transiently ({@link
 * SourceException#transientFailure()}), waiting as {@link Backoff} says. Permanent failures pass
 * through at once.
 */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Random random;

  public Retrier(Backoff backoff, Sleeper sleeper, Random random) {
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** {@code action}'s result; {@code what} names it in logs and the final error. */
  public <T> T run(String what, Supplier<T> action) {
    for (int failures = 1; ; failures++) {
      try {
        return action.get();
      } catch (SourceException e) {
        if (!e.transientFailure()) {
          throw e;
        }
        if (failures >= backoff.maxAttempts()) {
          throw new SourceException(
              e.code(),
              e.getMessage() + " (gave up after " + failures + " attempts)",
              e.hints(),
              false,
              e);
        }
        Duration delay = backoff.delayAfter(failures, random);
        LOG.warn("{}; trying again in {} ms", e.getMessage(), delay.toMillis());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new SourceException(
              ErrorCode.SOURCE_UNREACHABLE, what + ": interrupted", List.of(), false, e);
        }
      }
    }
  }

  /** The source's listing, tried again on transient failures. */
  public List<BlobInfo> list(BlobSource source) {
    return run("listing " + source.describe(), source::list);
  }
}
