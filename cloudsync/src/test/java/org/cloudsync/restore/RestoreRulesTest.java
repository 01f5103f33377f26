package org.cloudsync.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.restore.SyntheticSteps.diff;
import static org.cloudsync.restore.SyntheticSteps.full;
import static org.cloudsync.restore.SyntheticSteps.log;
import static org.cloudsync.restore.SyntheticSteps.lsn;
import static org.cloudsync.restore.SyntheticSteps.stripedFull;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.format.plan.RestoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestoreRulesTest {
  private static final UUID BASE = UUID.fromString("5af3e50d-a4e0-4e9b-8aef-fe52898c6359");
  private static final UUID OTHER = UUID.fromString("0c0ad1c0-e5d9-4a8a-83ee-845baec10d94");
  private static final UUID FORK = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final UUID FORK2 = UUID.fromString("66666666-2222-3333-4444-555555555555");

  private static DatabaseState at(DatabaseStatus status, long p) {
    return new DatabaseState(
        status, "Sales", lsn(p), FORK, BASE, "Sales", new SoftwareVersion(15, 0, 2000), "id-1");
  }

  private static final DatabaseState ABSENT = DatabaseState.absent("Sales");
  private static final DatabaseState RESTORING = at(DatabaseStatus.RESTORING, 5000);
  private static final DatabaseState STANDBY = at(DatabaseStatus.STANDBY, 5000);
  private static final DatabaseState ONLINE = at(DatabaseStatus.ONLINE, 5000);
  private static final DatabaseState INTERRUPTED =
      new DatabaseState(DatabaseStatus.RESTORING, "Sales", null, null, null, "Sales", null, "id-1");

  /** state, step, options, expected code (null: applies), expected SQL Server error number. */
  static Stream<Arguments> cases() {
    ApplyOptions nr = ApplyOptions.norecovery();
    ApplyOptions replace = ApplyOptions.norecovery().withReplace();
    return Stream.of(
        // full
        Arguments.of("full onto absent", ABSENT, full("Sales", BASE, 1000, 2000), nr, null, 0),
        Arguments.of(
            "full onto restoring", RESTORING, full("Sales", BASE, 1000, 2000), nr, null, 0),
        Arguments.of("full onto standby", STANDBY, full("Sales", BASE, 1000, 2000), nr, null, 0),
        Arguments.of(
            "full onto an interrupted restore",
            INTERRUPTED,
            full("Sales", BASE, 1, 2),
            nr,
            null,
            0),
        Arguments.of(
            "full onto online without replace",
            ONLINE,
            full("Sales", BASE, 1000, 2000),
            nr,
            ErrorCode.DATABASE_ONLINE,
            3159),
        Arguments.of(
            "full onto online with replace",
            ONLINE,
            full("Sales", BASE, 1000, 2000),
            replace,
            null,
            0),
        Arguments.of(
            "full of another database onto restoring",
            RESTORING,
            full("Other", BASE, 1000, 2000),
            nr,
            ErrorCode.OTHER_DATABASE,
            3154),
        Arguments.of(
            "full of another database with replace",
            RESTORING,
            full("Other", BASE, 1000, 2000),
            replace,
            null,
            0),
        Arguments.of(
            "full with name in other case",
            RESTORING,
            full("SALES", BASE, 1000, 2000),
            nr,
            null,
            0),
        Arguments.of(
            "striped full, both families",
            ABSENT,
            stripedFull("Sales", BASE, 2, 1, 2),
            nr,
            null,
            0),
        Arguments.of(
            "striped full, family 2 missing",
            ABSENT,
            stripedFull("Sales", BASE, 2, 1),
            nr,
            ErrorCode.MISSING_STRIPE,
            3132),
        Arguments.of(
            "striped full, family given twice",
            ABSENT,
            stripedFull("Sales", BASE, 2, 1, 1),
            nr,
            ErrorCode.MISSING_STRIPE,
            0),
        // differential
        Arguments.of("diff on its base", RESTORING, diff("Sales", BASE, 4000, 6000), nr, null, 0),
        Arguments.of("diff on standby", STANDBY, diff("Sales", BASE, 4000, 6000), nr, null, 0),
        Arguments.of(
            "diff on wrong base",
            RESTORING,
            diff("Sales", OTHER, 4000, 6000),
            nr,
            ErrorCode.DIFF_WRONG_BASE,
            3136),
        Arguments.of(
            "diff onto absent",
            ABSENT,
            diff("Sales", BASE, 4000, 6000),
            nr,
            ErrorCode.DATABASE_NOT_RESTORING,
            0),
        Arguments.of(
            "diff onto online",
            ONLINE,
            diff("Sales", BASE, 4000, 6000),
            nr,
            ErrorCode.DATABASE_NOT_RESTORING,
            3117),
        Arguments.of(
            "diff ending before p",
            RESTORING,
            diff("Sales", BASE, 3000, 4999),
            nr,
            ErrorCode.DIFF_TOO_EARLY,
            0),
        Arguments.of(
            "diff of another database",
            RESTORING,
            diff("Other", BASE, 4000, 6000),
            nr,
            ErrorCode.OTHER_DATABASE,
            0),
        Arguments.of(
            "diff onto an interrupted restore",
            INTERRUPTED,
            diff("Sales", BASE, 4000, 6000),
            nr,
            ErrorCode.POSITION_UNKNOWN,
            0),
        // log
        Arguments.of("log starting at p", RESTORING, log("Sales", 5000, 6000), nr, null, 0),
        Arguments.of("log spanning p", RESTORING, log("Sales", 4000, 6000), nr, null, 0),
        Arguments.of("log onto standby", STANDBY, log("Sales", 4000, 6000), nr, null, 0),
        Arguments.of(
            "log starting after p",
            RESTORING,
            log("Sales", 5001, 6000),
            nr,
            ErrorCode.LOG_TOO_RECENT,
            4305),
        Arguments.of(
            "log ending at p",
            RESTORING,
            log("Sales", 4000, 5000),
            nr,
            ErrorCode.LOG_TOO_EARLY,
            4326),
        Arguments.of(
            "log ending before p",
            RESTORING,
            log("Sales", 3000, 4000),
            nr,
            ErrorCode.LOG_TOO_EARLY,
            4326),
        Arguments.of(
            "empty log at p",
            RESTORING,
            log("Sales", 5000, 5000),
            nr,
            ErrorCode.LOG_TOO_EARLY,
            4326),
        Arguments.of(
            "log of another database",
            RESTORING,
            log("Other", 4000, 6000),
            nr,
            ErrorCode.OTHER_DATABASE,
            0),
        Arguments.of(
            "log onto absent",
            ABSENT,
            log("Sales", 4000, 6000),
            nr,
            ErrorCode.DATABASE_NOT_RESTORING,
            0),
        Arguments.of(
            "log onto online",
            ONLINE,
            log("Sales", 4000, 6000),
            nr,
            ErrorCode.DATABASE_NOT_RESTORING,
            3117),
        Arguments.of(
            "log on the same fork", RESTORING, log("Sales", 4000, 6000, FORK), nr, null, 0),
        Arguments.of(
            "log on another fork",
            RESTORING,
            log("Sales", 4000, 6000, FORK2),
            nr,
            ErrorCode.RECOVERY_FORK_MISMATCH,
            0),
        Arguments.of(
            "log onto an interrupted restore",
            INTERRUPTED,
            log("Sales", 4000, 6000),
            nr,
            ErrorCode.POSITION_UNKNOWN,
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void acceptsOrRefusesAsSqlServerWould(
      String name,
      DatabaseState state,
      RestoreStep step,
      ApplyOptions options,
      ErrorCode expected,
      int sqlError) {
    Refusal r = RestoreRules.check(state, step, options);
    if (expected == null) {
      assertThat(r).as(name).isNull();
    } else {
      assertThat(r).as(name).isNotNull();
      assertThat(r.code()).as(name).isEqualTo(expected);
      assertThat(r.sqlServerError()).as(name).isEqualTo(sqlError);
      assertThat(r.hints()).as(name).isNotEmpty();
      assertThat(r.message()).as(name).doesNotContain("null");
    }
  }

  @Test
  void tooRecentAndTooEarlyUseSqlServersTextWithDecimalLsns() {
    DatabaseState s = at(DatabaseStatus.RESTORING, 19000000020400004L);
    Refusal recent =
        RestoreRules.check(
            s, log("Sales", 19000000021500001L, 19000000024600001L), ApplyOptions.norecovery());
    assertThat(recent.reason())
        .isEqualTo(
            "error 4305: The log in this backup set begins at LSN 19000000021500001, which is too"
                + " recent to apply to the database. An earlier log backup that includes LSN"
                + " 19000000020400004 can be restored.");
    Refusal early =
        RestoreRules.check(
            s, log("Sales", 19000000008100190L, 19000000018300001L), ApplyOptions.norecovery());
    assertThat(early.reason())
        .isEqualTo(
            "error 4326: The log in this backup set terminates at LSN 19000000018300001, which is"
                + " too early to apply to the database. A more recent log backup that includes LSN"
                + " 19000000020400004 can be restored.");
  }

  @Test
  void afterAFullTheRestorePointIsItsLastLsnAndTheBaseItsSet() {
    RestoreStep f = full("Sales", BASE, 1000, 2000);
    DatabaseState s = RestoreRules.after(ABSENT, f, ApplyOptions.norecovery(), () -> "new-id");
    assertThat(s.status()).isEqualTo(DatabaseStatus.RESTORING);
    assertThat(s.restorePoint()).isEqualTo(lsn(2000));
    assertThat(s.baseBackupSetGuid()).isEqualTo(BASE);
    assertThat(s.backupDatabaseName()).isEqualTo("Sales");
    assertThat(s.identity()).isEqualTo("new-id");
    assertThat(s.acceptsLogs()).isTrue();
  }

  @Test
  void finishChoosesTheStateAndReplaceGivesANewIdentity() {
    RestoreStep l = log("Sales", 4000, 6000);
    assertThat(RestoreRules.after(RESTORING, l, ApplyOptions.standby(), () -> "x").status())
        .isEqualTo(DatabaseStatus.STANDBY);
    DatabaseState online = RestoreRules.after(RESTORING, l, ApplyOptions.recovery(), () -> "x");
    assertThat(online.status()).isEqualTo(DatabaseStatus.ONLINE);
    assertThat(online.acceptsLogs()).isFalse();
    assertThat(online.identity()).isEqualTo("id-1");
    RestoreStep f = full("Sales", OTHER, 7000, 8000);
    assertThat(
            RestoreRules.after(ONLINE, f, ApplyOptions.norecovery().withReplace(), () -> "x")
                .identity())
        .isEqualTo("x");
    assertThat(RestoreRules.after(RESTORING, f, ApplyOptions.norecovery(), () -> "x").identity())
        .isEqualTo("id-1");
  }

  @Test
  void planCheckStopsAtTheFirstRefusedStepWithItsIndex() {
    List<RestoreStep> steps =
        List.of(
            full("Sales", BASE, 1000, 2000),
            log("Sales", 1500, 3000),
            log("Sales", 3000, 4000),
            log("Sales", 4100, 5000),
            log("Sales", 5000, 6000));
    List<ApplyOptions> options =
        List.of(
            ApplyOptions.norecovery(),
            ApplyOptions.norecovery(),
            ApplyOptions.norecovery(),
            ApplyOptions.norecovery(),
            ApplyOptions.standby());
    RestoreRules.PlanRefusal r = RestoreRules.checkPlan(ABSENT, steps, options);
    assertThat(r.index()).isEqualTo(3);
    assertThat(r.refusal().code()).isEqualTo(ErrorCode.LOG_TOO_RECENT);
    assertThat(r.refusal().message()).contains("begins at LSN 4100").contains("includes LSN 4000");
    assertThat(RestoreRules.checkPlan(ABSENT, steps.subList(0, 3), options.subList(0, 3))).isNull();
  }

  @Test
  void nightOptionsPutStandbyOnlyOnTheLastStep() {
    assertThat(ApplyOptions.forNight(0, 3, true).finish())
        .isEqualTo(ApplyOptions.Finish.NORECOVERY);
    assertThat(ApplyOptions.forNight(2, 3, true).finish()).isEqualTo(ApplyOptions.Finish.STANDBY);
    assertThat(ApplyOptions.forNight(2, 3, false).finish())
        .isEqualTo(ApplyOptions.Finish.NORECOVERY);
  }
}
