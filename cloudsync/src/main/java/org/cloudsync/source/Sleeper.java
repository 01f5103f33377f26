package org.cloudsync.source;

import java.time.Duration;

/** Waits between retries; tests pass one that records the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** The real one: {@link Thread#sleep}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
