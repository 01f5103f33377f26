package org.cloudsync.format.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.format.plan.PlanChecks.codes;
import static org.cloudsync.format.plan.PlanChecks.plan;
import static org.cloudsync.format.plan.PlanChecks.skipReason;
import static org.cloudsync.format.plan.PlanChecks.steps;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans of the real backup sets, from the corpus's expected headers ({@code headers.tsv}), so they
 * do not depend on the binary reader.
 */
class CorpusPlansTest {
  private static List<BackupFile> corpus;

  @BeforeAll
  static void readHeaders() throws IOException {
    corpus = HeadersTsv.read(Corpus.backups().resolve("headers.tsv"));
  }

  private static List<BackupFile> under(String folder) {
    return select(f -> f.path().startsWith(folder + "/"));
  }

  private static List<BackupFile> select(Predicate<BackupFile> which) {
    List<BackupFile> files = corpus.stream().filter(which).toList();
    assertThat(files).as("corpus rows selected").isNotEmpty();
    return files;
  }

  @Test
  void restoreTimeCleanIsFullDiffAndTheThreeLogsAfterIt() {
    RestorePlan plan = plan(under("RestoreTimeClean"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.database()).isEqualTo("RestoreTimeClean");
    assertThat(steps(plan))
        .containsExactly(
            List.of("RestoreTimeClean/RestoreTimeClean.bak"),
            List.of("RestoreTimeClean/RestoreTimeClean2.bak"),
            List.of("RestoreTimeClean/RestoreTimeClean2_1.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean2_2.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean2_3.trn"));
    // _3 starts in the same second as the diff: only its LSNs say it ends before the diff.
    assertThat(skipReason(plan, "RestoreTimeClean/RestoreTimeClean_3.trn"))
        .contains("at or before lsn 25000000019000001");
  }

  @Test
  void restoreTimeCleanWithoutDiffsIsFullAndSixLogs() {
    RestorePlan plan =
        plan(under("RestoreTimeClean"), new PlanRequest(null, null, true, false, null));

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of("RestoreTimeClean/RestoreTimeClean.bak"),
            List.of("RestoreTimeClean/RestoreTimeClean_1.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean_2.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean_3.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean2_1.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean2_2.trn"),
            List.of("RestoreTimeClean/RestoreTimeClean2_3.trn"));
  }

