package org.cloudsync.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit key that encrypts every secret cloudsync stores (see {@link SecretBox}).
 *
 * <p>It is looked up in this order:
 *
 * <ol>
 *   <li>the environment variable {@value #ENV_KEY}: the key itself, 32 bytes in base64;
 *   <li>the environment variable {@value #ENV_KEY_FILE}: the path of a file holding the key in
 *       base64 (one line);
 *   <li>the file {@code master.key} in the cloudsync home, which {@code cloudsync init} generates
 *       with permissions 0600.
 * </ol>
 *
 * <p>Create one by hand with {@code openssl rand -base64 32 > master.key && chmod 600 master.key}.
 * Losing the key loses every stored secret (SAS URLs, TDE passwords and private keys must then be
 * entered again), so back it up apart from the ledger.
 */
public final class MasterKey {
  /** The environment variable holding the key in base64. */
  public static final String ENV_KEY = "CLOUDSYNC_MASTER_KEY";

  /** The environment variable naming a file that holds the key in base64. */
  public static final String ENV_KEY_FILE = "CLOUDSYNC_MASTER_KEY_FILE";

  static final int LENGTH = 32;
  private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

  private final byte[] key;
  private final String origin;

  private MasterKey(byte[] key, String origin) {
    this.key = key.clone();
    this.origin = origin;
  }

  /** A new random key. */
  public static MasterKey generate() {
    byte[] key = new byte[LENGTH];
    new SecureRandom().nextBytes(key);
    return new MasterKey(key, "generated");
  }

  /** Parses the base64 text form; {@code origin} says where it came from, for messages. */
  public static MasterKey fromBase64(String text, String origin) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw invalid(origin, "it is not valid base64");
    }
    if (key.length != LENGTH) {
      throw invalid(origin, "it decodes to " + key.length + " bytes, not " + LENGTH);
    }
    return new MasterKey(key, origin);
  }

  /**
   * The key named by the environment, else the one in {@code home}.
   *
   * @throws CloudsyncException {@code MASTER_KEY_MISSING} or {@code MASTER_KEY_INVALID}
   */
  public static MasterKey load(CloudsyncHome home, Map<String, String> env) {
    String inline = env.get(ENV_KEY);
    if (inline != null && !inline.isBlank()) {
      return fromBase64(inline, "environment variable " + ENV_KEY);
    }
    String file = env.get(ENV_KEY_FILE);
    if (file != null && !file.isBlank()) {
      return fromFile(Path.of(file), ENV_KEY_FILE + " file '" + file + "'");
    }
    Path own = home.masterKeyFile();
    if (Files.exists(own)) {
      return fromFile(own, "'" + own + "'");
    }
    throw new CloudsyncException(
        ErrorCode.MASTER_KEY_MISSING,
        "no master key: "
            + ENV_KEY
            + " and "
            + ENV_KEY_FILE
            + " are unset and '"
            + own
            + "' does not exist",
        "run 'cloudsync init' to generate one, or set "
            + ENV_KEY_FILE
            + " to a file made with 'openssl rand -base64 32'",
        "if secrets were stored before, restore the master key from its backup: a new key cannot"
            + " read them");
  }

  private static MasterKey fromFile(Path path, String origin) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CloudsyncException(
          ErrorCode.MASTER_KEY_MISSING,
          "the master key " + origin + " cannot be read: " + e.getClass().getSimpleName(),
          "check that the file exists and that this user may read it");
    }
    warnIfOthersMayRead(path);
    return fromBase64(text, origin);
  }

  private static void warnIfOthersMayRead(Path path) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("master key file '{}' may be read by other users: run 'chmod 600' on it", path);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: nothing to check.
    }
  }

  private static CloudsyncException invalid(String origin, String why) {
    return new CloudsyncException(
        ErrorCode.MASTER_KEY_INVALID,
        "the master key from " + origin + " is unusable: " + why,
        "a master key is 32 random bytes in base64, as made by 'openssl rand -base64 32'");
  }

  /** The key in base64, for writing the key file. */
  String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  SecretKeySpec aesKey() {
    return new SecretKeySpec(key, "AES");
  }

  /**
   * A short public fingerprint of the key (8 hex digits of an HMAC of a fixed label): stored with
   * each secret so that a wrong key is told apart from an altered value. It reveals nothing useful
   * about the key.
   */
  String id() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal("cloudsync master key id".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(Arrays.copyOf(tag, 4));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Where the key came from (a file, a variable): never the key. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "MasterKey[" + origin + ", ***]";
  }
}
