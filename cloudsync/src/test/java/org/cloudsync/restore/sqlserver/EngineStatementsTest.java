package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.CorpusHeaders;
import org.junit.jupiter.api.Test;

/**
 * The exact statements the SQL Server engine runs for every plan shape, on the corpus's own
 * headers: the night's options ({@code NORECOVERY}, {@code STANDBY} on the last), {@code REPLACE},
 * {@code RESTART}, {@code RECOVERY}, path mapping and hostile names.
 */
class EngineStatementsTest {
  private static final Function<BackupFile, String> CONTAINER =
      f ->
          PathMap.parse(List.of("/srv/staging=/var/opt/mssql/staging"))
              .toServer(Path.of("/srv/staging", f.path()));

  private final CorpusHeaders corpus = CorpusHeaders.load();

  private static String run(RestoreStep step, RestoreTarget target, ApplyOptions o) {
    return RestoreStatements.forStep(step, target, CONTAINER, o);
  }

  @Test
  void restoreTimeCleanNightNoRecoveryThenStandbyOnTheLast() {
    RestoreTarget t =
        RestoreTarget.of("RestoreTimeClean")
            .withDirectories("/var/opt/mssql/data", "/var/opt/mssql/log")
            .withStandby("/var/opt/mssql/standby");
    List<String> files =
        List.of(
            "RestoreTimeClean/RestoreTimeClean.bak",
            "RestoreTimeClean/RestoreTimeClean2.bak",
            "RestoreTimeClean/RestoreTimeClean2_1.trn",
            "RestoreTimeClean/RestoreTimeClean2_2.trn",
            "RestoreTimeClean/RestoreTimeClean2_3.trn");
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < files.size(); i++) {
      all.append(run(corpus.step(files.get(i)), t, ApplyOptions.forNight(i, files.size(), true)))
          .append('\n');
    }
    // Offline headers.tsv has no file list: no MOVE appears for corpus steps.
    assertThat(all.toString())
        .isEqualTo(
            "RESTORE DATABASE [RestoreTimeClean] FROM DISK ="
                + " N'/var/opt/mssql/staging/RestoreTimeClean/RestoreTimeClean.bak' WITH"
                + " NORECOVERY, STATS = 10\n"
                + "RESTORE DATABASE [RestoreTimeClean] FROM DISK ="
                + " N'/var/opt/mssql/staging/RestoreTimeClean/RestoreTimeClean2.bak' WITH"
                + " NORECOVERY, STATS = 10\n"
                + "RESTORE LOG [RestoreTimeClean] FROM DISK ="
                + " N'/var/opt/mssql/staging/RestoreTimeClean/RestoreTimeClean2_1.trn' WITH"
                + " NORECOVERY\n"
                + "RESTORE LOG [RestoreTimeClean] FROM DISK ="
                + " N'/var/opt/mssql/staging/RestoreTimeClean/RestoreTimeClean2_2.trn' WITH"
                + " NORECOVERY\n"
                + "RESTORE LOG [RestoreTimeClean] FROM DISK ="
                + " N'/var/opt/mssql/staging/RestoreTimeClean/RestoreTimeClean2_3.trn' WITH"
                + " STANDBY = N'/var/opt/mssql/standby/RestoreTimeClean_undo.ldf'\n");
  }

  @Test
  void norecoveryThroughoutNeverSaysStandby() {
    RestoreTarget t = RestoreTarget.of("RestoreTimeClean").withStandby("/var/opt/mssql/standby");
    for (int i = 0; i < 3; i++) {
      String log = "RestoreTimeClean/RestoreTimeClean_" + (i + 1) + ".trn";
      assertThat(run(corpus.step(log), t, ApplyOptions.forNight(i, 3, false)))
          .isEqualTo(
              "RESTORE LOG [RestoreTimeClean] FROM DISK = N'/var/opt/mssql/staging/"
                  + log
                  + "' WITH NORECOVERY");
    }
  }

  @Test
  void stripedFullNamesBothFamiliesInFamilyOrder() {
    String s1 = "sql2008-backups/RestoreTimeStripe/Stripe1/RestoreTimeStripe.bak";
    String s2 = "sql2008-backups/RestoreTimeStripe/Stripe2/RestoreTimeStripe1.bak";
    assertThat(run(corpus.step(s1, s2), RestoreTarget.of("stripetest"), ApplyOptions.norecovery()))
        .isEqualTo(
            "RESTORE DATABASE [stripetest] FROM DISK = N'/var/opt/mssql/staging/"
                + s1
                + "', DISK = N'/var/opt/mssql/staging/"
                + s2
                + "' WITH NORECOVERY, STATS = 10");
  }

  @Test
  void positionTwoIsFileTwo() {
    RestoreStep p2 = new RestoreStep(List.of(corpus.file("compressed/SharePoint_Config.bak", 2)));
    assertThat(run(p2, RestoreTarget.of("SharePoint_Config"), ApplyOptions.norecovery()))
        .isEqualTo(
            "RESTORE DATABASE [SharePoint_Config] FROM DISK ="
                + " N'/var/opt/mssql/staging/compressed/SharePoint_Config.bak' WITH FILE = 2,"
                + " NORECOVERY, STATS = 10");
  }

  @Test
  void inPlaceRebaselineIsReplaceWithMoveToWindowsDirectories() {
    RestoreStep full =
        org.cloudsync.restore.SyntheticSteps.full("Sales", java.util.UUID.randomUUID(), 1, 2);
    assertThat(
            RestoreStatements.forStep(
                full,
                RestoreTarget.of("Sales").withDirectories("D:\\Data", "L:\\Logs\\"),
                f -> "\\\\files\\staging\\" + f.path(),
                ApplyOptions.norecovery().withReplace()))
        .isEqualTo(
            "RESTORE DATABASE [Sales] FROM DISK = N'\\\\files\\staging\\Sales_full.bak' WITH"
                + " MOVE N'Sales' TO N'D:\\Data\\Sales_Sales.mdf', MOVE N'Sales_log' TO"
                + " N'L:\\Logs\\Sales_Sales_log.ldf', REPLACE, NORECOVERY, STATS = 10");
  }

  @Test
  void sideBySideCopyGetsItsOwnPhysicalFiles() {
    RestoreStep full =
        org.cloudsync.restore.SyntheticSteps.full("Sales", java.util.UUID.randomUUID(), 1, 2);
    String sql =
        RestoreStatements.forStep(
            full,
            RestoreTarget.of(Rebaseline.temporaryName("Sales")).withDirectories("/data", "/log"),
            BackupFile::path,
            ApplyOptions.norecovery());
    assertThat(sql)
        .isEqualTo(
            "RESTORE DATABASE [Sales_cloudsync_new] FROM DISK = N'Sales_full.bak' WITH MOVE"
                + " N'Sales' TO N'/data/Sales_cloudsync_new_Sales.mdf', MOVE N'Sales_log' TO"
                + " N'/log/Sales_cloudsync_new_Sales_log.ldf', NORECOVERY, STATS = 10");
  }

  @Test
  void restartAndRecoveryOptions() {
    RestoreStep full = corpus.step("RestoreTimeClean/RestoreTimeClean.bak");
    assertThat(run(full, RestoreTarget.of("copy"), ApplyOptions.recovery().withRestart()))
        .endsWith("WITH RESTART, RECOVERY, STATS = 10");
    RestoreStep log = corpus.step("RestoreTimeClean/RestoreTimeClean_1.trn");
    assertThat(run(log, RestoreTarget.of("copy"), ApplyOptions.recovery().withRestart()))
        .endsWith("' WITH RECOVERY");
    assertThat(RestoreStatements.recover("copy]; DROP DATABASE x; --"))
        .isEqualTo("RESTORE DATABASE [copy]]; DROP DATABASE x; --] WITH RECOVERY");
  }

  @Test
  void hostileNamesStayInsideTheirQuotes() {
    RestoreStep log = corpus.step("RestoreTimeClean/RestoreTimeClean_1.trn");
    String db = "Sales]; DROP DATABASE master; --'Ünïcødé 日本";
    String sql =
        RestoreStatements.forStep(
            log,
            RestoreTarget.of(db).withStandby("D:\\Stand'by; x"),
            f -> "/srv/it's; here]/" + f.path(),
            ApplyOptions.standby());
    assertThat(sql)
        .isEqualTo(
            "RESTORE LOG [Sales]]; DROP DATABASE master; --'Ünïcødé 日本] FROM DISK ="
                + " N'/srv/it''s; here]/RestoreTimeClean/RestoreTimeClean_1.trn' WITH STANDBY ="
                + " N'D:\\Stand''by; x\\Sales___DROP_DATABASE_master__--_Ünïcødé_日本_undo.ldf'");
  }

  @Test
  void impossibleOptionsAreRefused() {
    RestoreStep log = corpus.step("RestoreTimeClean/RestoreTimeClean_1.trn");
    assertThatThrownBy(
            () -> run(log, RestoreTarget.of("x"), ApplyOptions.norecovery().withReplace()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> run(log, RestoreTarget.of("x"), ApplyOptions.standby()))
        .hasMessageContaining("STANDBY needs a standby directory");
  }
}
