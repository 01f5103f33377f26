package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.cloudsync.config.MasterKey;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CenterCommandTest {
  static final String THUMBPRINT = "31481D8B20E0A97C3ECA1026B4C8AC5AC7242FE6";
  static final String SAS =
      "https://acct.blob.core.windows.net/riverside?sv=2022-11-02&sr=c&sp=rl"
          + "&se=2027-01-01T00:00:00Z&sig=SIGRECOGNISABLE%2B123%3D";

  @TempDir Path tmp;
  Cli cli;
  Path drop;
  Path sasFile;

  @BeforeEach
  void init() throws Exception {
    cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    drop = Files.createDirectories(tmp.resolve("drop"));
    sasFile = Files.writeString(tmp.resolve("sas.txt"), SAS + "\n");
  }

  static Path resource(String name) throws Exception {
    return Path.of(CenterCommandTest.class.getResource("/tde/" + name).toURI());
  }

  private Cli.Result ok(String... args) {
    Cli.Result r = cli.center(args);
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.err()).isEmpty();
    return r;
  }

  /** A failure a person sees: the code, a hint, the exit status, no stack trace. */
  private Cli.Result fails(int status, ErrorCode code, String... args) {
    Cli.Result r = cli.center(args);
    assertThat(r.status()).as(r.all()).isEqualTo(status);
    assertThat(r.err()).startsWith("error: " + code.name() + ": ").contains("\nhint: ");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    return r;
  }

  @Test
  void addShowAndListADirectoryCenterWithEveryOption() throws Exception {
    Cli.Result added =
        ok(
            "add",
            "riverside-chc",
            "--name",
            "Riverside Community Health",
            "--source",
            drop.toString(),
            "--database",
            "riverside",
            "--timezone",
            "America/Chicago",
            "--contact",
            "IT@Riverside.org",
            "--contact",
            "director@riverside.org",
            "--operator-contact",
            "ops@host.net",
            "--expected-upload",
            "05:30",
            "--public-ip",
            "203.0.113.7",
            "--tde-cert",
            resource("test-tde.pem").toString(),
            "--tde-key",
            Files.writeString(tmp.resolve("k.pvk"), "KEY").toString(),
            "--tde-password-file",
            Files.writeString(tmp.resolve("pw"), "pw\n").toString(),
            "--check",
            "service-agreement=2026-10-01",
            "--check",
            "sas-url");
    assertThat(added.out()).startsWith("added health center riverside-chc");

    String shown = ok("show", "riverside-chc").out();
    assertThat(shown)
        .contains("riverside-chc  Riverside Community Health")
        .contains("status:          active")
        .contains("time zone:       America/Chicago")
        .contains("database:        riverside")
        .contains("expected upload: 05:30")
        .contains("source:          directory " + drop.toAbsolutePath())
        .contains("public IP:       203.0.113.7")
        .contains("thumbprint " + THUMBPRINT)
        .contains("it@riverside.org (health center)")
        .contains("ops@host.net (operator)")
        .contains("[x] 2026-10-01  service-agreement")
        .contains("[x] " + LocalDate.now(Cli.CLOCK.withZone(ZoneId.systemDefault())) + "  sas-url")
        .contains("[ ]             initial-dump");

    JsonNode json =
        new ObjectMapper().readTree(ok("show", "riverside-chc", "--format", "json").out());
    assertThat(json.get("id").asText()).isEqualTo("riverside-chc");
    assertThat(json.get("time_zone").asText()).isEqualTo("America/Chicago");
    assertThat(json.get("tde_cert_thumbprint").asText()).isEqualTo(THUMBPRINT);
    assertThat(json.get("source").get("kind").asText()).isEqualTo("directory");
    assertThat(json.get("contacts")).hasSize(3);
    assertThat(json.get("checklist").get(0).get("done_on").asText()).isEqualTo("2026-10-01");
    assertThat(json.get("checklist").get(1).get("done_on").isNull()).isTrue();

    ok("add", "lakeside", "--name", "Lakeside", "--sas-url-file", sasFile.toString());
    String table = ok("list").out();
    assertThat(table.lines().toList())
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).startsWith("lakeside").contains("azure").contains("0/6"))
        .anySatisfy(l -> assertThat(l).startsWith("riverside-chc").contains("2/6"));
    JsonNode list = new ObjectMapper().readTree(ok("list", "--format", "json").out());
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("source").get("sas_url").asText())
        .isEqualTo(SAS.replace("SIGRECOGNISABLE%2B123%3D", "***"));
  }

  @Test
  void aDerCertificateGivesTheSameThumbprint() throws Exception {
    ok(
        "add",
        "c1",
        "--name",
        "C",
        "--source",
        drop.toString(),
        "--tde-cert",
        resource("test-tde.der").toString(),
        "--tde-key",
        Files.writeString(tmp.resolve("k"), "K").toString(),
        "--tde-password-file",
        Files.writeString(tmp.resolve("p"), "P").toString());
    assertThat(ok("show", "c1").out()).contains(THUMBPRINT);
  }

  @Test
  void editChangesOnlyWhatIsGiven() throws Exception {
    ok(
        "add",
        "c1",
        "--name",
        "Old",
        "--source",
        drop.toString(),
        "--contact",
        "a@b.org",
        "--timezone",
        "UTC",
        "--check",
        "static-ip-sent=2026-11-01");
    Cli.Result edited =
        ok(
            "edit",
            "c1",
            "--name",
            "New",
            "--check",
            "initial-dump=2026-11-20",
            "--uncheck",
            "static-ip-sent",
            "--operator-contact",
            "ops@host.net",
            "--sas-url-file",
            sasFile.toString());
    assertThat(edited.out()).startsWith("changed health center c1");
    String shown = ok("show", "c1").out();
    assertThat(shown)
        .contains("c1  New")
        .contains("time zone:       UTC")
        .contains("source:          azure https://acct.blob.core.windows.net/riverside?")
        .contains("a@b.org (health center), ops@host.net (operator)")
        .contains("[x] 2026-11-20  initial-dump")
        .contains("[ ]             static-ip-sent");
    ok("edit", "c1", "--source", drop.toString(), "--contact", "c@d.org");
    assertThat(ok("show", "c1").out())
        .contains("source:          directory")
        .contains("c@d.org (health center), ops@host.net (operator)")
        .doesNotContain("a@b.org");
  }

  @Test
  void pauseResumeAndRemoveWhichNeedsYes() {
    ok("add", "c1", "--name", "C", "--source", drop.toString());
    assertThat(ok("pause", "c1").out()).isEqualTo("paused health center c1\n");
    assertThat(ok("pause", "c1").out()).contains("was paused already");
    assertThat(ok("show", "c1").out()).contains("status:          paused");
    assertThat(ok("resume", "c1").out()).isEqualTo("resumed health center c1\n");
    assertThat(ok("resume", "c1").out()).contains("was not paused");

    Cli.Result refused = fails(2, ErrorCode.OPTION_INVALID, "remove", "c1");
    assertThat(refused.err())
        .contains("without --yes")
        .contains("hint: run 'cloudsync center remove c1 --yes'");
    ok("show", "c1");
    assertThat(ok("remove", "c1", "--yes").out()).contains("removed health center c1");
    fails(2, ErrorCode.CENTER_NOT_FOUND, "show", "c1");
    fails(2, ErrorCode.CENTER_NOT_FOUND, "remove", "c1", "--yes");
    assertThat(ok("list").out()).startsWith("no health centers");
  }

  @Test
  void badInputIsExplainedWithAHint() throws Exception {
    ok("add", "c1", "--name", "C", "--source", drop.toString());
    assertThat(
            fails(
                    2,
                    ErrorCode.CENTER_EXISTS,
                    "add",
                    "c1",
                    "--name",
                    "C",
                    "--source",
                    drop.toString())
                .err())
        .contains("health center 'c1' exists already")
        .contains("hint: change it with 'cloudsync center edit c1'");

    Path missing = tmp.resolve("no-such-sas.txt");
    assertThat(
            fails(
                    3,
                    ErrorCode.FILE_UNREADABLE,
                    "add",
                    "c2",
                    "--name",
                    "C",
                    "--sas-url-file",
                    missing.toString())
                .err())
        .contains("--sas-url-file '" + missing + "' cannot be read: no such file");
    assertThat(
            fails(
                    2,
                    ErrorCode.OPTION_INVALID,
                    "add",
                    "c2",
                    "--name",
                    "C",
                    "--source",
                    drop.toString(),
                    "--timezone",
                    "Mars/Olympus")
                .err())
        .contains("--timezone 'Mars/Olympus' is not a time zone")
        .contains("hint: use a region id such as America/New_York");
    assertThat(
            fails(
                    2,
                    ErrorCode.OPTION_INVALID,
                    "add",
                    "Bad_Id",
                    "--name",
                    "C",
                    "--source",
                    drop.toString())
                .err())
        .contains("health center id 'Bad_Id' is not valid");
    assertThat(
            fails(
                    2,
                    ErrorCode.OPTION_INVALID,
                    "add",
                    "c2",
                    "--name",
                    "C",
                    "--source",
                    drop.toString(),
                    "--contact",
                    "not-an-address")
                .err())
        .contains("health-center contact 'not-an-address' is not an email address");
    assertThat(fails(2, ErrorCode.OPTION_INVALID, "add", "c2", "--name", "C").err())
        .contains("needs exactly one source");
    fails(
        2,
        ErrorCode.OPTION_INVALID,
        "add",
        "c2",
        "--name",
        "C",
        "--source",
        drop.toString(),
        "--sas-url-file",
        sasFile.toString());
    assertThat(
            fails(
                    2,
                    ErrorCode.OPTION_INVALID,
                    "add",
                    "c2",
                    "--name",
                    "C",
                    "--source",
                    drop.toString(),
                    "--tde-cert",
                    resource("test-tde.pem").toString())
                .err())
        .contains("TDE credentials are incomplete: --tde-key, --tde-password-file missing");
    Path notCert = Files.writeString(tmp.resolve("not.pem"), "hello");
    assertThat(
            fails(
                    3,
                    ErrorCode.CERTIFICATE_INVALID,
                    "add",
                    "c2",
                    "--name",
                    "C",
                    "--source",
                    drop.toString(),
                    "--tde-cert",
                    notCert.toString(),
                    "--tde-key",
                    notCert.toString(),
                    "--tde-password-file",
                    notCert.toString())
                .err())
        .contains("--tde-cert '" + notCert + "' is not an X.509 certificate");
    fails(
        2,
        ErrorCode.OPTION_INVALID,
        "add",
        "c2",
        "--name",
        "C",
        "--source",
        drop.toString(),
        "--expected-upload",
        "25:00");
    fails(
        2,
        ErrorCode.OPTION_INVALID,
        "add",
        "c2",
        "--name",
        "C",
        "--source",
        drop.toString(),
        "--public-ip",
        "example.org");
    fails(2, ErrorCode.OPTION_INVALID, "edit", "c1", "--check", "coffee");
    fails(2, ErrorCode.OPTION_INVALID, "edit", "c1", "--check", "sas-url=yesterday");
    fails(
        3,
        ErrorCode.FILE_UNREADABLE,
        "add",
        "c2",
        "--name",
        "C",
        "--source",
        tmp.resolve("nope").toString());
    Path notSas = Files.writeString(tmp.resolve("notsas"), "https://acct.blob.core.windows.net/c");
    fails(
        5, ErrorCode.SAS_INVALID, "add", "c2", "--name", "C", "--sas-url-file", notSas.toString());
    assertThat(ok("list").out().lines().count()).as("nothing half-added").isEqualTo(2);
  }

  @Test
  void withoutASubcommandItIsAUsageError() {
    Cli.Result r = cli.center();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("a subcommand is required: add, list, show");
  }

  @Test
  void beforeInitTheCommandSaysToRunInit() {
    cli = new Cli(tmp.resolve("elsewhere"));
    assertThat(fails(2, ErrorCode.HOME_NOT_INITIALISED, "list").err())
        .contains("hint: run 'cloudsync init' first");
  }

  @Test
  void theSasUrlCheckSeesTheUrlAndIpAndCanRefuse() {
    List<String> seen = new ArrayList<>();
    cli.sasCheck =
        (url, ip) -> {
          seen.add(url.reveal() + " " + ip);
          if (ip == null) {
            throw new CloudsyncException(
                ErrorCode.SAS_IP_NOT_ALLOWED, "no public ip to compare with", "give --public-ip");
          }
          return List.of("expires in 36 days");
        };
    Cli.Result refused =
        fails(
            5,
            ErrorCode.SAS_IP_NOT_ALLOWED,
            "add",
            "c1",
            "--name",
            "C",
            "--sas-url-file",
            sasFile.toString());
    assertThat(refused.err()).contains("hint: give --public-ip");
    assertThat(ok("list").out()).startsWith("no health centers");
    Cli.Result added =
        ok(
            "add",
            "c1",
            "--name",
            "C",
            "--sas-url-file",
            sasFile.toString(),
            "--public-ip",
            "203.0.113.7");
    assertThat(added.out()).contains("note: expires in 36 days");
    ok("edit", "c1", "--public-ip", "203.0.113.8");
    assertThat(seen).containsExactly(SAS + " null", SAS + " 203.0.113.7", SAS + " 203.0.113.8");
  }

  @Test
  void aWrongMasterKeyIsAClearErrorWhenASecretIsNeeded() {
    ok("add", "c1", "--name", "C", "--sas-url-file", sasFile.toString());
    cli.env.put(MasterKey.ENV_KEY, Base64.getEncoder().encodeToString(new byte[32]));
    assertThat(ok("show", "c1").out()).contains("sig=***");
    Cli.Result r =
        fails(3, ErrorCode.SECRET_UNREADABLE, "edit", "c1", "--public-ip", "203.0.113.9");
    assertThat(r.err())
        .contains(
            "secret 'center:c1:sas_url' cannot be decrypted: it was encrypted under master key")
        .contains("hint: set CLOUDSYNC_MASTER_KEY_FILE or restore master.key");
  }
}
