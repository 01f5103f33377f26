package org.cloudsync.config;

import java.util.Objects;

/**
 * A secret text (a SAS URL, a password) held in memory. {@link #toString()} never shows it: only
 * {@link #reveal()} does, and callers hand the result straight to the one thing that needs it.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The plain text. Never log, print or store it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
