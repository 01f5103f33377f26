package org.cloudsync.format.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real backups in {@code ../shared/corpus}, which live beside the project and are never copied
 * into it. Tests that need them call {@link #root()}: on a fresh clone without {@code ../shared}
 * they are skipped with a message saying so; under CI ({@code CLOUDSYNC_REQUIRE_CORPUS=1}) they
 * fail instead.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus root ({@code .../shared/corpus}); skips or fails the test when it is absent. */
  public static Path root() {
    String configured = System.getProperty("cloudsync.corpus");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpus");
    root = root.toAbsolutePath().normalize();
    boolean present = Files.isDirectory(root.resolve("backups"));
    if (!present) {
      String message =
          "the real backup corpus is not at "
              + root
              + "; clone the project beside shared/ (or set -Dcloudsync.corpus=DIR) to run this test";
      if ("1".equals(System.getenv("CLOUDSYNC_REQUIRE_CORPUS"))) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return root;
  }

  /** {@code corpus/backups}. */
  public static Path backups() {
    return root().resolve("backups");
  }

  /** {@code corpus/chain-cases}. */
  public static Path chainCases() {
    return root().resolve("chain-cases");
  }
}
