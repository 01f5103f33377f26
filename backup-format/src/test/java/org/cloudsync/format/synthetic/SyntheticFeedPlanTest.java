package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.format.synthetic.SyntheticFeed.Manifest;
import org.cloudsync.format.synthetic.SyntheticFeed.ProblemKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated feed, read back offline and planned: the planner finds what the manifest says. */
class SyntheticFeedPlanTest {
  @TempDir Path dir;

  static SyntheticFeed.Builder feed() {
    return SyntheticFeed.builder("ClinicC", SyntheticFeedTest.FULL, SyntheticFeedTest.ZONE, 11)
        .logInterval(Duration.ofHours(1));
  }

  /** Every delivered file read offline, as the planner's input. */
  List<BackupFile> readAll(Manifest m) throws Exception {
    Map<String, byte[]> entries = SyntheticFeedTest.entries(dir);
    List<BackupFile> out = new ArrayList<>();
    for (SyntheticFeed.GeneratedFile f : m.files()) {
      ReadResult r =
          f.path().contains("!")
              ? BackupReader.read(new ByteArrayInputStream(entries.get(f.path())), f.path())
              : BackupReader.read(dir.resolve(f.path()), f.path());
      for (BackupHeader h : ((ReadResult.Headers) r).sets()) {
        out.add(new BackupFile(f.path(), h));
      }
    }
    return out;
  }

  static RestorePlan plan(List<BackupFile> files) {
    return Planner.plan(files, PlanRequest.all().withDatabase("ClinicC"));
  }

  @Test
  void aCleanStripedFeedPlansTheFullThenEveryLog() throws Exception {
    Manifest m = feed().days(2).fullStripes(2).zipFull(true).build().writeTo(dir);
    RestorePlan plan = plan(readAll(m));
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.steps().get(0).type()).isEqualTo(BackupType.FULL);
    assertThat(plan.steps().get(0).paths()).hasSize(2);
    List<RestoreStep> logs = plan.steps().subList(1, plan.steps().size());
    assertThat(logs).hasSize(48).allSatisfy(s -> assertThat(s.type()).isEqualTo(BackupType.LOG));
    assertThat(logs.get(logs.size() - 1).lastLsn()).isEqualTo(m.chainEnd());
  }

  @Test
  void theMissingLogIsTheGapThePlannerReports() throws Exception {
    Manifest m = feed().days(2).missingLog(2, 7).build().writeTo(dir);
    RestorePlan plan = plan(readAll(m));
    SyntheticFeed.Problem missing = m.problems().get(0);
    assertThat(missing.kind()).isEqualTo(ProblemKind.MISSING_LOG);
    assertThat(plan.problems()).extracting(ChainProblem::code).containsExactly(ErrorCode.LSN_GAP);
    ChainProblem gap = plan.problems().get(0);
    assertThat(gap.fromLsn()).isEqualTo(missing.from());
    assertThat(gap.toLsn()).isEqualTo(missing.to());
    assertThat(gap.files()).containsAll(missing.paths());
  }

  @Test
  void theForeignLogIsTheOtherDatabaseTheManifestNamesAndTheDuplicateIsSkipped() throws Exception {
    Manifest m = feed().days(2).duplicateLastLog(1).otherDatabaseLog(2).build().writeTo(dir);
    RestorePlan plan = plan(readAll(m));
    SyntheticFeed.Problem foreign =
        m.problems().stream()
            .filter(p -> p.kind() == ProblemKind.OTHER_DATABASE)
            .findFirst()
            .orElseThrow();
    SyntheticFeed.Problem duplicate =
        m.problems().stream()
            .filter(p -> p.kind() == ProblemKind.DUPLICATE_LOG)
            .findFirst()
            .orElseThrow();
    assertThat(plan.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.OTHER_DATABASE);
              assertThat(p.files()).containsExactlyElementsOf(foreign.paths());
            });
    assertThat(plan.steps()).hasSize(1 + 48);
    String entry = duplicate.paths().get(0).substring(duplicate.paths().get(0).indexOf('!'));
    assertThat(plan.skipped())
        .extracting(RestorePlan.Skipped::path)
        .anyMatch(p -> p.endsWith(entry));
    assertThat(plan.steps().get(48).lastLsn()).isEqualTo(m.chainEnd());
  }

  @Test
  void aNewFullMidFeedBecomesTheStartOfThePlan() throws Exception {
    Manifest m = feed().days(2).newFull(2, 5).build().writeTo(dir);
    RestorePlan plan = plan(readAll(m));
    String newFull = m.problems().get(0).paths().get(0);
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.steps().get(0).paths()).containsExactly(newFull);
    assertThat(plan.steps().get(plan.steps().size() - 1).lastLsn()).isEqualTo(m.chainEnd());
  }
}
