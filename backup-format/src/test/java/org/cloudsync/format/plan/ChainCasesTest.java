package org.cloudsync.format.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.format.plan.PlanChecks.codes;
import static org.cloudsync.format.plan.PlanChecks.plan;
import static org.cloudsync.format.plan.PlanChecks.skipReason;
import static org.cloudsync.format.plan.PlanChecks.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dbatools' chain-selection cases (corpus {@code chain-cases/expected.md}): every outcome asserted
 * there without a restore time, reproduced by the planner.
 */
class ChainCasesTest {
  private static final List<BackupType> FULL_DIFF_5_LOGS =
      List.of(
          BackupType.FULL,
          BackupType.DIFFERENTIAL,
          BackupType.LOG,
          BackupType.LOG,
          BackupType.LOG,
          BackupType.LOG,
          BackupType.LOG);

  private static Path file(String name) {
    return Corpus.chainCases().resolve(name);
  }

  private static List<String> names(RestorePlan plan) {
    return plan.steps().stream()
        .map(s -> s.paths().get(0).substring(s.paths().get(0).lastIndexOf('\\') + 1))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"DiffRestore.json", "AgDiffRestore.json", "RestoreCommaIssues.json"})
  void withoutOptionsRestoresFullDiffAndTheFiveLogsAfterIt(String name) throws IOException {
    RestorePlan plan = plan(ChainCaseJson.files(file(name)), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(types(plan)).isEqualTo(FULL_DIFF_5_LOGS);
    assertThat(names(plan))
        .containsExactly(
            "RestoreTimeDiff.bak",
            "RestoreTimeDiff2.bak",
            "RestoreTimeDiff_21.trn",
            "RestoreTimeDiff_22.trn",
            "RestoreTimeDiff_23.trn",
            "RestoreTimeDiff_24.trn",
            "RestoreTimeDiff_25.trn");
  }

  @Test
  void agChainIsNotSplitByServer() throws IOException {
    RestorePlan plan = plan(ChainCaseJson.files(file("AgDiffRestore.json")), PlanRequest.all());

    List<String> servers = plan.steps().stream().map(s -> s.header().serverName()).toList();
    assertThat(servers).filteredOn("Server1"::equals).hasSize(2);
    assertThat(servers).filteredOn("Server2"::equals).hasSize(5);
  }

  @Test
  void commaCaseKeepsTheNameAsSpelledAndMatchesItWithoutTheTrailingSpace() throws IOException {
    List<BackupFile> files = ChainCaseJson.files(file("RestoreCommaIssues.json"));

    assertThat(plan(files, PlanRequest.all()).database()).isEqualTo("Test, command and conquer ");
    RestorePlan named = plan(files, PlanRequest.all().withDatabase("TEST, command and conquer"));
    assertThat(named.steps()).hasSize(7);
    assertThat(named.problems()).isEmpty();
  }

  @Test
  void ignoreDiffsRestoresFullAndAllEightLogs() throws IOException {
    RestorePlan plan =
        plan(
            ChainCaseJson.files(file("DiffRestore.json")),
            new PlanRequest(null, null, true, false, null));

    assertThat(plan.problems()).isEmpty();
    assertThat(types(plan))
        .containsExactly(
            BackupType.FULL,
            BackupType.LOG,
            BackupType.LOG,
            BackupType.LOG,
            BackupType.LOG,
            BackupType.LOG,
            BackupType.LOG,
            BackupType.LOG,
            BackupType.LOG);
    assertThat(names(plan).subList(1, 4))
        .containsExactly("RestoreTimeDiff_1.trn", "RestoreTimeDiff_2.trn", "RestoreTimeDiff_3.trn");
    assertThat(skipReason(plan, "C:\\dbatools\\RestoreTimeDiff\\RestoreTimeDiff2.bak"))
        .contains("ignored by request");
  }

  @Test
  void ignoreLogsRestoresFullAndDiff() throws IOException {
    RestorePlan plan =
        plan(
            ChainCaseJson.files(file("DiffRestore.json")),
            new PlanRequest(null, null, false, true, null));

    assertThat(plan.problems()).isEmpty();
    assertThat(types(plan)).containsExactly(BackupType.FULL, BackupType.DIFFERENTIAL);
  }

  @Test
  void withoutTheDiffRestoresFullAndAllEightLogs() throws IOException {
    List<ObjectNode> records = ChainCaseJson.records(file("DiffRestore.json"));
    records.removeIf(r -> r.get("Type").asText().equals("Database Differential"));

    RestorePlan plan = plan(ChainCaseJson.toFiles(records), PlanRequest.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.steps()).hasSize(9);
    assertThat(types(plan))
        .containsOnlyOnce(BackupType.FULL)
        .doesNotContain(BackupType.DIFFERENTIAL);
  }

  /** Test-DbaLsnChain: the 7 selected files form a chain on their own. */
  @Test
  void theSevenSelectedFilesFormAChain() throws IOException {
    List<BackupFile> all = ChainCaseJson.files(file("DiffRestore.json"));
    List<BackupFile> selected = new ArrayList<>();
    Planner.plan(all, PlanRequest.all()).steps().forEach(s -> selected.addAll(s.files()));

    RestorePlan again = plan(selected, PlanRequest.all());

    assertThat(again.isComplete()).isTrue();
    assertThat(again.steps()).hasSize(7);
    assertThat(again.skipped()).isEmpty();
  }

  /** Test-DbaLsnChain: element [4] (_23.trn) set to FirstLsn=2, LastLsn=1 breaks the chain. */
  @Test
  void aLogWithAnImpossibleRangeBreaksTheChain() throws IOException {
    List<ObjectNode> records = ChainCaseJson.records(file("DiffRestore.json"));
    for (ObjectNode r : records) {
      if (r.get("BackupPath").asText().endsWith("RestoreTimeDiff_23.trn")) {
        r.put("FirstLSN", BigInteger.TWO);
        r.put("LastLSN", BigInteger.ONE);
      }
    }

    RestorePlan plan = plan(ChainCaseJson.toFiles(records), PlanRequest.all());

    assertThat(plan.isComplete()).isFalse();
    assertThat(codes(plan)).containsExactly(ErrorCode.LSN_GAP);
    ChainProblem gap = plan.problems().get(0);
    assertThat(gap.fromLsn()).isEqualTo(Lsn.parse("34000000024800001"));
    assertThat(gap.toLsn()).isEqualTo(Lsn.parse("34000000026400001"));
    assertThat(plan.steps()).hasSize(4);
    assertThat(skipReason(plan, "C:\\dbatools\\RestoreTimeDiff\\RestoreTimeDiff_23.trn"))
        .contains("impossible lsn range");
  }

  /**
   * Regression #9855: every log after the full gets DatabaseBackupLSN = 99999999999999999. That
   * number is no storable LSN (its block part exceeds 32 bits), so the loader reports the field as
   * unknown; a representable value that matches no full is tried too. Logs chain by LSN continuity
   * alone, so neither matters.
   */
  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999", "4294967295429496729565535"})
  void unrelatedDatabaseBackupLsnOnLogsStillPlans(String databaseBackupLsn) throws IOException {
    List<ObjectNode> records = ChainCaseJson.records(file("DiffRestore.json"));
    BigInteger fullFirst = new BigInteger("34000000006900179");
    for (ObjectNode r : records) {
      if (r.get("FirstLSN").bigIntegerValue().compareTo(fullFirst) > 0
          && r.get("Type").asText().equals("Transaction Log")) {
        r.put("DatabaseBackupLSN", new BigInteger(databaseBackupLsn));
      }
    }

    RestorePlan plan = plan(ChainCaseJson.toFiles(records), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(types(plan)).isEqualTo(FULL_DIFF_5_LOGS);
    BackupHeader lastLog = plan.steps().get(6).header();
    assertThat(lastLog.databaseBackupLsn() == null)
        .isEqualTo(databaseBackupLsn.equals("99999999999999999"));
  }

  /** The full record duplicated with the same BackupSetGUID: read as a set of two stripes. */
  @Test
  void duplicatedFullRecordPlansAsOneStripedStep() throws IOException {
    List<ObjectNode> records = ChainCaseJson.records(file("DiffRestore.json"));
    records.add(records.get(0).deepCopy());

    RestorePlan plan = plan(ChainCaseJson.toFiles(records), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps()).hasSize(7);
    assertThat(plan.steps().get(0).paths()).hasSize(2);
  }

  /** The same file delivered twice (same set, same family) collapses to one. */
  @Test
  void sameFullDeliveredTwiceCollapses() throws IOException {
    List<BackupFile> files = new ArrayList<>(ChainCaseJson.files(file("DiffRestore.json")));
    BackupFile full = files.get(0);
    files.add(new BackupFile("copy-of-full.bak", full.header()));

    RestorePlan plan = plan(files, PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(plan.steps().get(0).paths()).containsExactly(full.path());
    assertThat(skipReason(plan, "copy-of-full.bak")).contains("duplicate delivery");
  }

  @Test
  void brokenChainWithoutRestoreTimeRestoresFullAndTwoLogsAndSkipsTheEmptyOne() throws IOException {
    RestorePlan plan = plan(ChainCaseJson.files(file("broken_chain.json")), PlanRequest.all());

    assertThat(plan.isComplete()).isTrue();
    assertThat(PlanChecks.steps(plan))
        .containsExactly(List.of("record-0"), List.of("record-1"), List.of("record-2"));
    assertThat(skipReason(plan, "record-3")).contains("empty log");
    assertThat(plan.steps().get(1).firstLsn().toDecimalString())
        .isEqualTo("17126658000000313600037");
  }
}
