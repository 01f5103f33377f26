package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path tmp;

  private static String clean() {
    return Corpus.backups().resolve("RestoreTimeClean").toString();
  }

  private static String cleanFile(String name) {
    return Corpus.backups().resolve("RestoreTimeClean").resolve(name).toString();
  }

  @Test
  void textListsNumberedStepsOfFullDiffAndThreeLogs() {
    CliRun r = CliRun.of("plan", clean());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("plan for database RestoreTimeClean: 5 steps");
    assertThat(lines.get(1).strip().split(" {2,}"))
        .containsExactly("#", "type", "first_lsn", "last_lsn", "start", "files");
    assertThat(lines.get(2).strip().split(" {2,}"))
        .containsExactly(
            "1",
            "full",
            "25000000006200170",
            "25000000013200001",
            "2017-06-01 12:59:12",
            "RestoreTimeClean.bak");
    assertThat(lines.get(3).strip().split(" {2,}"))
        .containsExactly(
            "2",
            "diff",
            "25000000017300038",
            "25000000019000001",
            "2017-06-01 13:14:13",
            "RestoreTimeClean2.bak");
    assertThat(lines.get(4)).contains("log").endsWith("RestoreTimeClean2_1.trn");
    assertThat(lines.get(5)).endsWith("RestoreTimeClean2_2.trn");
    assertThat(lines.get(6)).endsWith("RestoreTimeClean2_3.trn");
    assertThat(lines).last().isEqualTo("the chain is complete");
  }

  @Test
  void jsonHasTheContractShapeWithLsnStrings() throws IOException {
    CliRun r = CliRun.of("plan", "--format", "json", clean());
    assertThat(r.exit()).isZero();
    JsonNode plan = new ObjectMapper().readTree(r.out());
    assertThat(plan.get("database").asText()).isEqualTo("RestoreTimeClean");
    List<String> types = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (JsonNode step : plan.get("steps")) {
      types.add(step.get("type").asText());
      files.add(step.get("files").get(0).asText());
      assertThat(step.get("first_lsn").isTextual()).isTrue();
      assertThat(step.get("last_lsn").isTextual()).isTrue();
      assertThat(step.get("position").asInt()).isEqualTo(1);
    }
    assertThat(types).containsExactly("full", "diff", "log", "log", "log");
    assertThat(files)
        .containsExactly(
            "RestoreTimeClean.bak",
            "RestoreTimeClean2.bak",
            "RestoreTimeClean2_1.trn",
            "RestoreTimeClean2_2.trn",
            "RestoreTimeClean2_3.trn");
    assertThat(plan.get("steps").get(4).get("last_lsn").asText()).isEqualTo("25000000022000001");
    assertThat(plan.get("problems").isArray()).isTrue();
    assertThat(plan.get("problems")).isEmpty();
    assertThat(plan.get("skipped").isArray()).isTrue();
  }

  @Test
  void tsqlRestoresFullDiffAndLogsLeavingTheDatabaseRestoring() {
    CliRun r = CliRun.of("plan", "--format", "tsql", clean());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "-- restore of database [RestoreTimeClean]: 5 steps (full, diff, 3 logs)\n"
                + "RESTORE DATABASE [RestoreTimeClean] FROM DISK = N'RestoreTimeClean.bak'"
                + " WITH NORECOVERY, STATS = 10;\n"
                + "RESTORE DATABASE [RestoreTimeClean] FROM DISK = N'RestoreTimeClean2.bak'"
                + " WITH NORECOVERY, STATS = 10;\n"
                + "RESTORE LOG [RestoreTimeClean] FROM DISK = N'RestoreTimeClean2_1.trn'"
                + " WITH NORECOVERY;\n"
                + "RESTORE LOG [RestoreTimeClean] FROM DISK = N'RestoreTimeClean2_2.trn'"
                + " WITH NORECOVERY;\n"
                + "RESTORE LOG [RestoreTimeClean] FROM DISK = N'RestoreTimeClean2_3.trn'"
                + " WITH NORECOVERY;\n"
                + "-- afterwards [RestoreTimeClean] stays RESTORING (NORECOVERY on every step);"
                + " later logs can be restored onto it, and RESTORE DATABASE [RestoreTimeClean]"
                + " WITH RECOVERY brings it online\n");
  }

  @Test
  void tsqlMovesFilesAndEndsInStandbyWhenAsked() {
    CliRun r =
        CliRun.of(
            "plan",
            "--format",
            "tsql",
            "--data-dir",
            "D:\\Data",
            "--log-dir",
            "L:\\Logs",
            "--standby-dir",
            "/var/opt/mssql/standby",
            clean());
    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1))
        .startsWith(
            "RESTORE DATABASE [RestoreTimeClean] FROM DISK = N'RestoreTimeClean.bak' WITH MOVE N'")
        .containsPattern("MOVE N'[^']+' TO N'D:\\\\Data\\\\RestoreTimeClean_[^']+\\.mdf'")
        .containsPattern("MOVE N'[^']+' TO N'L:\\\\Logs\\\\RestoreTimeClean_[^']+\\.ldf'")
        .endsWith(", NORECOVERY, STATS = 10;");
    assertThat(lines.get(3)).doesNotContain("MOVE");
    assertThat(lines.get(5))
        .isEqualTo(
            "RESTORE LOG [RestoreTimeClean] FROM DISK = N'RestoreTimeClean2_3.trn'"
                + " WITH STANDBY = N'/var/opt/mssql/standby/RestoreTimeClean_undo.ldf';");
    assertThat(lines.get(6)).contains("STANDBY");
  }

  @Test
  void aMissingLogIsAGapWithExitFour() {
    String full = cleanFile("RestoreTimeClean.bak");
    String log1 = cleanFile("RestoreTimeClean_1.trn");
    String log3 = cleanFile("RestoreTimeClean_3.trn");
    CliRun r = CliRun.of("plan", full, log1, log3);
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.out()).contains("problems (").contains("LSN_GAP: ");
    CliRun json = CliRun.of("plan", "--format", "json", full, log1, log3);
    assertThat(json.exit()).isEqualTo(4);
    assertThat(json.out()).contains("\"kind\" : \"LSN_GAP\"");
    CliRun tsql = CliRun.of("plan", "--format", "tsql", full, log1, log3);
    assertThat(tsql.exit()).isEqualTo(4);
    assertThat(tsql.out()).contains("\n-- incomplete: LSN_GAP: ");
    assertThat(tsql.err()).startsWith("plan: LSN_GAP: ");
  }

  @Test
  void theHighestExitCodeWinsWhenInputIsUnreadableAndTheChainIncomplete() throws IOException {
    Path garbage = Files.write(tmp.resolve("x.trn"), new byte[] {1, 2, 3});
    CliRun both =
        CliRun.of(
            "plan",
            cleanFile("RestoreTimeClean.bak"),
            cleanFile("RestoreTimeClean_1.trn"),
            cleanFile("RestoreTimeClean_3.trn"),
            garbage.toString());
    assertThat(both.exit()).isEqualTo(4);
    assertThat(both.err()).contains("plan: '" + garbage + "': ");
    CliRun unreadableOnly = CliRun.of("plan", clean(), garbage.toString());
    assertThat(unreadableOnly.exit()).isEqualTo(3);
    assertThat(unreadableOnly.out()).contains("the chain is complete");
  }

  @Test
  void afterLsnAcceptsDecimalAndHexAndStartsAtTheCoveringLog() {
    CliRun dec = CliRun.of("plan", "--after-lsn", "25000000020000001", clean());
    CliRun hex = CliRun.of("plan", "--after-lsn", "00000019:000000C8:0001", clean());
    assertThat(dec.exit()).isZero();
    assertThat(hex.exit()).isZero();
    assertThat(hex.out()).isEqualTo(dec.out());
    List<String> steps = dec.out().lines().filter(l -> l.matches("\\s+\\d+\\s.*")).toList();
    assertThat(steps).hasSize(2);
    assertThat(steps.get(0)).contains(" log ").endsWith("RestoreTimeClean2_2.trn");
    assertThat(steps.get(1)).endsWith("RestoreTimeClean2_3.trn");
  }

  @Test
  void malformedAfterLsnIsAUsageError() {
    CliRun r = CliRun.of("plan", "--after-lsn", "12:zz", clean());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("error: USAGE: invalid value for option '--after-lsn': not an lsn: '12:zz'")
        .endsWith("hint: run 'cloudsync plan --help' for usage\n");
  }

  @Test
  void dataDirWithoutLogDirIsAUsageError() {
    CliRun r = CliRun.of("plan", "--format", "tsql", "--data-dir", "D:\\Data", clean());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: USAGE: missing required argument(s): --log-dir=DIR\n");
  }

  @Test
  void badFormatIsAUsageError() {
    CliRun r = CliRun.of("plan", "--format", "xml", clean());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: USAGE: invalid value for option '--format'");
  }

  @Test
  void severalDatabasesNeedDatabaseAndFilesOfAnotherAreAProblem() {
    String other = Corpus.backups().resolve("DoubleDiffing").toString();
    CliRun r = CliRun.of("plan", clean(), other);
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.out()).contains("MULTIPLE_DATABASES");
    CliRun chosen =
        CliRun.of("plan", "--database", "doublediff", "--format", "json", clean(), other);
    assertThat(chosen.exit()).isEqualTo(4);
    assertThat(chosen.out())
        .contains("\"database\" : \"doublediff\"")
        .contains("\"files\" : [ \"difftest-full.bak\" ]")
        .contains("\"kind\" : \"OTHER_DATABASE\"");
    CliRun alone = CliRun.of("plan", "--database", "doublediff", other);
    assertThat(alone.exit()).isZero();
  }

  @Test
  void ignoreDiffsPlansTheFullAndSixLogs() {
    CliRun r = CliRun.of("plan", "--ignore-diffs", "--format", "json", clean());
    assertThat(r.exit()).isZero();
    assertThat(r.out().split("\"type\" : \"log\"", -1)).hasSize(7);
    assertThat(r.out()).doesNotContain("\"type\" : \"diff\"");
  }

  @Test
  void tsqlSaysThatFilesInsideZipsMustBeExtracted() throws IOException {
    Path zip = tmp.resolve("day.zip");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : List.of("RestoreTimeClean_2.trn", "RestoreTimeClean_3.trn")) {
        z.putNextEntry(new java.util.zip.ZipEntry(name));
        Files.copy(Path.of(cleanFile(name)), z);
        z.closeEntry();
      }
    }
    CliRun r =
        CliRun.of(
            "plan",
            "--format",
            "tsql",
            cleanFile("RestoreTimeClean.bak"),
            cleanFile("RestoreTimeClean_1.trn"),
            zip.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("-- files named ZIP!ENTRY are inside zips: extract them")
        .contains(
            "RESTORE LOG [RestoreTimeClean] FROM DISK = N'"
                + zip
                + "!RestoreTimeClean_3.trn' WITH NORECOVERY;\n");
  }

  @Test
  void aControlCharacterInADirectoryIsRefusedWithItsCodeNotQuoted() {
    CliRun r = CliRun.of("plan", "--format", "tsql", "--standby-dir", "/sb\nGO", clean());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: SQL_TEXT_UNSAFE: directory '/sb?GO' holds control character U+000A at index 3\n"
                + "hint: rename it without control characters (line ends, tabs, NUL) and try"
                + " again\n");
  }

  @Test
  void ignoreLogsStopsAfterTheDiff() {
    CliRun r = CliRun.of("plan", "--ignore-logs", "--format", "tsql", clean());
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("RESTORE")).toList())
        .containsExactly(
            "RESTORE DATABASE [RestoreTimeClean] FROM DISK = N'RestoreTimeClean.bak'"
                + " WITH NORECOVERY, STATS = 10;",
            "RESTORE DATABASE [RestoreTimeClean] FROM DISK = N'RestoreTimeClean2.bak'"
                + " WITH NORECOVERY, STATS = 10;");
  }
}
