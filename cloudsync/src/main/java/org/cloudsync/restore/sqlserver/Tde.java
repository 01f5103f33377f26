package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cloudsync.center.TdeCredentials;
import org.cloudsync.config.Secret;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transparent Data Encryption on the target: the database master key in {@code master}, the
 * centers' certificates (installed once per thumbprint, dropped with their center), and the check
 * that a backup's certificate is installed before restoring it.
 *
 * <p>The {@code CREATE MASTER KEY} and {@code CREATE CERTIFICATE} statements carry the password and
 * private key as constants, so they are {@link SensitiveSql}: never logged, and a failure is
 * reported with SQL Server's error number and a message scrubbed of the secrets, without the
 * statement or the driver's exception.
 *
 * <p>Sessions are in {@code master} ({@link JdbcSqlSessionFactory} connects there). Permissions:
 * {@code CONTROL} on {@code master} to create the master key (once, possibly by a DBA), {@code
 * CREATE CERTIFICATE} in {@code master} for the certificates; the login owns the certificates it
 * creates and may therefore drop them.
 */
public final class Tde {
  private static final Logger LOG = LoggerFactory.getLogger(Tde.class);
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  static final String MASTER_KEY_EXISTS_SQL =
      "SELECT name FROM master.sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##'";
  static final String CERTIFICATE_BY_THUMBPRINT_SQL =
      "SELECT name FROM master.sys.certificates WHERE thumbprint = ?";
  static final String THUMBPRINTS_SQL = "SELECT name, thumbprint FROM master.sys.certificates";
  static final String CERTIFICATE_IN_USE_SQL =
      "SELECT DB_NAME(k.database_id) AS database_name"
          + " FROM sys.dm_database_encryption_keys AS k"
          + " JOIN master.sys.certificates AS c ON c.thumbprint = k.encryptor_thumbprint"
          + " WHERE c.name = ?";

  private Tde() {}

  /** Whether a certificate was created or was already there (under which name). */
  public record Installed(String name, Thumbprint thumbprint, boolean created) {}

  /** {@code CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'...'}; the password escaped. */
  static SensitiveSql masterKeyStatement(Secret password) {
    String pw = password.reveal();
    return new SensitiveSql(
        "CREATE MASTER KEY ENCRYPTION BY PASSWORD = " + passwordLiteral(pw),
        "CREATE MASTER KEY ENCRYPTION BY PASSWORD = *** (redacted)",
        List.of(pw, pw.replace("'", "''")));
  }

  /**
   * {@code CREATE CERTIFICATE [name] FROM BINARY = 0x<DER> WITH PRIVATE KEY (BINARY = 0x<pvk>,
   * DECRYPTION BY PASSWORD = N'...')}.
   */
  static SensitiveSql createCertificateStatement(String name, TdeCredentials credentials) {
    String id = SqlText.identifier("certificate name", name);
    String cert = HEX.formatHex(credentials.certificateDer());
    String key = HEX.formatHex(credentials.privateKey());
    String pw = credentials.password().reveal();
    return new SensitiveSql(
        "CREATE CERTIFICATE "
            + id
            + " FROM BINARY = 0x"
            + cert
            + " WITH PRIVATE KEY (BINARY = 0x"
            + key
            + ", DECRYPTION BY PASSWORD = "
            + passwordLiteral(pw)
            + ")",
        "CREATE CERTIFICATE "
            + id
            + " FROM BINARY = <certificate "
            + thumbprintOf(credentials)
            + "> WITH PRIVATE KEY (BINARY = ***, DECRYPTION BY PASSWORD = ***) (redacted)",
        List.of(key, pw, pw.replace("'", "''")));
  }

  /** The credentials' certificate thumbprint as a value. */
  static Thumbprint thumbprintOf(TdeCredentials credentials) {
    return Thumbprint.parse(credentials.thumbprint());
  }

  /** {@code DROP CERTIFICATE [name]}. */
  static String dropCertificateStatement(String name) {
    return "DROP CERTIFICATE " + SqlText.identifier("certificate name", name);
  }

  /** {@code N'...'} with {@code '} doubled. Passwords may hold any printable character. */
  static String passwordLiteral(String password) {
    for (int i = 0; i < password.length(); i++) {
      if (Character.isISOControl(password.charAt(i))) {
        throw new CloudsyncException(
            ErrorCode.TDE_CREDENTIALS_INVALID,
            "the password holds a control character at index " + i,
            "check the password file: it must hold the password on one line");
      }
    }
    return "N'" + password.replace("'", "''") + "'";
  }

  /**
   * A certificate name for a center: {@code cloudsync_<center>_<first 8 thumbprint bytes>}, so that
   * rotated certificates of one center sit side by side.
   */
  public static String certificateName(String centerId, Thumbprint thumbprint) {
    return "cloudsync_"
        + RestoreStatements.fileNamePart(centerId)
        + "_"
        + thumbprint.toString().substring(2, 18);
  }

