package org.cloudsync.restore.sqlserver;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the percentage out of the progress messages {@code RESTORE ... WITH STATS = n} sends while
 * it runs: message 3211, "10 percent processed." in English. The message number identifies it, so
 * the first number in the text is taken, whatever the server's language.
 */
final class StatsMessage {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])(\\d{1,3})(?!\\d)(?![.,]\\d)");

  private StatsMessage() {}

  /** The percentage of a {@code STATS} message, empty for any other message or a garbled one. */
  static OptionalInt percent(ServerMessage m) {
    if (m.number() != ServerMessage.PERCENT_PROCESSED || m.text() == null) {
      return OptionalInt.empty();
    }
    Matcher n = NUMBER.matcher(m.text());
    if (!n.find()) {
      return OptionalInt.empty();
    }
    int percent = Integer.parseInt(n.group(1));
    return percent > 100 ? OptionalInt.empty() : OptionalInt.of(percent);
  }
}
