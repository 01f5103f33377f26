package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cloudsync.center.TdeCredentials;
import org.cloudsync.config.Secret;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * TDE on a certificate generated at test time with the JDK's keytool (no key material is
 * committed). The private key bytes are random stand-ins: the statement only carries them.
 */
class TdeTest {
  private static final Secret PASSWORD = Secret.of("it's; a ]secret--");
  private static final byte[] PVK = HexFormat.of().parseHex("1EF1B5B000000000DEADBEEF42");

  @TempDir static Path dir;
  private static byte[] der;
  private static byte[] pem;
  private static String keytoolSha1;

  private ListAppender<ILoggingEvent> logs;
  private Level level;

  @BeforeAll
  static void generateCertificate() throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path ks = dir.resolve("test.p12");
    keytool(
        keytool,
        "-genkeypair",
        "-alias",
        "tde",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=cloudsync test TDE certificate",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit");
    Path derFile = dir.resolve("tde.cer");
    keytool(
        keytool,
        "-exportcert",
        "-alias",
        "tde",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        derFile.toString());
    Path pemFile = dir.resolve("tde.pem");
    keytool(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "tde",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        pemFile.toString());
    der = Files.readAllBytes(derFile);
    pem = Files.readAllBytes(pemFile);
    String printed = keytool(keytool, "-printcert", "-file", derFile.toString());
    for (String line : printed.split("\n")) {
      String l = line.strip();
      if (l.startsWith("SHA1:")) {
        keytoolSha1 = l.substring(5).strip().replace(":", "");
      }
    }
  }

  private static String keytool(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  @BeforeEach
  void captureLogs() {
    logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    level = root.getLevel();
    root.setLevel(Level.DEBUG);
  }

  @AfterEach
  void releaseLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(level);
  }

  private TdeCredentials credentials() {
    return new TdeCredentials(der, PVK, PASSWORD);
  }

  @Test
  void thumbprintIsSha1OfTheDerAsKeytoolPrintsItInSqlServersForm() {
    assertThat(keytoolSha1).hasSize(40);
    Thumbprint t = Thumbprint.ofCertificate("tde.cer", der);
    assertThat(t.toString()).isEqualTo("0x" + keytoolSha1.toUpperCase());
    assertThat(Thumbprint.ofCertificate("tde.pem", pem)).isEqualTo(t);
    assertThat(Thumbprint.parse(t.toString().toLowerCase())).isEqualTo(t);
  }

  @Test
  void aPrivateKeyOrGarbageIsNotACertificate() {
    // Built at run time: no key-shaped text in the repository.
    String begin = "-----BEGIN " + "PRIVATE" + " KEY-----";
    byte[] key = (begin + "\nAAAA\n").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Thumbprint.ofCertificate("key.pem", key))
        .hasMessage(
            "'key.pem' is not an X.509 certificate in DER or PEM form (it looks like a"
                + " private key)")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.CERTIFICATE_INVALID);
  }

  @Test
  void thumbprintOfTheCommittedTestCertificateMatchesOpenssl() throws Exception {
    try (var in = getClass().getResourceAsStream("/tde/test-tde.der")) {
      assertThat(Thumbprint.ofCertificate("test-tde.der", in.readAllBytes()).toString())
          .isEqualTo("0x31481D8B20E0A97C3ECA1026B4C8AC5AC7242FE6");
    }
  }

  @Test
  void createCertificateStatementIsExactWithThePasswordEscaped() {
    TdeCredentials c = credentials();
    SensitiveSql sql = Tde.createCertificateStatement("cloudsync_c1]x", c);
    assertThat(sql.text())
        .isEqualTo(
            "CREATE CERTIFICATE [cloudsync_c1]]x] FROM BINARY = 0x"
                + HexFormat.of().withUpperCase().formatHex(der)
                + " WITH PRIVATE KEY (BINARY = 0x1EF1B5B000000000DEADBEEF42, DECRYPTION BY"
                + " PASSWORD = N'it''s; a ]secret--')");
    assertThat(sql.toString())
        .isEqualTo(
            "CREATE CERTIFICATE [cloudsync_c1]]x] FROM BINARY = <certificate "
                + Tde.thumbprintOf(c)
                + "> WITH PRIVATE KEY (BINARY = ***, DECRYPTION BY PASSWORD = ***) (redacted)");
    assertThat(c.toString()).doesNotContain("secret").doesNotContain("DEADBEEF");
  }

  @Test
  void masterKeyStatementIsExact() {
    assertThat(Tde.masterKeyStatement(Secret.of("a'b")).text())
        .isEqualTo("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'a''b'");
    assertThat(Tde.masterKeyStatement(Secret.of("a'b")).toString()).doesNotContain("a'b");
    assertThatThrownBy(() -> Tde.masterKeyStatement(Secret.of("a\nb")))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.TDE_CREDENTIALS_INVALID);
  }

  @Test
  void installIsIdempotentByThumbprint() {
    TdeCredentials c = credentials();
    FakeSqlSession present =
        new FakeSqlSession().on(Tde.CERTIFICATE_BY_THUMBPRINT_SQL, Row.of("name", "from_2025"));
    Tde.Installed i = Tde.install(present, "cloudsync_c1_new", c);
    assertThat(i.created()).isFalse();
    assertThat(i.name()).isEqualTo("from_2025");
    assertThat(present.executed).isEmpty();
    assertThat((byte[]) present.queryParams.get(0)[0]).isEqualTo(Tde.thumbprintOf(c).bytes());

    FakeSqlSession absent = new FakeSqlSession().on(Tde.CERTIFICATE_BY_THUMBPRINT_SQL);
    Tde.Installed j = Tde.install(absent, "cloudsync_c1_new", c);
    assertThat(j.created()).isTrue();
    assertThat(absent.executed).hasSize(1);
    assertThat(absent.executed.get(0)).startsWith("CREATE CERTIFICATE [cloudsync_c1_new] FROM");
  }

  @Test
  void masterKeyIsCreatedOnlyWhenMissing() {
    FakeSqlSession has =
        new FakeSqlSession()
            .on(Tde.MASTER_KEY_EXISTS_SQL, Row.of("name", "##MS_DatabaseMasterKey##"));
    assertThat(Tde.ensureMasterKey(has, PASSWORD)).isFalse();
    assertThat(has.executed).isEmpty();
    FakeSqlSession none = new FakeSqlSession().on(Tde.MASTER_KEY_EXISTS_SQL);
    assertThat(Tde.ensureMasterKey(none, PASSWORD)).isTrue();
    assertThat(none.executed)
        .containsExactly("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'it''s; a ]secret--'");
  }

  @Test
  void aFailingCreateCertificateLeavesNoSecretInTheExceptionOrTheLogs() {
    TdeCredentials c = credentials();
    // A driver or server echoing the statement would put the secrets in the message.
    FakeSqlSession s =
        new FakeSqlSession()
            .on(Tde.CERTIFICATE_BY_THUMBPRINT_SQL)
            .failStatements(
                sql -> new SQLException("Incorrect syntax near '" + sql + "'.", "S0001", 15581));
    CloudsyncException e =
        (CloudsyncException)
            org.assertj.core.api.Assertions.catchThrowable(() -> Tde.install(s, "cloudsync_c1", c));
    assertThat(e.code()).isEqualTo(ErrorCode.TDE_CREDENTIALS_INVALID);
    assertThat(e.getCause()).isNull();
    String text = e.describe() + String.join("\n", e.hints());
    assertThat(text)
        .contains(
            "creating certificate [cloudsync_c1] ("
                + Tde.thumbprintOf(c)
                + ") in master failed:"
                + " SQL Server error 15581")
        .doesNotContain("it's; a ]secret--")
        .doesNotContain("it''s; a ]secret--")
        .doesNotContain("1EF1B5B000000000DEADBEEF42");
    for (ILoggingEvent ev : logs.list) {
      assertThat(ev.getFormattedMessage()).doesNotContain("secret").doesNotContain("DEADBEEF");
    }
  }

  @Test
  void successLogsNameAndThumbprintOnly() {
    FakeSqlSession s = new FakeSqlSession().on(Tde.CERTIFICATE_BY_THUMBPRINT_SQL);
    TdeCredentials c = credentials();
    Tde.install(s, "cloudsync_c1", c);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("installed TDE certificate [cloudsync_c1] with thumbprint " + Tde.thumbprintOf(c))
        .allSatisfy(m -> assertThat(m).doesNotContain("secret").doesNotContain("DEADBEEF"));
  }

  @Test
  void dropIsRefusedWhileADatabaseIsEncryptedByIt() {
    FakeSqlSession inUse =
        new FakeSqlSession().on(Tde.CERTIFICATE_IN_USE_SQL, Row.of("database_name", "Sales"));
    assertThatThrownBy(() -> Tde.drop(inUse, "cloudsync_c1"))
        .hasMessageContaining("still encrypts database(s) [Sales]");
    assertThat(inUse.executed).isEmpty();
    FakeSqlSession free = new FakeSqlSession().on(Tde.CERTIFICATE_IN_USE_SQL);
    Tde.drop(free, "cloudsync_c1");
    assertThat(free.executed).containsExactly("DROP CERTIFICATE [cloudsync_c1]");
  }

  @Test
  void backupCheckComparesTheNeededThumbprintWithTheInstalledOnes() {
    Thumbprint t = Thumbprint.ofCertificate("tde.cer", der);
    assertThat(Tde.checkBackup("a.bak", null, Set.of())).isNull();
    assertThat(Tde.checkBackup("a.bak", t, Set.of(t))).isNull();
    Refusal r = Tde.checkBackup("a.bak", t, Set.of());
    assertThat(r.code()).isEqualTo(ErrorCode.TDE_CERTIFICATE_MISMATCH);
    assertThat(r.message())
        .isEqualTo(
            "TDE credentials do not match this backup; ask eCW for the current certificate"
                + " ('a.bak' is encrypted by certificate "
                + t
                + "; the server holds none)");
  }

  @Test
  void certificateNamesAreStablePerCenterAndThumbprint() {
    Thumbprint t = Thumbprint.parse("0x0123456789ABCDEF0123456789ABCDEF01234567");
    assertThat(Tde.certificateName("center 1", t)).isEqualTo("cloudsync_center_1_0123456789ABCDEF");
    assertThat(List.of(t.bytes().length)).containsExactly(20);
  }
}