  @Test
  void logThatBeginsBeforeTheFullAndSpansItFollowsTheFull() {
    RestorePlan plan = plan(under("restoretimeclean2016"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of("restoretimeclean2016/RestoreTimeClean.bak"),
            List.of("restoretimeclean2016/RestoreTimeClean_1.trn"));
  }

  @Test
  void stopAtHasNoGapThoughItsLogNumberTwentyTwoIsAbsent() {
    RestorePlan plan = plan(under("sql2008-backups/StopAt"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of("sql2008-backups/StopAt/StopAt.bak"),
            List.of("sql2008-backups/StopAt/StopAt_1.trn"),
            List.of("sql2008-backups/StopAt/StopAt_2.trn"),
            List.of("sql2008-backups/StopAt/StopAt_21.trn"),
            List.of("sql2008-backups/StopAt/StopAt_23.trn"));
  }

  @Test
  void simpleRecoveryIsFullAndTheLatestDiff() {
    RestorePlan plan = plan(under("sql2008-backups/SimpleRecovery"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of("sql2008-backups/SimpleRecovery/SimpleBacktest.bak"),
            List.of("sql2008-backups/SimpleRecovery/SimpleBackTest_2.bak"));
    assertThat(skipReason(plan, "sql2008-backups/SimpleRecovery/SimpleBackTest_1.bak"))
        .contains("older differential");
  }

  @Test
  void stripesArePairedByGuidNotByName() {
    RestorePlan plan = plan(under("sql2008-backups/RestoreTimeStripe"), PlanRequest.all());
    String s1 = "sql2008-backups/RestoreTimeStripe/Stripe1/";
    String s2 = "sql2008-backups/RestoreTimeStripe/Stripe2/";

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of(s1 + "RestoreTimeStripe2.bak", s2 + "RestoreTimeStripe2a.bak"),
            List.of(s1 + "restoretime_21.trn", s2 + "restoretime_21a.trn"),
            List.of(s1 + "RestoreTimeStripe_22.trn", s2 + "RestoreTimeStripe_22a.trn"),
            List.of(s1 + "RestoreTimeStripe_23.trn", s2 + "RestoreTimeStripe_23a.trn"));
    // Stripe2/RestoreTimeStripe1.bak is family 2 of the first full, whatever its name says.
    assertThat(skipReason(plan, s2 + "RestoreTimeStripe1.bak")).contains("older full");
    assertThat(skipReason(plan, s1 + "RestoreTimeStripe.bak")).contains("older full");
  }

  @Test
  void aStripeMissingFromTheNewestFullIsReportedAndThePlanFallsBack() {
    String s1 = "sql2008-backups/RestoreTimeStripe/Stripe1/";
    String removed = "sql2008-backups/RestoreTimeStripe/Stripe2/RestoreTimeStripe2a.bak";
    RestorePlan plan =
        plan(
            select(
                f ->
                    f.path().startsWith("sql2008-backups/RestoreTimeStripe/")
                        && !f.path().equals(removed)),
            PlanRequest.all());

    assertThat(codes(plan)).containsExactly(ErrorCode.MISSING_STRIPE);
    ChainProblem problem = plan.problems().get(0);
    assertThat(problem.message())
        .contains("298dc73c-ef86-4ef3-a85d-5598f680c0b7")
        .contains("family 2 of 2")
        .contains("RestoreTimeStripe2.bak");
    assertThat(problem.files()).containsExactly(s1 + "RestoreTimeStripe2.bak");
    assertThat(skipReason(plan, s1 + "RestoreTimeStripe2.bak")).contains("family 2 of 2 absent");
    // The older full is complete and the logs bridge the newer one: the plan still goes to the end.
    assertThat(plan.steps()).hasSize(7);
    assertThat(plan.steps().get(0).paths())
        .containsExactly(
            s1 + "RestoreTimeStripe.bak",
            "sql2008-backups/RestoreTimeStripe/Stripe2/RestoreTimeStripe1.bak");
    assertThat(plan.steps().get(6).lastLsn()).isEqualTo(Lsn.parse("20000000024300001"));
  }

  @Test
  void aLogStripeMissingStopsTheChainThere() {
    String removed = "sql2008-backups/RestoreTimeStripe/Stripe2/RestoreTimeStripe_22a.trn";
    RestorePlan plan =
        plan(
            select(
                f ->
                    f.path().startsWith("sql2008-backups/RestoreTimeStripe/")
                        && !f.path().equals(removed)),
            PlanRequest.all());

    assertThat(codes(plan)).containsExactly(ErrorCode.MISSING_STRIPE);
    assertThat(plan.problems().get(0).message()).contains("family 2 of 2");
    assertThat(plan.steps()).hasSize(2);
  }

  @Test
  void doubleDiffingTakesTheSecondDiffByLsn() {
    RestorePlan plan = plan(under("DoubleDiffing"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of("DoubleDiffing/difftest-full.bak"),
            List.of("DoubleDiffing/difftest-diff2.bak"));
  }

  @Test
  void ft1SkipsTheLogEndingAtTheLastDiffAndTheEmptyLog() {
    RestorePlan plan = plan(under("sql2008-backups/ft1"), PlanRequest.all());
    String ft1 = "sql2008-backups/ft1/";

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan))
        .containsExactly(
            List.of(ft1 + "FULL/SQL2008_ft1_FULL_20170518_041742.bak"),
            List.of(ft1 + "DIFF/SQL2008_ft1_DIFF_20170518_041826.bak"));
    assertThat(skipReason(plan, ft1 + "LOG/SQL2008_ft1_LOG_20170518_041831.trn"))
        .contains("ends at lsn 25000000015600001, at or before lsn 25000000015600001");
    assertThat(skipReason(plan, ft1 + "LOG/SQL2008_ft1_LOG_20170518_041837.trn"))
        .contains("empty log");
  }

  @Test
  void passwordProtectedFullAloneIsAFullOnly() {
    RestorePlan plan = plan(under("backuppassword"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan)).containsExactly(List.of("backuppassword/passwd.bak"));
  }

  @Test
  void twoFullsInOneFileTakeTheNewestPosition() {
    RestorePlan plan = plan(under("compressed"), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.steps().get(0).position()).isEqualTo(2);
    assertThat(plan.steps().get(0).paths()).containsExactly("compressed/SharePoint_Config.bak");
    assertThat(skipReason(plan, "compressed/SharePoint_Config.bak"))
        .startsWith("backup set at position 1: an older full");
  }

  @Test
  void noExtensionIsAFullOnly() {
    RestorePlan plan = plan(select(f -> f.path().endsWith("Noextension.bak")), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(steps(plan)).containsExactly(List.of("sql2008-backups/Noextension.bak"));
  }

  @Test
  void theWholeCorpusHoldsSeveralDatabases() {
    RestorePlan plan = plan(corpus, PlanRequest.all());

    assertThat(codes(plan)).containsExactly(ErrorCode.MULTIPLE_DATABASES);
    assertThat(plan.database()).isNull();
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.problems().get(0).message()).contains("'ft1'").contains("'StopAt'");
  }

  @Test
  void oneDatabaseChosenFromTheWholeCorpusReportsTheOthers() {
    RestorePlan plan = plan(corpus, PlanRequest.all().withDatabase("stopat"));

    assertThat(plan.database()).isEqualTo("StopAt");
    assertThat(plan.steps()).hasSize(5);
    assertThat(codes(plan)).containsOnly(ErrorCode.OTHER_DATABASE);
    assertThat(plan.problems())
        .anySatisfy(
            p ->
                assertThat(p.files())
                    .containsExactly(
                        "sql2008-backups/ft1/DIFF/SQL2008_ft1_DIFF_20170518_041819.bak",
                        "sql2008-backups/ft1/DIFF/SQL2008_ft1_DIFF_20170518_041826.bak",
                        "sql2008-backups/ft1/FULL/SQL2008_ft1_FULL_20170518_041742.bak",
                        "sql2008-backups/ft1/LOG/SQL2008_ft1_LOG_20170518_041831.trn",
                        "sql2008-backups/ft1/LOG/SQL2008_ft1_LOG_20170518_041837.trn"));
  }
}
