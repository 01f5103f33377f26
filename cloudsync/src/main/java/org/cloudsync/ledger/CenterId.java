package org.cloudsync.ledger;

import java.util.regex.Pattern;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * A health center's id: 1 to 63 lower-case letters, digits and dashes, starting and ending with a
 * letter or digit (so it can name a directory, a URL segment and a database suffix).
 */
public record CenterId(String value) implements Comparable<CenterId> {
  private static final Pattern FORM = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  public CenterId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          "health center id '" + value + "' is not valid",
          "an id is 1 to 63 lower-case letters, digits and dashes, not starting or ending with a"
              + " dash, e.g. 'riverside-chc'");
    }
  }

  /** Parses {@code text}, throwing {@code OPTION_INVALID} with a hint when it is not an id. */
  public static CenterId parse(String text) {
    return new CenterId(text);
  }

  @Override
  public int compareTo(CenterId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
