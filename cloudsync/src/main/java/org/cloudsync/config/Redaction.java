package org.cloudsync.config;

import java.util.regex.Pattern;

/**
 * Removes secrets from text a person or a log may see. Every printed URL and every message that may
 * hold one goes through {@link #redact(String)}: SAS signatures become {@code sig=***}.
 */
public final class Redaction {
  private static final Pattern SAS_SIGNATURE = Pattern.compile("(?i)([?&;]sig=)[^&\\s\"'<>]*");

  private Redaction() {}

  /** {@code text} with every SAS signature replaced by {@code ***}; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    return SAS_SIGNATURE.matcher(text).replaceAll("$1***");
  }
}
