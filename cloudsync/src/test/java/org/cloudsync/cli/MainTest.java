package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.of();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: USAGE: a command is required: demo, inspect, plan, init, center, sync, server,"
                + " status, ledger\n"
                + "hint: run 'cloudsync --help' for usage\n");
  }

  @Test
  void unknownCommandSuggestsTheNearestOne() {
    CliRun r = CliRun.of("inspec", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: USAGE: unmatched arguments from index 0: 'inspec', 'x'\n")
        .containsPattern("hint: did you mean: inspect(, [a-z]+)*\\?\n")
        .endsWith("hint: run 'cloudsync --help' for usage\n");
  }

  @Test
  void unknownOptionPointsToTheCommandsHelp() {
    CliRun r = CliRun.of("inspect", "--colour", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: USAGE: unknown option: '--colour'\n")
        .endsWith("hint: run 'cloudsync inspect --help' for usage\n");
  }

  @Test
  void missingPathIsAUsageError() {
    CliRun r = CliRun.of("plan");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: USAGE: missing required parameter: 'PATH'\n");
  }

  @Test
  void helpAndVersionSucceedOnStdout() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: cloudsync").contains("inspect").contains("plan");
    assertThat(help.err()).isEmpty();
    CliRun inspectHelp = CliRun.of("inspect", "--help");
    assertThat(inspectHelp.exit()).isZero();
    assertThat(inspectHelp.out()).contains("*.bak, *.trn").contains("ZIP!ENTRY");
    CliRun version = CliRun.of("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("cloudsync ");
  }

  @Test
  void loggingOptionsAreAcceptedBeforeAndAfterTheCommand() {
    assertThat(CliRun.of("--verbose", "plan", "--help").exit()).isZero();
    assertThat(CliRun.of("plan", "--debug", "--help").exit()).isZero();
  }

  @Test
  void cloudsyncExceptionPrintsCodeMessageAndHintsWithItsExitStatus() {
    StringWriter sw = new StringWriter();
    ErrorPrinter p = new ErrorPrinter(new PrintWriter(sw), () -> false);
    ExitStatus s =
        p.failure(
            new CloudsyncException(
                ErrorCode.SAS_EXPIRED,
                "container 'https://a.blob.core.windows.net/c?sv=1&sig=SECRET' refused the token",
                "ask the health center for a new SAS URL"));
    assertThat(s).isEqualTo(ExitStatus.SOURCE_UNREACHABLE);
    assertThat(sw.toString())
        .isEqualTo(
            "error: SAS_EXPIRED: container 'https://a.blob.core.windows.net/c?sv=1&sig=***'"
                + " refused the token\nhint: ask the health center for a new SAS URL\n");
  }

  @Test
  void unexpectedExceptionIsOneLowerCaseLineWithoutStackTrace() {
    StringWriter sw = new StringWriter();
    ErrorPrinter p = new ErrorPrinter(new PrintWriter(sw), () -> false);
    ExitStatus s = p.failure(new IllegalStateException("ledger row 7\nis missing"));
    assertThat(s).isEqualTo(ExitStatus.INTERNAL);
    assertThat(sw.toString())
        .isEqualTo(
            "error: INTERNAL: illegal state: ledger row 7 is missing\n"
                + "hint: this is a bug in cloudsync; rerun with --debug to see where it happened\n");
    assertThat(ErrorPrinter.summary(new NullPointerException())).isEqualTo("null pointer");
    assertThat(ErrorPrinter.summary(new OutOfMemoryError("Java heap space")))
        .isEqualTo("out of memory: Java heap space");
  }

  @Test
  void debugPrintsTheStackTrace() {
    StringWriter sw = new StringWriter();
    ErrorPrinter p = new ErrorPrinter(new PrintWriter(sw), () -> true);
    p.failure(new IllegalStateException("boom"));
    assertThat(sw.toString())
        .startsWith("error: INTERNAL: illegal state: boom\n")
        .contains("java.lang.IllegalStateException: boom")
        .contains("\tat org.cloudsync.cli.MainTest");
  }

  @Test
  void debugStackTracesAreRedactedToo() {
    StringWriter sw = new StringWriter();
    ErrorPrinter p = new ErrorPrinter(new PrintWriter(sw), () -> true);
    p.failure(
        new IllegalStateException(
            "GET https://a.blob.core.windows.net/c?sv=1&sig=DEBUGSECRET123 failed",
            new RuntimeException("cause: GET /c?sv=1&sig=DEBUGSECRET123")));
    assertThat(sw.toString())
        .contains("\tat org.cloudsync.cli.MainTest")
        .contains("sig=***")
        .doesNotContain("DEBUGSECRET123");
  }

  @Test
  void unreadableFilesAreListedWithEachHintOnce() {
    StringWriter sw = new StringWriter();
    ErrorPrinter.unreadable(
        new PrintWriter(sw),
        "inspect",
        List.of(
            new BackupScanner.Unreadable(
                "a/b.trn", ErrorCode.TRUNCATED, "ends at 0x200", List.of("h1")),
            new BackupScanner.Unreadable(
                "c.zip!d.trn", ErrorCode.ZIP_INVALID, "crc", List.of("h1"))));
    assertThat(sw.toString())
        .isEqualTo(
            "inspect: 'a/b.trn': TRUNCATED: ends at 0x200\n"
                + "inspect: 'c.zip!d.trn': ZIP_INVALID: crc\n"
                + "hint: h1\n");
  }
}
