package org.cloudsync.format.plan;

import java.util.List;
import java.util.Objects;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;

/**
 * Why a plan cannot be completed, precisely enough for a person to ask for exactly what is missing.
 *
 * @param code the stable code (e.g. {@link ErrorCode#LSN_GAP})
 * @param message lower-case facts: which files, which LSNs, which times
 * @param files the files concerned (e.g. the two neighbours of a gap), in path form
 * @param fromLsn start of the LSN range concerned (e.g. the gap's start), or null
 * @param toLsn end of the LSN range concerned, or null
 */
public record ChainProblem(
    ErrorCode code, String message, List<String> files, Lsn fromLsn, Lsn toLsn) {
  public ChainProblem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    files = files == null ? List.of() : List.copyOf(files);
  }

  public static ChainProblem of(ErrorCode code, String message, String... files) {
    return new ChainProblem(code, message, List.of(files), null, null);
  }
}
