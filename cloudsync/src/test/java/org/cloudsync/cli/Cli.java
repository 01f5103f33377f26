package org.cloudsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.CloudsyncHome;
import picocli.CommandLine;

/** Runs {@code init} and {@code center} the way a person would, on a temporary home. */
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

  private static Result run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Result(status, out.toString(), err.toString());
  }
}
