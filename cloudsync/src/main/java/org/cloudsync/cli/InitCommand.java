package org.cloudsync.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync init}: creates the home directory ({@code $CLOUDSYNC_HOME}, default {@code
 * ~/.cloudsync}) with its configuration file, staging directory and a new master key file (0600),
 * and migrates the ledger. Safe to run again: it creates only what is missing and never replaces a
 * master key. When {@code CLOUDSYNC_MASTER_KEY} or {@code CLOUDSYNC_MASTER_KEY_FILE} is set, no key
 * file is written; the key given is checked instead.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create the cloudsync home (configuration, ledger, staging, master key).",
      "Runs again safely: only what is missing is created; a master key is never replaced.",
      "The home is $CLOUDSYNC_HOME, else ~/.cloudsync. The master key may instead come from",
      "CLOUDSYNC_MASTER_KEY (base64) or a file named by CLOUDSYNC_MASTER_KEY_FILE."
    })
public final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Clock clock;

  /** The command on this process's environment. */
  public InitCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** The command on {@code env} (for tests and embedding). */
  public InitCommand(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CloudsyncHome home = CloudsyncHome.locate(env);
    boolean keyFromEnvironment =
        isSet(env.get(MasterKey.ENV_KEY)) || isSet(env.get(MasterKey.ENV_KEY_FILE));
    for (String line : home.initialise(!keyFromEnvironment)) {
      out.println(line);
    }
    MasterKey key = MasterKey.load(home, env);
    if (keyFromEnvironment) {
      out.println("master key from " + key.origin() + " (no key file written)");
    }
    CloudsyncConfig config = home.loadConfig();
    try (Ledger ledger = Ledger.open(config, clock)) {
      out.println(
          "ledger "
              + ledger.describe()
              + " at schema version "
              + String.join(", ", ledger.appliedVersions()));
    }
    out.println("back up the master key apart from the ledger: without it no stored secret opens");
    out.flush();
    return 0;
  }

  private static boolean isSet(String v) {
    return v != null && !v.isBlank();
  }
}
