package org.cloudsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysGrowExponentiallyWithinJitterAndStayCapped() {
    Backoff backoff = new Backoff(10, Duration.ofMillis(500), Duration.ofSeconds(30));
    Random random = new Random(3);
    long[] steps = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (int i = 0; i < steps.length; i++) {
      Duration d = backoff.delayAfter(i + 1, random);
      assertThat(d.toMillis()).as("after failure %d", i + 1).isBetween(steps[i] / 2, steps[i]);
    }
  }

  @Test
  void jitterSpreadsDelays() {
    Backoff backoff = Backoff.DEFAULT;
    Random random = new Random(4);
    long a = backoff.delayAfter(5, random).toMillis();
    long b = backoff.delayAfter(5, random).toMillis();
    assertThat(a).isNotEqualTo(b);
  }
}
