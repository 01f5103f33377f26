package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.PlanRequest;
import org.cloudsync.format.plan.Planner;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.restore.ApplyOptions;
import org.junit.jupiter.api.Test;

/**
 * The statements for RestoreTimeClean as read from the real files by the offline reader (whose file
 * list gives the logical names for MOVE), planned by the planner, staged under a local directory
 * that a Windows server sees through a share.
 */
class CorpusFileStatementsTest {
  @Test
  void restoreTimeCleanFromTheRealFilesWithMoveAndAShare() throws Exception {
    Path backups = Corpus.backups();
    List<BackupFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(backups.resolve("RestoreTimeClean"))) {
      for (Path p : paths.sorted().toList()) {
        String rel = backups.relativize(p).toString().replace('\\', '/');
        ReadResult r = BackupReader.read(p, rel);
        for (BackupHeader h : ((ReadResult.Headers) r).sets()) {
          files.add(new BackupFile(rel, h));
        }
      }
    }
    RestorePlan plan = Planner.plan(files, PlanRequest.all());
    assertThat(plan.problems()).isEmpty();
    PathMap share = PathMap.parse(List.of(backups + "=\\\\files\\corpus"));
    RestoreTarget target =
        RestoreTarget.of("RTC").withDirectories("D:\\Data", "L:\\Logs").withStandby("D:\\Standby");
    List<String> sql = new ArrayList<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      sql.add(
          RestoreStatements.forStep(
              plan.steps().get(i),
              target,
              f -> share.toServer(backups.resolve(f.path())),
              ApplyOptions.forNight(i, plan.steps().size(), false)));
    }
    assertThat(sql)
        .containsExactly(
            "RESTORE DATABASE [RTC] FROM DISK = N'\\\\files\\corpus\\RestoreTimeClean\\"
                + "RestoreTimeClean.bak' WITH MOVE N'RestoreTimeClean' TO"
                + " N'D:\\Data\\RTC_RestoreTimeClean.mdf', MOVE N'RestoreTimeClean_log' TO"
                + " N'L:\\Logs\\RTC_RestoreTimeClean_log.ldf', NORECOVERY, STATS = 10",
            "RESTORE DATABASE [RTC] FROM DISK = N'\\\\files\\corpus\\RestoreTimeClean\\"
                + "RestoreTimeClean2.bak' WITH MOVE N'RestoreTimeClean' TO"
                + " N'D:\\Data\\RTC_RestoreTimeClean.mdf', MOVE N'RestoreTimeClean_log' TO"
                + " N'L:\\Logs\\RTC_RestoreTimeClean_log.ldf', NORECOVERY, STATS = 10",
            "RESTORE LOG [RTC] FROM DISK ="
                + " N'\\\\files\\corpus\\RestoreTimeClean\\RestoreTimeClean2_1.trn' WITH NORECOVERY",
            "RESTORE LOG [RTC] FROM DISK ="
                + " N'\\\\files\\corpus\\RestoreTimeClean\\RestoreTimeClean2_2.trn' WITH NORECOVERY",
            "RESTORE LOG [RTC] FROM DISK ="
                + " N'\\\\files\\corpus\\RestoreTimeClean\\RestoreTimeClean2_3.trn' WITH NORECOVERY");
  }
}
