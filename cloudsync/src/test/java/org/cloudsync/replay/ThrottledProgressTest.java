package org.cloudsync.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledProgressTest {
  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final HandClock clock = new HandClock();
  private final List<Integer> passed = new ArrayList<>();
  private final ThrottledProgress throttled = ThrottledProgress.of(passed::add, clock);

  @Test
  void everyPercentInAnInstantPassesOnlyEachTenPercent() {
    for (int p = 0; p <= 100; p++) {
      throttled.percent(p);
    }
    assertThat(passed).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
  }

  @Test
  void statsAtTenPercentPassesEveryMessage() {
    for (int p = 0; p <= 100; p += 10) {
      throttled.percent(p);
    }
    assertThat(passed).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
  }

  @Test
  void aSmallChangePassesOnceTheIntervalIsOver() {
    throttled.percent(0);
    clock.advance(Duration.ofSeconds(4));
    throttled.percent(3);
    clock.advance(Duration.ofSeconds(1));
    throttled.percent(4);
    throttled.percent(5); // within 5 s of the 4 passed on: dropped
    clock.advance(Duration.ofSeconds(10));
    throttled.percent(5); // heard again once the interval is over: passed on
    clock.advance(Duration.ofSeconds(10));
    throttled.percent(5); // no change: nothing to write however long it has been
    assertThat(passed).containsExactly(0, 4, 5);
  }

  @Test
  void aRetryStartingAgainPassesAndOneHundredPassesOnce() {
    throttled.percent(0);
    throttled.percent(40);
    throttled.percent(0);
    throttled.percent(100);
    throttled.percent(100);
    assertThat(passed).containsExactly(0, 40, 0, 100);
  }

  @Test
  void oneHundredPassesEvenRightAfterAReport() {
    throttled.percent(95);
    throttled.percent(100);
    assertThat(passed).containsExactly(95, 100);
  }
}