  /**
   * Creates the database master key in {@code master} unless one exists.
   *
   * @param password generated by the caller and stored encrypted elsewhere; not kept here
   * @return whether a key was created
   */
  public static boolean ensureMasterKey(SqlSession session, Secret password) {
    try {
      if (!session.query(MASTER_KEY_EXISTS_SQL).isEmpty()) {
        return false;
      }
    } catch (SQLException e) {
      throw failure("checking for the database master key in master", e, List.of());
    }
    SensitiveSql sql = masterKeyStatement(password);
    executeSecret(session, sql, "creating the database master key in master");
    LOG.info("created the database master key in master");
    return true;
  }

  /**
   * Installs a certificate with its private key once per thumbprint: when {@code sys.certificates}
   * already holds that thumbprint (under any name), nothing is run.
   */
  public static Installed install(SqlSession session, String name, TdeCredentials credentials) {
    Thumbprint t = thumbprintOf(credentials);
    try {
      List<Row> existing = session.query(CERTIFICATE_BY_THUMBPRINT_SQL, (Object) t.bytes());
      if (!existing.isEmpty()) {
        return new Installed(existing.get(0).string("name"), t, false);
      }
    } catch (SQLException e) {
      throw failure("looking up certificate " + t + " in master", e, List.of());
    }
    SensitiveSql sql = createCertificateStatement(name, credentials);
    executeSecret(session, sql, "creating certificate [" + name + "] (" + t + ") in master");
    LOG.info("installed TDE certificate [{}] with thumbprint {}", name, t);
    return new Installed(name, t, true);
  }

  /**
   * Drops a removed center's certificate, unless a database on the server is still encrypted by it.
   */
  public static void drop(SqlSession session, String name) {
    try {
      List<Row> users = session.query(CERTIFICATE_IN_USE_SQL, name);
      if (!users.isEmpty()) {
        List<String> dbs = users.stream().map(r -> r.string("database_name")).toList();
        throw new CloudsyncException(
            ErrorCode.TDE_CREDENTIALS_INVALID,
            "certificate [" + name + "] still encrypts database(s) " + dbs + "; not dropped",
            "drop or decrypt those databases first; without the certificate they cannot be read");
      }
      session.execute(dropCertificateStatement(name), m -> {});
      LOG.info("dropped TDE certificate [{}]", name);
    } catch (SQLException e) {
      throw failure("dropping certificate [" + name + "]", e, List.of());
    }
  }

  /** The thumbprints of every certificate in {@code master}. */
  public static Set<Thumbprint> installed(SqlSession session) {
    try {
      Set<Thumbprint> out = new LinkedHashSet<>();
      for (Row r : session.query(THUMBPRINTS_SQL)) {
        byte[] b = r.bytes("thumbprint");
        if (b != null && b.length == 20) {
          out.add(new Thumbprint(b));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("listing the certificates in master", e, List.of());
    }
  }

  /**
   * The refusal when a backup needs a certificate that is not installed; null when it needs none or
   * its certificate is there.
   */
  public static Refusal checkBackup(String file, Thumbprint needed, Set<Thumbprint> installed) {
    if (needed == null || installed.contains(needed)) {
      return null;
    }
    List<String> have = new ArrayList<>();
    installed.forEach(t -> have.add(t.toString()));
    return Refusal.of(
        ErrorCode.TDE_CERTIFICATE_MISMATCH,
        0,
        "TDE credentials do not match this backup; ask eCW for the current certificate ('"
            + file
            + "' is encrypted by certificate "
            + needed
            + "; the server holds "
            + (have.isEmpty() ? "none" : String.join(", ", have))
            + ")",
        "ask eCW for the current certificate, its private key and password, then add them to"
            + " the center (center edit --tde-cert ...)");
  }

  private static void executeSecret(SqlSession session, SensitiveSql sql, String what) {
    List<ServerMessage> seen = new ArrayList<>();
    try {
      session.execute(sql.text(), seen::add);
    } catch (SQLException e) {
      throw failure(what, e, sql.secrets());
    }
  }

  /** A failure without the statement or the driver's exception (which might quote it). */
  private static CloudsyncException failure(String what, SQLException e, List<String> secrets) {
    String text = ServerErrors.scrub(e.getMessage(), secrets);
    return new CloudsyncException(
        e.getErrorCode() == 15151 || e.getErrorCode() == 15247
            ? ErrorCode.SERVER_PERMISSION_MISSING
            : ErrorCode.TDE_CREDENTIALS_INVALID,
        what + " failed: SQL Server error " + e.getErrorCode() + ": " + text,
        List.of(
            "check the certificate, private key and password eCW sent",
            "the service login needs CREATE CERTIFICATE in master (and CONTROL on master to"
                + " create the master key)"),
        null);
  }
}
