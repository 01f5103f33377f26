package org.cloudsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.cloudsync.config.Redaction;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints failures the way a person should see them: {@code error: CODE: message} then {@code hint:}
 * lines, secrets redacted, never a stack trace unless {@code --debug} was given.
 */
final class ErrorPrinter {
  private final PrintWriter err;
  private final BooleanSupplier debug;

  ErrorPrinter(PrintWriter err, BooleanSupplier debug) {
    this.err = err;
    this.debug = debug;
  }

  /** A command line picocli (or a command) rejected: exit 2, with a pointer to {@code --help}. */
  int usage(ParameterException ex) {
    String message = ex.getMessage() == null ? "the command line is not valid" : ex.getMessage();
    if (message.regionMatches(true, 0, "error: ", 0, 7)) {
      message = message.substring(7);
    }
    line("error: " + ErrorCode.USAGE.name() + ": " + lowerFirst(oneLine(message)));
    if (ex instanceof UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      line("hint: did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?");
    }
    CommandLine cmd = ex.getCommandLine();
    String name = cmd == null ? "cloudsync" : cmd.getCommandSpec().qualifiedName();
    line("hint: run '" + name + " --help' for usage");
    debugTrace(ex);
    err.flush();
    return ExitStatus.USAGE.code();
  }

  /** Any failure that ended a command: its exit status. */
  ExitStatus failure(Throwable ex) {
    if (ex instanceof ParameterException pe) {
      usage(pe);
      return ExitStatus.USAGE;
    }
    if (ex instanceof CloudsyncException ce) {
      line("error: " + ce.code().name() + ": " + oneLine(ce.getMessage()));
      for (String hint : ce.hints()) {
        line("hint: " + oneLine(hint));
      }
      debugTrace(ex);
      err.flush();
      return ce.code().exitStatus();
    }
    line("error: " + ErrorCode.INTERNAL.name() + ": " + summary(ex));
    if (debug.getAsBoolean()) {
      debugTrace(ex);
    } else {
      line("hint: this is a bug in cloudsync; rerun with --debug to see where it happened");
    }
    err.flush();
    return ExitStatus.INTERNAL;
  }

  /**
   * Files that could not be read, one line each ({@code inspect: 'a.trn': CODE: reason}), then each
   * distinct hint once.
   */
  static void unreadable(PrintWriter err, String command, List<BackupScanner.Unreadable> files) {
    Set<String> hints = new LinkedHashSet<>();
    for (BackupScanner.Unreadable u : files) {
      line(err, command + ": '" + u.path() + "': " + u.code().name() + ": " + oneLine(u.reason()));
      hints.addAll(u.hints());
    }
    for (String hint : hints) {
      line(err, "hint: " + oneLine(hint));
    }
    err.flush();
  }

  /**
   * A lower-case one-line summary of an unexpected exception that does not name Java classes:
   * {@code IllegalStateException("x")} becomes {@code illegal state: x}.
   */
  static String summary(Throwable ex) {
    String kind = ex.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
    kind = kind.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    if (kind.isBlank()) {
      kind = "failure";
    }
    String message = ex.getMessage();
    return message == null || message.isBlank() ? kind : kind + ": " + oneLine(message);
  }

  private void line(String text) {
    line(err, text);
  }

  private static void line(PrintWriter err, String text) {
    err.print(Redaction.redact(text));
    err.print('\n');
  }

  /** Under {@code --debug}, the stack trace: redacted like every other line. */
  private void debugTrace(Throwable ex) {
    if (debug.getAsBoolean()) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      for (String l : trace.toString().split("\\R")) {
        line(l);
      }
    }
  }

  /** Line ends and other control characters become spaces; the result is one line. */
  static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    return sb.toString().strip();
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
