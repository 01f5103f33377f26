package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.cloudsync.config.MasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path tmp;

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void createsTheHomeWithAnOwnerOnlyKeyAndALedger() throws Exception {
    Path home = tmp.resolve("nested/home");
    Cli.Result r = new Cli(home).init();
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(perms(home)).isEqualTo("rwx------");
    assertThat(perms(home.resolve("master.key"))).isEqualTo("rw-------");
    assertThat(perms(home.resolve("cloudsync.properties"))).isEqualTo("rw-------");
    assertThat(home.resolve("staging")).isDirectory();
    assertThat(home.resolve("ledger.mv.db")).isRegularFile();
    byte[] key = Base64.getDecoder().decode(Files.readString(home.resolve("master.key")).strip());
    assertThat(key).hasSize(32);
    assertThat(r.out())
        .contains("created master key " + home.resolve("master.key"))
        .contains("at schema version 1")
        .contains("back up the master key")
        .doesNotContain(Files.readString(home.resolve("master.key")).strip());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void runningAgainKeepsTheKeyAndEverythingElse() throws Exception {
    Cli cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    String key = Files.readString(cli.home.resolve("master.key"));
    Files.writeString(cli.home.resolve("cloudsync.properties"), "# edited by hand\n");
    Cli.Result again = cli.init();
    assertThat(again.status()).as(again.all()).isZero();
    assertThat(again.out()).contains("kept master key").contains("kept configuration");
    assertThat(Files.readString(cli.home.resolve("master.key"))).isEqualTo(key);
    assertThat(Files.readString(cli.home.resolve("cloudsync.properties")))
        .isEqualTo("# edited by hand\n");
  }

  @Test
  void aKeyFromTheEnvironmentIsCheckedAndNoKeyFileIsWritten() {
    Cli cli = new Cli(tmp.resolve("home"));
    cli.env.put(
        MasterKey.ENV_KEY, Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'));
    Cli.Result r = cli.init();
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out()).contains("master key from environment variable CLOUDSYNC_MASTER_KEY");
    assertThat(cli.home.resolve("master.key")).doesNotExist();
  }

  @Test
  void aBadKeyInTheEnvironmentIsAClearErrorWithoutAStackTrace() {
    Cli cli = new Cli(tmp.resolve("home"));
    cli.env.put(MasterKey.ENV_KEY_FILE, tmp.resolve("missing.key").toString());
    Cli.Result r = cli.init();
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("error: MASTER_KEY_MISSING: the master key CLOUDSYNC_MASTER_KEY_FILE file '")
        .contains("missing.key")
        .contains("hint: ")
        .doesNotContain("Exception:")
        .doesNotContain("\tat ");
  }

  @Test
  void aHomeThatCannotBeCreatedNamesThePath() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Cli.Result r = new Cli(file.resolve("home")).init();
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err())
        .startsWith(
            "error: FILE_UNREADABLE: cannot create the cloudsync home '" + file.resolve("home"))
        .contains("hint: ")
        .doesNotContain("\tat ");
  }
}
