package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.Centers;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.Secret;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Adds a center with recognisable secrets, works with it through every command, and then looks for
 * those secrets in the output, the log, exception messages (printed unredacted by {@link Cli}),
 * every column of every ledger table and every file of the home.
 */
class SecretsStayHiddenTest {
  static final String SIG = "SIGRECOGNISABLE%2B123%3D";
  static final String PASSWORD = "PWRECOGNISABLE456";
  static final String KEY = "KEYRECOGNISABLE789";
  static final List<String> SECRETS =
      List.of("SIGRECOGNISABLE", "PWRECOGNISABLE", "KEYRECOGNISABLE");

  @TempDir Path tmp;
  Cli cli;
  ListAppender<ILoggingEvent> logs;
  Logger root;
  Level rootLevel;
  final StringBuilder seen = new StringBuilder();

  /** Where the ledger lives: the H2 default here; a subclass may point the home elsewhere. */
  void configureLedger(Path home) throws Exception {}

  @BeforeEach
  void capture() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    configureLedger(cli.home);
  }

  @AfterEach
  void release() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  private Cli.Result run(String... args) {
    Cli.Result r = cli.center(args);
    seen.append(r.out()).append(r.err());
    return r;
  }

  @Test
  void secretsAppearNowhereInPlainText() throws Exception {
    Path sas =
        Files.writeString(
            tmp.resolve("sas"),
            "https://acct.blob.core.windows.net/riverside?sv=2022-11-02&sr=c&sp=rl&sig=" + SIG);
    Path pw = Files.writeString(tmp.resolve("pw"), PASSWORD + "\n");
    Path key = Files.writeString(tmp.resolve("key.pvk"), KEY);
    Path cert = Path.of(getClass().getResource("/tde/test-tde.pem").toURI());

    assertThat(
            run(
                    "add",
                    "riverside-chc",
                    "--name",
                    "Riverside",
                    "--sas-url-file",
                    sas.toString(),
                    "--public-ip",
                    "203.0.113.7",
                    "--tde-cert",
                    cert.toString(),
                    "--tde-key",
                    key.toString(),
                    "--tde-password-file",
                    pw.toString())
                .status())
        .isZero();
    for (String[] args :
        new String[][] {
          {"show", "riverside-chc"},
          {"show", "riverside-chc", "--format", "json"},
          {"list"},
          {"list", "--format", "json"},
          {"edit", "riverside-chc", "--public-ip", "203.0.113.8"},
          {
            "edit",
            "riverside-chc",
            "--name",
            "Riverside CHC",
            "--tde-cert",
            cert.toString(),
            "--tde-key",
            key.toString(),
            "--tde-password-file",
            pw.toString()
          },
          {"pause", "riverside-chc"},
          {"resume", "riverside-chc"}
        }) {
      assertThat(run(args).status()).as(String.join(" ", args)).isZero();
    }
    // A SAS URL check that refuses: the message the command prints is this project's own.
    cli.sasCheck =
        (url, ip) -> {
          throw new CloudsyncException(ErrorCode.SAS_EXPIRED, "the SAS token has expired");
        };
    assertThat(run("edit", "riverside-chc", "--sas-url-file", sas.toString()).status())
        .isEqualTo(5);
    cli.env.put(MasterKey.ENV_KEY, Base64.getEncoder().encodeToString(new byte[32]));
    assertThat(run("edit", "riverside-chc", "--public-ip", "203.0.113.9").status()).isEqualTo(3);
    cli.env.remove(MasterKey.ENV_KEY);

    // The Java API's own failures and values.
    CloudsyncHome home = CloudsyncHome.locate(cli.env);
    try (Ledger ledger = Ledger.open(home.loadConfig(), Cli.CLOCK)) {
      Centers centers =
          new Centers(
              ledger, new SecretBox(MasterKey.load(home, cli.env)), (u, i) -> List.of(), Cli.CLOCK);
      CenterId id = new CenterId("riverside-chc");
      assertThat(centers.sasUrl(id).orElseThrow().reveal()).contains(SIG);
      assertThat(centers.tdeCredentials(id).orElseThrow().password().reveal()).isEqualTo(PASSWORD);
      seen.append(centers.get(id)).append(centers.list()).append(centers.sasUrl(id));
      seen.append(centers.tdeCredentials(id));
      seen.append(new CenterSettings().sasUrl(Secret.of("sig=" + SIG)));
      try {
        centers.add(
            new CenterId("broken"),
            new CenterSettings().name("B").sasUrl(Secret.of("no host?sig=" + SIG)));
      } catch (CloudsyncException e) {
        seen.append(e.describe());
      }
      seen.append(new CloudsyncConfig("jdbc:h2:mem:x", "u", Secret.of(PASSWORD)));
    }

    for (ILoggingEvent e : logs.list) {
      seen.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        seen.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    assertThat(logs.list).as("the commands log what they do").isNotEmpty();
    assertThat(seen.toString()).contains("sig=***");
    assertNoSecret("output, log and messages", seen.toString());
    assertNoSecret("ledger rows", ledgerText(home));
    try (Stream<Path> files = Files.walk(home.root())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertNoSecret(
            f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
  }

  private static void assertNoSecret(String where, String text) {
    for (String secret : SECRETS) {
      assertThat(text).as(where).doesNotContain(secret);
    }
  }

  /** Every column of every row of every table in the ledger, as text. */
  static String ledgerText(CloudsyncHome home) throws Exception {
    CloudsyncConfig config = home.loadConfig();
    StringBuilder text = new StringBuilder();
    try (Connection c =
        DriverManager.getConnection(
            config.ledgerUrl(),
            config.ledgerUser(),
            config.ledgerPassword() == null ? null : config.ledgerPassword().reveal())) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (!schema.equalsIgnoreCase("information_schema")
              && !schema.equalsIgnoreCase("pg_catalog")) {
            tables.add("\"" + schema + "\".\"" + rs.getString("TABLE_NAME") + "\"");
          }
        }
      }
      assertThat(tables).hasSizeGreaterThanOrEqualTo(7);
      int rows = 0;
      for (String table : tables) {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            rows++;
            for (int i = 1; i <= md.getColumnCount(); i++) {
              text.append(rs.getString(i)).append('|');
            }
            text.append('\n');
          }
        }
      }
      assertThat(rows).isPositive();
      assertThat(text.toString()).contains("v1:").contains("sig=***");
    }
    return text.toString();
  }
}
