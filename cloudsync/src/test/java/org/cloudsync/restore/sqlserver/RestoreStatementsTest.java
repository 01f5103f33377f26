package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.junit.jupiter.api.Test;

class RestoreStatementsTest {
  private static final Function<BackupFile, String> AS_NAMED = BackupFile::path;
  private static final List<DatabaseFile> FILES =
      List.of(
          new DatabaseFile(1, 1, "Sales", "C:\\SQL\\Sales.mdf", 8 << 20),
          new DatabaseFile(2, 0, "Sales_log", "C:\\SQL\\Sales_log.ldf", 1 << 20),
          new DatabaseFile(3, 2, "Sales_archive", "C:\\SQL\\Sales_archive.ndf", 1 << 20));

  private static int lsn = 1000;

  private static BackupFile file(String path, BackupType type, String db) {
    return file(path, type, db, 1, 1, 1, UUID.randomUUID());
  }

  private static BackupFile file(
      String path, BackupType type, String db, int position, int family, int families, UUID set) {
    Lsn first = new Lsn(25, lsn, 1);
    lsn += 10;
    BackupHeader h =
        BackupHeader.builder()
            .backupType(type)
            .databaseName(db)
            .firstLsn(first)
            .lastLsn(new Lsn(25, lsn, 1))
            .backupStartDate(LocalDateTime.of(2026, 11, 1, 3, 0))
            .position(position)
            .familyCount(families)
            .familySequenceNumber(family)
            .backupSetGuid(set)
            .files(type == BackupType.LOG ? List.of() : FILES)
            .build();
    return new BackupFile(path, h);
  }

  private static RestorePlan plan(String db, List<List<BackupFile>> steps) {
    List<RestoreStep> s = new ArrayList<>();
    for (List<BackupFile> files : steps) {
      s.add(new RestoreStep(files));
    }
    return new RestorePlan(db, s, List.of(), List.of());
  }

