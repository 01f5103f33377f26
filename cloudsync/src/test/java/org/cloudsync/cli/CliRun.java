package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    CliRun run =
        new CliRun(
            exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    run.assertNoStackTrace();
    return run;
  }

  /** A person never sees a stack trace or a Java exception name (without --debug). */
  void assertNoStackTrace() {
    for (String text : new String[] {out, err}) {
      assertThat(text)
          .doesNotContain("\tat ")
          .doesNotContain("Exception")
          .doesNotContain("Caused by");
    }
  }
}
