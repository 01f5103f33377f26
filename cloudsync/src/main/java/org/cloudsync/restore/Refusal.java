package org.cloudsync.restore;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Why a step cannot be applied, in SQL Server's terms where SQL Server has them.
 *
 * @param code the stable error code
 * @param sqlServerError the SQL Server error number that would (or did) report it, 0 when none
 * @param message lower-case facts; for SQL Server's own errors its message text
 * @param hints what to do next
 */
public record Refusal(ErrorCode code, int sqlServerError, String message, List<String> hints) {
  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    hints = hints == null ? List.of() : List.copyOf(hints);
  }

  public static Refusal of(ErrorCode code, int sqlServerError, String message, String... hints) {
    return new Refusal(code, sqlServerError, message, List.of(hints));
  }

  /** The message with the SQL Server error number in front when there is one. */
  public String reason() {
    return sqlServerError == 0 ? message : "error " + sqlServerError + ": " + message;
  }

  public CloudsyncException toException(String subject) {
    return new CloudsyncException(code, subject + ": " + reason(), hints, null);
  }
}
