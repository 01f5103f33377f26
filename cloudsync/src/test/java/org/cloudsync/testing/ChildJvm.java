package org.cloudsync.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cloudsync.config.CloudsyncHome;

/**
 * A child JVM on this test's class path, as {@code SyncCrashTest} starts one: for tests where two
 * real processes must meet (locks), or where one is killed or stopped with a signal.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * A process builder for {@code java MAIN ARGS}; with {@code appLogging} the class path leaves out
   * the test classes, so the application's own {@code logback.xml} applies.
   */
  public static ProcessBuilder builder(String mainClass, boolean appLogging, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !appLogging || !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(mainClass);
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /**
   * Starts {@code cloudsync ARGS} in a child JVM on {@code home}, with the application's own
   * logging. Its stderr is kept only with {@code --debug} and its stdout only for JSON output (the
   * caller reads them); otherwise both are discarded.
   */
  public static Process cloudsync(Path home, String... args) throws IOException {
    List<String> argList = List.of(args);
    ProcessBuilder pb = builder("org.cloudsync.cli.Main", true, argList);
    pb.environment().put(CloudsyncHome.ENV_HOME, home.toString());
    if (!argList.contains("--debug")) {
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    if (!argList.contains("json")) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    return pb.start();
  }

  /**
   * Reads {@code p}'s standard error until {@code limit} lines match {@code step} or it ends, and
   * kills it (SIGKILL) when the limit was reached: a crash test's kill after so many logged steps.
   *
   * @return the matching lines seen
   */
  public static int killAfter(Process p, Predicate<String> step, int limit) throws IOException {
    int seen = 0;
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while (seen < limit && (line = err.readLine()) != null) {
        if (step.test(line)) {
          seen++;
        }
      }
      if (seen >= limit) {
        p.destroyForcibly();
      }
    }
    return seen;
  }

  /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to {@code p} with {@code kill}. */
  public static void signal(Process p, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
    }
  }

  /**
   * Waits until {@code file} (a child's redirected output) holds a line containing {@code text};
   * fails when the child ends first or {@code timeout} passes.
   */
  public static void awaitLine(Process p, Path file, String text, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "the child ended (status "
                + p.exitValue()
                + ") before printing '"
                + text
                + "'; it printed:\n"
                + (Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : ""));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with '" + text + "' in " + file + " after " + timeout);
  }
}
