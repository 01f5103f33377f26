package org.cloudsync.restore.sqlserver;

import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Quotes names and strings for T-SQL so that no value can change a statement's meaning: an
 * identifier goes inside {@code [...]} with {@code ]} doubled, a string inside {@code N'...'} with
 * {@code '} doubled. Inside either, {@code ;}, {@code --} and {@code /*} are plain text. Control
 * characters (NUL, line ends, ...) are refused rather than quoted: they have no business in a
 * database or file name and would break the comment lines of a script.
 */
final class SqlText {
  /** SQL Server's {@code sysname}: 128 characters. */
  static final int MAX_IDENTIFIER_LENGTH = 128;

  private SqlText() {}

  /** {@code [name]}, with {@code ]} doubled. */
  static String identifier(String what, String name) {
    checkPrintable(what, name);
    if (name.isEmpty() || name.length() > MAX_IDENTIFIER_LENGTH) {
      throw new CloudsyncException(
          ErrorCode.SQL_TEXT_UNSAFE,
          what + " has " + name.length() + " characters; SQL Server names have 1 to 128",
          "choose another name");
    }
    return "[" + name.replace("]", "]]") + "]";
  }

  /** {@code N'text'}, with {@code '} doubled. */
  static String string(String what, String text) {
    checkPrintable(what, text);
    return "N'" + text.replace("'", "''") + "'";
  }

  /** Refuses text holding a control character (including NUL and line ends). */
  static void checkPrintable(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw new CloudsyncException(
            ErrorCode.SQL_TEXT_UNSAFE,
            String.format(
                "%s '%s' holds control character U+%04X at index %d",
                what, printable(text), (int) c, i),
            "rename it without control characters (line ends, tabs, NUL) and try again");
      }
    }
  }

  /** {@code text} with control characters shown as {@code ?}, for messages. */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return sb.toString();
  }
}
