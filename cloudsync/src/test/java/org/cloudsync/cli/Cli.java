package org.cloudsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.CloudsyncException;
import picocli.CommandLine;

/**
 * Runs {@code init}, {@code center} and {@code sync} the way a person would, on a temporary home.
 */
final class Cli {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

  final Path home;
  final Map<String, String> env = new HashMap<>();
  SasUrlCheck sasCheck = SasUrlCheck.NONE;

  Cli(Path home) {
    this.home = home;
    env.put(CloudsyncHome.ENV_HOME, home.toString());
  }

  record Result(int status, String out, String err) {
    String all() {
      return out + err;
    }
  }

  Result init() {
    return run(new CommandLine(new InitCommand(env, CLOCK)));
  }

  Result center(String... args) {
    return run(new CommandLine(new CenterCommand(env, sasCheck, CLOCK)), args);
  }

  Result sync(String... args) {
    return run(new CommandLine(new SyncCommand(env, CLOCK, Duration.ofMinutes(1))), args);
  }

  /**
   * How {@code server} and {@code status} reach SQL Server (mssql-jdbc unless a test scripts it).
   */
  org.cloudsync.server.ServerConnector connector = org.cloudsync.server.ServerConnector.JDBC;

  Result server(String... args) {
    return run(new CommandLine(new ServerCommand(env, connector, CLOCK)), args);
  }

  Result ledger(String... args) {
    return run(new CommandLine(new LedgerCommand(env, CLOCK)), args);
  }

  Result status(String... args) {
    return run(new CommandLine(new StatusCommand(env, connector, CLOCK)), args);
  }

  /**
   * Runs {@code args} as {@code Main} does: enum values in any case, a thrown {@link
   * CloudsyncException} printed as {@code error: CODE: message} and {@code hint:} lines with its
   * exit status. Unlike {@code Main} it does not redact, so a secret in any message this project
   * throws shows up in {@link Result#err()}; anything else is rethrown to fail the test.
   */
  private static Result run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (!(ex instanceof CloudsyncException e)) {
            throw ex;
          }
          PrintWriter w = cmd.getErr();
          w.println("error: " + e.code().name() + ": " + e.getMessage());
          e.hints().forEach(h -> w.println("hint: " + h));
          w.flush();
          return e.code().exitStatus().code();
        });
    int status = cl.execute(args);
    return new Result(status, out.toString(), err.toString());
  }
}
