package org.cloudsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cloudsync} command line. */
@Command(
    name = "cloudsync",
    mixinStandardHelpOptions = true,
    version = "cloudsync 0.1.0",
    description = "Keeps hosted SQL Server copies of eClinicalWorks Cloud Sync feeds current.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
