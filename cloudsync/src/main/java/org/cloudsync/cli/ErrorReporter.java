package org.cloudsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.cloudsync.config.Redaction;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a command body and turns a failure into what a person should see: {@code CODE: message} and
 * {@code hint:} lines on stderr, the code's exit status, never a stack trace (an unexpected
 * failure's goes to the log) and never a SAS signature, not even in the log.
 */
final class ErrorReporter {
  private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

  private ErrorReporter() {}

  static int run(CommandSpec spec, Callable<Integer> body) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.call();
    } catch (CloudsyncException e) {
      // Never the exception itself: its message or a cause's may hold a SAS URL.
      log.debug("{} failed: {}", spec.qualifiedName(), Redaction.redact(e.describe()));
      err.println(Redaction.redact(e.describe()));
      err.flush();
      return e.code().exitStatus().code();
    } catch (Exception e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      log.error(
          "{} failed unexpectedly: {}", spec.qualifiedName(), Redaction.redact(trace.toString()));
      CloudsyncException internal =
          new CloudsyncException(
              ErrorCode.INTERNAL,
              "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(),
              "this is a bug: report it with the command that was run");
      err.println(Redaction.redact(internal.describe()));
      err.flush();
      return ErrorCode.INTERNAL.exitStatus().code();
    }
  }
}
