package org.cloudsync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The cloudsync home directory: {@code $CLOUDSYNC_HOME}, default {@code ~/.cloudsync}. Its layout:
 *
 * <pre>
 * cloudsync.properties   configuration (see {@link CloudsyncConfig}), 0600
 * ledger.mv.db           the H2 ledger, when no other ledger URL is configured
 * staging/               downloaded and unpacked files
 * locks/                 one lock file per health center, held while a process syncs it
 * master.key             the master key in base64, 0600 (see {@link MasterKey})
 * </pre>
 *
 * The directory itself is 0700.
 */
public final class CloudsyncHome {
  /** The environment variable naming the home directory. */
  public static final String ENV_HOME = "CLOUDSYNC_HOME";

  static final String CONFIG_FILE = "cloudsync.properties";
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path root;

  private CloudsyncHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The home at {@code root}. */
  public static CloudsyncHome at(Path root) {
    return new CloudsyncHome(root);
  }

  /** {@code $CLOUDSYNC_HOME} from {@code env}, else {@code .cloudsync} in the user's home. */
  public static CloudsyncHome locate(Map<String, String> env) {
    String named = env.get(ENV_HOME);
    if (named != null && !named.isBlank()) {
      return at(Path.of(named));
    }
    return at(Path.of(System.getProperty("user.home"), ".cloudsync"));
  }

  public Path root() {
    return root;
  }

  public Path configFile() {
    return root.resolve(CONFIG_FILE);
  }

  /** The H2 database path without H2's {@code .mv.db} suffix, as the JDBC URL names it. */
  public Path ledgerBase() {
    return root.resolve("ledger");
  }

  public Path stagingDir() {
    return root.resolve("staging");
  }

  /** The centers' lock files (see {@link org.cloudsync.lock.CenterLocks}). */
  public Path locksDir() {
    return root.resolve("locks");
  }

  public Path masterKeyFile() {
    return root.resolve("master.key");
  }

  /**
   * The default ledger: an H2 file database in this directory. {@code AUTO_SERVER} lets a command
   * reach it while {@code cloudsync serve} holds it open. {@code WRITE_DELAY=0} stores the file at
   * the end of each transaction instead of from a background writer every half second: a process
   * killed at any point then leaves only states between transactions (none half committed), and
   * loses no transaction that had committed.
   */
  public String defaultLedgerUrl() {
    return "jdbc:h2:file:" + ledgerBase() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  /**
   * Creates what is missing and leaves the rest alone: the directory (0700), the configuration
   * file, {@code staging/}, and, when {@code generateKey}, a new master key file (0600). An
   * existing key file is never overwritten.
   *
   * @return one line per step, saying what was created or kept
   */
  public List<String> initialise(boolean generateKey) {
    List<String> done = new ArrayList<>();
    try {
      done.add(ensureDirectory(root, "home"));
      restrict(root, OWNER_DIR);
      done.add(ensureDirectory(stagingDir(), "staging"));
      if (Files.exists(configFile())) {
        done.add("kept configuration " + configFile());
      } else {
        writeOwnerOnly(configFile(), CloudsyncConfig.template());
        done.add("created configuration " + configFile());
      }
      if (generateKey) {
        if (Files.exists(masterKeyFile())) {
          done.add("kept master key " + masterKeyFile() + " (an existing key is never replaced)");
        } else {
          writeOwnerOnly(masterKeyFile(), MasterKey.generate().toBase64() + "\n");
          done.add("created master key " + masterKeyFile() + " (back it up apart from the ledger)");
        }
      }
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.FILE_UNREADABLE,
          "cannot create the cloudsync home '"
              + root
              + "': "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage(),
          List.of("check that this user may write to the parent directory, or set " + ENV_HOME),
          e);
    }
    return done;
  }

  private static String ensureDirectory(Path dir, String what) throws IOException {
    if (Files.isDirectory(dir)) {
      return "kept " + what + " directory " + dir;
    }
    Files.createDirectories(dir);
    return "created " + what + " directory " + dir;
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("'" + file + "' appeared while it was being created", e);
    }
    restrict(file, OWNER_FILE);
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void restrict(Path path, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(path, perms);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the platform's defaults apply.
    }
  }

  /**
   * Reads the configuration file.
   *
   * @throws CloudsyncException {@code HOME_NOT_INITIALISED} when it is missing
   */
  public CloudsyncConfig loadConfig() {
    Path file = configFile();
    if (!Files.isRegularFile(file)) {
      throw new CloudsyncException(
          ErrorCode.HOME_NOT_INITIALISED,
          "'" + file + "' does not exist",
          "run 'cloudsync init' first, or set " + ENV_HOME + " to an initialised home");
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new CloudsyncException(
          ErrorCode.CONFIG_INVALID,
          "'" + file + "' cannot be read: " + e.getClass().getSimpleName(),
          "it is a Java properties file; compare it with a fresh one from 'cloudsync init'");
    }
    return CloudsyncConfig.from(props, this);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
