package org.cloudsync.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code cloudsync} command line.
 *
 * <p>Every subcommand is registered in the {@code subcommands} list below, and only there. A
 * command is a {@code Callable<Integer>} returning an {@link org.cloudsync.format.ExitStatus} code,
 * mixes in {@link LoggingOptions}, and writes through {@code spec.commandLine().getOut()/getErr()}.
 * Failures need no handling in commands: a {@link org.cloudsync.format.CloudsyncException} becomes
 * {@code error: CODE: message} with its {@code hint:} lines and the code's exit status; anything
 * else becomes {@code error: INTERNAL: ...} (exit 1), with the stack trace only under {@code
 * --debug}.
 */
@Command(
    name = "cloudsync",
    mixinStandardHelpOptions = true,
    version = "cloudsync 0.1.0",
    description = "Keeps hosted SQL Server copies of eClinicalWorks Cloud Sync feeds current.",
    subcommands = {
      DemoCommand.class,
      InspectCommand.class,
      PlanCommand.class,
      InitCommand.class,
      CenterCommand.class,
      SyncCommand.class,
      ServerCommand.class,
      StatusCommand.class,
      LedgerCommand.class,
      HelpCommand.class,
    })
public final class Main implements Runnable {
  @Mixin LoggingOptions logging;
  @Spec CommandSpec spec;

  private boolean verbose;
  private boolean debug;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line in this process: output to {@code out}, messages to {@code err}, both
   * UTF-8. Never throws.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
    Main main = new Main();
    ErrorPrinter errors = new ErrorPrinter(e, () -> main.debug);
    try {
      CommandLine cl = new CommandLine(main);
      cl.setOut(o);
      cl.setErr(e);
      cl.setCaseInsensitiveEnumValuesAllowed(true);
      cl.setParameterExceptionHandler((ex, a) -> errors.usage(ex));
      cl.setExecutionExceptionHandler((ex, cmd, parsed) -> errors.failure(ex).code());
      cl.setExecutionStrategy(
          parsed -> {
            LoggingOptions.apply(main.verbose, main.debug);
            return new CommandLine.RunLast().execute(parsed);
          });
      return cl.execute(args);
    } catch (RuntimeException | Error ex) {
      return errors.failure(ex).code();
    } finally {
      o.flush();
      e.flush();
    }
  }

  void verbose() {
    verbose = true;
  }

  void debug() {
    debug = true;
  }

  /** Without a command: say which ones exist. */
  @Override
  public void run() {
    List<String> names = new ArrayList<>(spec.subcommands().keySet());
    names.remove("help");
    throw new ParameterException(
        spec.commandLine(), "a command is required: " + String.join(", ", names));
  }
}
