package org.cloudsync.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --verbose} and {@code --debug}, accepted before or after the command name. Logging goes to
 * stderr; by default only warnings and errors are logged.
 */
final class LoggingOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--verbose", description = "Log what is done (e.g. files skipped) to stderr.")
  void setVerbose(boolean on) {
    // Options may repeat in every command; only ever switch on, on the one root command.
    if (on) {
      root().verbose();
    }
  }

  @Option(
      names = "--debug",
      description = "Log details to stderr, and print stack traces of internal errors.")
  void setDebug(boolean on) {
    if (on) {
      root().debug();
    }
  }

  private Main root() {
    return (Main) mixee.root().userObject();
  }

  /** Whether a run in this process raised the level above WARN (in-process runs, tests). */
  private static boolean raised;

  /**
   * Sets the root log level for this run: DEBUG, INFO with {@code --verbose}, else WARN (as in
   * {@code logback.xml}). A quiet run does not start the logging system: it starts on the first log
   * call, already at WARN.
   */
  static synchronized void apply(boolean verbose, boolean debug) {
    if (!verbose && !debug && !raised) {
      return;
    }
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(debug ? Level.DEBUG : verbose ? Level.INFO : Level.WARN);
      raised = verbose || debug;
    }
  }
}
