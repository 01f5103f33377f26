package org.cloudsync.format;

import java.util.List;
import java.util.Objects;

/**
 * The root of the project's exception hierarchy. Every failure a person may see carries a stable
 * {@link ErrorCode}, a lower-case message of facts, and {@code hint:} lines saying what to do next.
 * Messages never contain secrets.
 */
public class CloudsyncException extends RuntimeException {
  private final ErrorCode code;
  private final List<String> hints;

  public CloudsyncException(ErrorCode code, String message, List<String> hints, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.hints = List.copyOf(hints);
  }

  public CloudsyncException(ErrorCode code, String message, String... hints) {
    this(code, message, List.of(hints), null);
  }

  public ErrorCode code() {
    return code;
  }

  public List<String> hints() {
    return hints;
  }

  /** The message as a person sees it: {@code CODE: message} then one {@code hint:} line each. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(code.name()).append(": ").append(getMessage());
    for (String h : hints) {
      sb.append(System.lineSeparator()).append("hint: ").append(h);
    }
    return sb.toString();
  }
}
