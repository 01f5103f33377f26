package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsMessageTest {
  private static OptionalInt percent(int number, String text) {
    return StatsMessage.percent(new ServerMessage(number, 0, text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10 percent processed.|10",
        "100 percent processed.|100",
        "0 percent processed.|0",
        "  5 percent processed.|5",
        // The number, not the words, identifies it: another language's text reads the same.
        "10 Prozent verarbeitet.|10",
        "traité à 70 pour cent.|70"
      })
  void theFirstNumberOfMessage3211IsThePercentage(String text, int expected) {
    assertThat(percent(3211, text)).hasValue(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "percent processed.",
        "1234 percent processed.",
        "101 percent processed.",
        "12.5 percent processed.",
        "12,5 percent processed."
      })
  void aGarbledStatsMessageGivesNoPercentage(String text) {
    assertThat(percent(3211, text)).isEmpty();
  }

  @Test
  void otherMessagesAreNotProgressEvenWithANumber() {
    assertThat(
            percent(
                3014,
                "RESTORE LOG successfully processed 10 pages in 0.010 seconds (1.562 MB/sec)."))
        .isEmpty();
    assertThat(percent(4305, "The log in this backup set begins at LSN 10")).isEmpty();
    assertThat(percent(3211, null)).isEmpty();
  }
}
