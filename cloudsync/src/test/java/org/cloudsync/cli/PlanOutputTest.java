package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.junit.jupiter.api.Test;

/** The text and JSON forms of a plan, from a plan built in code (no reader, no planner). */
class PlanOutputTest {
  private static final UUID SET = UUID.fromString("5AF3E50D-A4E0-4E9B-8AEF-FE52898C6359");

  private static BackupFile file(String path, BackupType type, Lsn first, Lsn last, int pos) {
    return new BackupFile(
        path,
        BackupHeader.builder()
            .backupType(type)
            .databaseName("db")
            .firstLsn(first)
            .lastLsn(last)
            .position(pos)
            .backupStartDate(LocalDateTime.of(2026, 11, 2, 3, 4, 0))
            .backupSetGuid(SET)
            .build());
  }

  private static final RestorePlan PLAN =
      new RestorePlan(
          "db",
          List.of(
              new RestoreStep(
                  List.of(
                      file("s1/full.bak", BackupType.FULL, new Lsn(1, 2, 3), new Lsn(1, 9, 1), 1),
                      file("s2/full.bak", BackupType.FULL, new Lsn(1, 2, 3), new Lsn(1, 9, 1), 1))),
              new RestoreStep(
                  List.of(
                      file(
                          "logs.trn",
                          BackupType.LOG,
                          new Lsn(1, 9, 1),
                          new Lsn(12881, 400, 1),
                          2)))),
          List.of(
              new ChainProblem(
                  ErrorCode.LSN_GAP,
                  "no log covers 12881000000040000001 to 12881000000050000001",
                  List.of("logs.trn", "next.trn"),
                  new Lsn(12881, 400, 1),
                  new Lsn(12881, 500, 1))),
          List.of(new RestorePlan.Skipped("empty.trn", "empty log (first lsn = last lsn)")));

  @Test
  void textNumbersStepsThenSkippedThenProblems() {
    StringWriter sw = new StringWriter();
    PlanText.print(new PrintWriter(sw), PLAN);
    assertThat(sw.toString())
        .isEqualTo(
            "plan for database db: 2 steps\n"
                + "  #  type  first_lsn         last_lsn              start                files\n"
                + "  1  full  1000000000200003  1000000000900001      2026-11-02 03:04:00"
                + "  s1/full.bak, s2/full.bak\n"
                + "  2  log   1000000000900001  12881000000040000001  2026-11-02 03:04:00"
                + "  logs.trn (position 2)\n"
                + "skipped (1):\n"
                + "  empty.trn: empty log (first lsn = last lsn)\n"
                + "problems (1): the chain is incomplete\n"
                + "  LSN_GAP: no log covers 12881000000040000001 to 12881000000050000001\n"
                + "    files: logs.trn, next.trn\n"
                + "    lsn: 12881000000040000001 to 12881000000050000001\n");
  }

  @Test
  void jsonHasTheContractKeysAndLsnStrings() {
    StringWriter sw = new StringWriter();
    PlanJson.print(new PrintWriter(sw), PLAN);
    String compact = sw.toString().replaceAll("\\s+", "");
    assertThat(compact)
        .isEqualTo(
            "{\"database\":\"db\",\"steps\":["
                + "{\"type\":\"full\",\"files\":[\"s1/full.bak\",\"s2/full.bak\"],"
                + "\"first_lsn\":\"1000000000200003\",\"last_lsn\":\"1000000000900001\","
                + "\"position\":1,\"backup_start_date\":\"2026-11-02T03:04:00\","
                + "\"backup_set_guid\":\"5af3e50d-a4e0-4e9b-8aef-fe52898c6359\"},"
                + "{\"type\":\"log\",\"files\":[\"logs.trn\"],"
                + "\"first_lsn\":\"1000000000900001\",\"last_lsn\":\"12881000000040000001\","
                + "\"position\":2,\"backup_start_date\":\"2026-11-02T03:04:00\","
                + "\"backup_set_guid\":\"5af3e50d-a4e0-4e9b-8aef-fe52898c6359\"}],"
                + "\"problems\":[{\"kind\":\"LSN_GAP\",\"message\":\"nologcovers"
                + "12881000000040000001to12881000000050000001\",\"files\":[\"logs.trn\","
                + "\"next.trn\"],\"from_lsn\":\"12881000000040000001\","
                + "\"to_lsn\":\"12881000000050000001\"}],"
                + "\"skipped\":[{\"path\":\"empty.trn\",\"reason\":\"emptylog(firstlsn=lastlsn)\"}]}");
  }

  @Test
  void anEmptyPlanSaysSo() {
    StringWriter sw = new StringWriter();
    PlanText.print(
        new PrintWriter(sw),
        new RestorePlan(
            null,
            List.of(),
            List.of(ChainProblem.of(ErrorCode.NO_FULL_BACKUP, "no full backup among 0 files")),
            List.of()));
    assertThat(sw.toString())
        .isEqualTo(
            "plan for database (none chosen): 0 steps\n"
                + "problems (1): the chain is incomplete\n"
                + "  NO_FULL_BACKUP: no full backup among 0 files\n");
  }
}
