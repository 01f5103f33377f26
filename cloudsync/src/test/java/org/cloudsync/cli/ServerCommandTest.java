package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
  static final String PASSWORD = "Pa55-RECOGNISABLE-word";

  @TempDir Path tmp;
  Cli cli;
  ScriptedSqlServer server = new ScriptedSqlServer();
  Path passwordFile;
  Path drop;

  @BeforeEach
  void init() throws Exception {
    cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    passwordFile = Files.writeString(tmp.resolve("pw.txt"), PASSWORD + "\n");
    drop = Files.createDirectories(tmp.resolve("drop"));
    cli.connector = server;
  }

  private String[] add(String name, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "add",
                name,
                "--jdbc-url",
                "jdbc:sqlserver://db1.example:1433;encrypt=true",
                "--user",
                "cloudsync",
                "--password-file",
                passwordFile.toString(),
                "--data-dir",
                "/var/opt/mssql/data",
                "--log-dir",
                "/var/opt/mssql/log"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static void failsWith(Cli.Result r, int status, ErrorCode code) {
    assertThat(r.status()).as(r.all()).isEqualTo(status);
    assertThat(r.err()).startsWith("error: " + code.name() + ": ").contains("\nhint: ");
    assertThat(r.all()).doesNotContain("\tat ").doesNotContain(PASSWORD);
  }

  @Test
  void addChecksTheServerThenStoresThePasswordEncryptedOnly() throws Exception {
    Cli.Result r =
        cli.server(
            add(
                "db1",
                "--standby-dir",
                "/var/opt/mssql/standby",
                "--path-map",
                "/srv/staging=/var/opt/mssql/staging",
                "--max-concurrent-restores",
                "3"));
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("registered SQL Server db1 (jdbc:sqlserver://db1.example:1433)")
        .contains("SQL Server 2022 (16.0.4135.4, Developer Edition (64-bit))")
        .contains("permissions: all present");
    assertThat(server.connections)
        .containsExactly("jdbc:sqlserver://db1.example:1433;encrypt=true as cloudsync");
    assertThat(server.passwords).containsExactly(PASSWORD);

    Cli.Result show = cli.server("show", "db1");
    assertThat(show.out())
        .contains("/var/opt/mssql/standby")
        .contains("/srv/staging=/var/opt/mssql/staging")
        .contains("max restores:  3")
        .contains("password stored encrypted");
    JsonNode list = new ObjectMapper().readTree(cli.server("list", "--format", "json").out());
    assertThat(list.get(0).get("name").asText()).isEqualTo("db1");
    assertThat(list.get(0).get("max_concurrent_restores").asInt()).isEqualTo(3);
    assertThat(show.all() + list).doesNotContain(PASSWORD).doesNotContain("encrypt=true");

    String stored = ledgerValue("SELECT password_encrypted FROM servers WHERE name = 'db1'");
    assertThat(stored).startsWith("v1:").doesNotContain(PASSWORD);

    // The engine made from the stored row connects with the decrypted password.
    server.passwords.clear();
    assertThat(cli.server("check", "db1").out()).contains("permissions: all present");
    assertThat(server.passwords).containsExactly(PASSWORD);

    failsWith(cli.server(add("db1")), 2, ErrorCode.SERVER_EXISTS);
  }

  @Test
  void anUnreachableServerIsAClearErrorAndNothingIsRegistered() {
    cli.connector = org.cloudsync.server.ServerConnector.JDBC;
    List<String> args = new ArrayList<>(List.of(add("db1")));
    args.set(3, "jdbc:sqlserver://127.0.0.1:1;loginTimeout=2");
    Cli.Result r = cli.server(args.toArray(String[]::new));
    failsWith(r, 6, ErrorCode.SERVER_UNREACHABLE);
    assertThat(r.err())
        .contains("cannot connect to SQL Server jdbc:sqlserver://127.0.0.1:1 as 'cloudsync'")
        .contains(
            "hint: nothing was registered; to register it before it can be reached, add --no-check");
    assertThat(cli.server("list").out()).contains("no SQL Servers");

    args.add("--no-check");
    Cli.Result unchecked = cli.server(args.toArray(String[]::new));
    assertThat(unchecked.status()).as(unchecked.all()).isZero();
    assertThat(unchecked.out()).contains("not checked (--no-check)");
    assertThat(cli.server("list").out()).contains("db1").contains("jdbc:sqlserver://127.0.0.1:1 ");
  }

  @Test
  void missingPermissionsAndAnOldServerAreRefusedWithWhatToDo() {
    server.allPermissions = false;
    Cli.Result r = cli.server(add("db1"));
    failsWith(r, 6, ErrorCode.SERVER_PERMISSION_MISSING);
    assertThat(r.err())
        .contains("login 'cloudsync' on SQL Server 'db1' lacks: CREATE ANY DATABASE (dbcreator)")
        .contains("hint: grant it: ALTER SERVER ROLE dbcreator ADD MEMBER [cloudsync]")
        .contains("hint: grant it: GRANT ALTER ANY CONNECTION TO [cloudsync]");
    server.allPermissions = true;
    server.productVersion = "12.0.6024.0";
    failsWith(cli.server(add("db1")), 6, ErrorCode.SERVER_VERSION_TOO_OLD);
    server.productVersion = "12.0.2000.8";
    server.engineEdition = 5;
    failsWith(cli.server(add("db1")), 6, ErrorCode.EDITION_UNSUPPORTED);
    assertThat(cli.server("list").out()).contains("no SQL Servers");
  }

  @Test
  void badSettingsAreRefusedBeforeConnecting() throws Exception {
    List<String> args = new ArrayList<>(List.of(add("db1")));
    args.set(3, "jdbc:sqlserver://db1:1433;password=" + PASSWORD);
    failsWith(cli.server(args.toArray(String[]::new)), 2, ErrorCode.OPTION_INVALID);
    failsWith(cli.server(add("DB_1")), 2, ErrorCode.OPTION_INVALID);
    failsWith(cli.server(add("db1", "--path-map", "nonsense")), 2, ErrorCode.USAGE);
    failsWith(
        cli.server(add("db1", "--max-concurrent-restores", "0")), 2, ErrorCode.OPTION_INVALID);
    Files.writeString(passwordFile, "\n");
    failsWith(cli.server(add("db1")), 3, ErrorCode.FILE_UNREADABLE);
    assertThat(server.connections).isEmpty();
  }

  @Test
  void centersArePlacedOnAServerAndItCannotBeRemovedUnderThem() throws Exception {
    assertThat(cli.server(add("db1")).status()).isZero();
    Cli.Result unknown =
        cli.center(
            "add",
            "riverside",
            "--name",
            "Riverside",
            "--source",
            drop.toString(),
            "--server",
            "nope");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("error: SERVER_NOT_FOUND: ");
    assertThat(cli.center("list").out()).doesNotContain("riverside");

    Cli.Result added =
        cli.center(
            "add",
            "riverside",
            "--name",
            "Riverside",
            "--source",
            drop.toString(),
            "--server",
            "db1",
            "--norecovery-only",
            "--rebaseline",
            "in-place",
            "--maintenance-window",
            "22:00-02:00");
    assertThat(added.status()).as(added.all()).isZero();
    assertThat(added.out())
        .contains(
            "engine:          sqlserver engine on SQL Server db1, NORECOVERY throughout;"
                + " re-baseline in-place (window 22:00-02:00)");
    Cli.Result busy = cli.server("remove", "db1");
    failsWith(busy, 2, ErrorCode.SERVER_IN_USE);
    assertThat(busy.err()).contains("[riverside]");

    Cli.Result off = cli.center("edit", "riverside", "--no-server", "--no-norecovery-only");
    assertThat(off.out())
        .contains(
            "engine:          verify engine (no SQL Server: every step is checked, nothing is restored)");
    assertThat(cli.center("show", "riverside").out()).contains("verify engine");
    assertThat(cli.server("remove", "db1").out()).contains("removed SQL Server db1");
    failsWith(
        cli.center("edit", "riverside", "--maintenance-window", "25:00-01:00"),
        2,
        ErrorCode.OPTION_INVALID);
    Cli.Result kept =
        cli.center("edit", "riverside", "--rebaseline", "side-by-side", "--keep-old-copy", "3");
    assertThat(kept.status()).as(kept.all()).isZero();
    assertThat(kept.out())
        .contains("re-baseline side-by-side (window 22:00-02:00), old copy kept 3 day(s)");
    assertThat(ledgerValue("SELECT old_copy_retention_days FROM centers WHERE id = 'riverside'"))
        .isEqualTo("3");
    Cli.Result negative = cli.center("edit", "riverside", "--keep-old-copy", "-1");
    failsWith(negative, 2, ErrorCode.OPTION_INVALID);
    assertThat(negative.err())
        .contains("--keep-old-copy -1 is not a number of days from 0 to 3650");
  }

  private String ledgerValue(String sql) throws Exception {
    try (var c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + cli.home.resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        var st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