  @Test
  void fullOnlyEndsRestoringWithNoRecovery() {
    RestorePlan p = plan("Sales", List.of(List.of(file("a/Sales.bak", BackupType.FULL, "Sales"))));
    assertThat(RestoreStatements.forPlan(p, RestoreTarget.of("Sales"), AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'a/Sales.bak' WITH NORECOVERY, STATS = 10");
  }

  @Test
  void fullDiffAndLogsInOrderWithStandbyOnlyOnTheLastStep() {
    RestorePlan p =
        plan(
            "Sales",
            List.of(
                List.of(file("full.bak", BackupType.FULL, "Sales")),
                List.of(file("diff.bak", BackupType.DIFFERENTIAL, "Sales")),
                List.of(file("log1.trn", BackupType.LOG, "Sales")),
                List.of(file("log2.trn", BackupType.LOG, "Sales"))));
    RestoreTarget target = RestoreTarget.of("Sales").withStandby("D:\\Standby");
    assertThat(RestoreStatements.forPlan(p, target, AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'full.bak' WITH NORECOVERY, STATS = 10",
            "RESTORE DATABASE [Sales] FROM DISK = N'diff.bak' WITH NORECOVERY, STATS = 10",
            "RESTORE LOG [Sales] FROM DISK = N'log1.trn' WITH NORECOVERY",
            "RESTORE LOG [Sales] FROM DISK = N'log2.trn' WITH STANDBY = N'D:\\Standby\\Sales_undo.ldf'");
  }

  @Test
  void withoutStandbyEveryStepIsNoRecovery() {
    RestorePlan p =
        plan(
            "Sales",
            List.of(
                List.of(file("full.bak", BackupType.FULL, "Sales")),
                List.of(file("log1.trn", BackupType.LOG, "Sales"))));
    assertThat(RestoreStatements.forPlan(p, RestoreTarget.of("Sales"), AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'full.bak' WITH NORECOVERY, STATS = 10",
            "RESTORE LOG [Sales] FROM DISK = N'log1.trn' WITH NORECOVERY");
  }

  @Test
  void standbyOnAFullOnlyPlanGoesOnTheFull() {
    RestorePlan p = plan("Sales", List.of(List.of(file("full.bak", BackupType.FULL, "Sales"))));
    assertThat(
            RestoreStatements.forPlan(
                p, RestoreTarget.of("Sales").withStandby("/var/opt"), AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'full.bak' WITH STANDBY = N'/var/opt/Sales_undo.ldf', STATS = 10");
  }

  @Test
  void stripedSetNamesEveryFamilyInOneStatement() {
    UUID set = UUID.randomUUID();
    RestorePlan p =
        plan(
            "Sales",
            List.of(
                List.of(
                    file("s1/full.bak", BackupType.FULL, "Sales", 1, 1, 2, set),
                    file("s2/full.bak", BackupType.FULL, "Sales", 1, 2, 2, set))));
    assertThat(RestoreStatements.forPlan(p, RestoreTarget.of("Sales"), AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N's1/full.bak', DISK = N's2/full.bak' WITH NORECOVERY, STATS = 10");
  }

  @Test
  void positionAboveOneBecomesFile() {
    RestorePlan p =
        plan(
            "Sales",
            List.of(
                List.of(file("two.bak", BackupType.FULL, "Sales", 2, 1, 1, UUID.randomUUID())),
                List.of(file("logs.trn", BackupType.LOG, "Sales", 3, 1, 1, UUID.randomUUID()))));
    assertThat(RestoreStatements.forPlan(p, RestoreTarget.of("Sales"), AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'two.bak' WITH FILE = 2, NORECOVERY, STATS = 10",
            "RESTORE LOG [Sales] FROM DISK = N'logs.trn' WITH FILE = 3, NORECOVERY");
  }

  @Test
  void moveSendsDataAndLogFilesToTheirDirectoriesOnFullAndDiffOnly() {
    RestorePlan p =
        plan(
            "Sales",
            List.of(
                List.of(file("full.bak", BackupType.FULL, "Sales")),
                List.of(file("diff.bak", BackupType.DIFFERENTIAL, "Sales")),
                List.of(file("log.trn", BackupType.LOG, "Sales"))));
    RestoreTarget target = RestoreTarget.of("Sales").withDirectories("D:\\Data", "/mnt/log/");
    String moves =
        "MOVE N'Sales' TO N'D:\\Data\\Sales_Sales.mdf', "
            + "MOVE N'Sales_log' TO N'/mnt/log/Sales_Sales_log.ldf', "
            + "MOVE N'Sales_archive' TO N'D:\\Data\\Sales_Sales_archive.ndf'";
    assertThat(RestoreStatements.forPlan(p, target, AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [Sales] FROM DISK = N'full.bak' WITH "
                + moves
                + ", NORECOVERY, STATS = 10",
            "RESTORE DATABASE [Sales] FROM DISK = N'diff.bak' WITH "
                + moves
                + ", NORECOVERY, STATS = 10",
            "RESTORE LOG [Sales] FROM DISK = N'log.trn' WITH NORECOVERY");
  }

  @Test
  void hostileNamesAreQuotedAndCannotEndTheStatement() {
    String db = "x]; DROP DATABASE [master]; --'";
    BackupFile full = file("it's; --].bak", BackupType.FULL, db);
    BackupHeader h =
        full.header().toBuilder()
            .files(
                List.of(
                    new DatabaseFile(1, 1, "d'); SHUTDOWN --", "x.mdf", 1),
                    new DatabaseFile(2, 0, "Ünïcödé ログ", "y.ldf", 1)))
            .build();
    RestorePlan p = plan(db, List.of(List.of(new BackupFile(full.path(), h))));
    RestoreTarget target =
        RestoreTarget.of(db).withDirectories("/data/o'neil", "/log").withStandby("/sb/it's");
    assertThat(RestoreStatements.forPlan(p, target, AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [x]]; DROP DATABASE [master]]; --'] FROM DISK = N'it''s; --].bak' WITH "
                + "MOVE N'd''); SHUTDOWN --' TO N'/data/o''neil/x___DROP_DATABASE__master___--__d____SHUTDOWN_--.mdf', "
                + "MOVE N'Ünïcödé ログ' TO N'/log/x___DROP_DATABASE__master___--__Ünïcödé_ログ.ldf', "
                + "STANDBY = N'/sb/it''s/x___DROP_DATABASE__master___--__undo.ldf', STATS = 10");
  }

  @Test
  void logicalNamesThatSanitiseAlikeGetDistinctFiles() {
    BackupFile full = file("full.bak", BackupType.FULL, "db");
    BackupHeader h =
        full.header().toBuilder()
            .files(
                List.of(
                    new DatabaseFile(1, 1, "a b", "x.mdf", 1),
                    new DatabaseFile(3, 1, "a_b", "y.ndf", 1),
                    new DatabaseFile(4, 1, "A_B", "z.ndf", 1)))
            .build();
    RestorePlan p = plan("db", List.of(List.of(new BackupFile("full.bak", h))));
    assertThat(
            RestoreStatements.forPlan(
                p, RestoreTarget.of("db").withDirectories("/d", "/l"), AS_NAMED))
        .containsExactly(
            "RESTORE DATABASE [db] FROM DISK = N'full.bak' WITH MOVE N'a b' TO N'/d/db_a_b.mdf', "
                + "MOVE N'a_b' TO N'/d/db_a_b.ndf', MOVE N'A_B' TO N'/d/db_A_B_4.ndf', NORECOVERY, STATS = 10");
  }

  @Test
  void controlCharactersAreRefusedNotQuoted() {
    RestorePlan p =
        plan("Sales", List.of(List.of(file("bad\nname.bak", BackupType.FULL, "Sales"))));
    assertThatThrownBy(() -> RestoreStatements.forPlan(p, RestoreTarget.of("Sales"), AS_NAMED))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SQL_TEXT_UNSAFE);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "backup file path 'bad?name.bak' holds control character U+000A at index 3");
            });
    RestorePlan nul = plan("a\0b", List.of(List.of(file("f.bak", BackupType.FULL, "a\0b"))));
    assertThatThrownBy(() -> RestoreStatements.forPlan(nul, RestoreTarget.of("a\0b"), AS_NAMED))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("U+0000");
  }

  @Test
  void overlongDatabaseNameIsRefused() {
    String db = "d".repeat(129);
    RestorePlan p = plan(db, List.of(List.of(file("f.bak", BackupType.FULL, db))));
    assertThatThrownBy(() -> RestoreStatements.forPlan(p, RestoreTarget.of(db), AS_NAMED))
        .isInstanceOf(CloudsyncException.class)
        .hasMessage("database name has 129 characters; SQL Server names have 1 to 128");
  }

  @Test
  void scriptSaysWhereTheDatabaseIsLeftAndWhyThePlanStops() {
    RestorePlan p =
        new RestorePlan(
            "Sales",
            List.of(
                new RestoreStep(List.of(file("full.bak", BackupType.FULL, "Sales"))),
                new RestoreStep(List.of(file("l1.trn", BackupType.LOG, "Sales")))),
            List.of(
                ChainProblem.of(
                    ErrorCode.LSN_GAP,
                    "logs missing after 'l1.trn'\nhint: ask for\r\nthem\u0000; RESTORE x",
                    "l1.trn")),
            List.of());
    assertThat(RestoreStatements.script(p, RestoreTarget.of("Sales"), AS_NAMED))
        .isEqualTo(
            "-- restore of database [Sales]: 2 steps (full, 1 log)\n"
                + "RESTORE DATABASE [Sales] FROM DISK = N'full.bak' WITH NORECOVERY, STATS = 10;\n"
                + "RESTORE LOG [Sales] FROM DISK = N'l1.trn' WITH NORECOVERY;\n"
                + "-- afterwards [Sales] stays RESTORING (NORECOVERY on every step); later logs can"
                + " be restored onto it, and RESTORE DATABASE [Sales] WITH RECOVERY brings it online\n"
                + "-- incomplete: LSN_GAP: logs missing after 'l1.trn'\n"
                + "--   hint: ask for\n"
                + "--   them?; RESTORE x\n");
    assertThat(RestoreStatements.script(p, RestoreTarget.of("Sales").withStandby("/sb"), AS_NAMED))
        .contains(
            "RESTORE LOG [Sales] FROM DISK = N'l1.trn' WITH STANDBY = N'/sb/Sales_undo.ldf';\n"
                + "-- afterwards [Sales] is read-only in STANDBY; later logs can still be restored onto it\n");
  }
}
