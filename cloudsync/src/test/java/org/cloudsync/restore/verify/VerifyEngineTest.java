package org.cloudsync.restore.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudsync.restore.SyntheticSteps.full;
import static org.cloudsync.restore.SyntheticSteps.log;
import static org.cloudsync.restore.SyntheticSteps.lsn;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.CorpusHeaders;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;

class VerifyEngineTest {
  private static final ApplyOptions NR = ApplyOptions.norecovery();
  private final InMemoryVerifyStateStore store = new InMemoryVerifyStateStore();
  private final VerifyEngine engine = new VerifyEngine(store);
  private final TargetDatabase target = TargetDatabase.of("center-1", "RestoreTimeClean");

  /** Loaded on first use, so synthetic tests run without the corpus. */
  private CorpusHeaders corpus;

  private CorpusHeaders corpus() {
    if (corpus == null) {
      corpus = CorpusHeaders.load();
    }
    return corpus;
  }

  private StepOutcome apply(RestoreStep step, ApplyOptions options) {
    return engine.apply(target, step, options, StepProgress.NONE);
  }

  private StepOutcome apply(String... paths) {
    return apply(corpus().step(paths), NR);
  }

  @Test
  void namesItselfAndRestoresNothing() {
    assertThat(engine.name()).isEqualTo("verify");
    assertThat(engine.restoresData()).isFalse();
    assertThat(engine.position(target).status()).isEqualTo(DatabaseStatus.ABSENT);
  }

  @Test
  void restoreTimeCleanFullDiffAndThreeLogsAreVerifiedNeverApplied() {
    List<StepOutcome> outcomes =
        List.of(
            apply("RestoreTimeClean/RestoreTimeClean.bak"),
            apply("RestoreTimeClean/RestoreTimeClean2.bak"),
            apply("RestoreTimeClean/RestoreTimeClean2_1.trn"),
            apply("RestoreTimeClean/RestoreTimeClean2_2.trn"),
            apply(
                corpus().step("RestoreTimeClean/RestoreTimeClean2_3.trn"), ApplyOptions.standby()));
    for (StepOutcome o : outcomes) {
      assertThat(o.kind()).as(o.describe()).isEqualTo(StepOutcome.Kind.VERIFIED);
      assertThat(o.describe()).startsWith("verify engine: verified ").doesNotContain("applied");
    }
    DatabaseState end = engine.position(target);
    assertThat(end.status()).isEqualTo(DatabaseStatus.STANDBY);
    assertThat(end.restorePoint()).isEqualTo(lsn(25000000022000001L));
    assertThat(end.baseBackupSetGuid())
        .isEqualTo(UUID.fromString("5af3e50d-a4e0-4e9b-8aef-fe52898c6359"));
    assertThat(outcomes.get(4).describe())
        .isEqualTo(
            "verify engine: verified log 'RestoreTimeClean/RestoreTimeClean2_3.trn' (LSN"
                + " 25000000021000001 to 25000000022000001); 'RestoreTimeClean' STANDBY at"
                + " 25000000022000001");
  }

  @Test
  void restoreTimeCleanFullAndSixLogsReachTheSamePoint() {
    apply("RestoreTimeClean/RestoreTimeClean.bak");
    for (String l : List.of("_1", "_2", "_3", "2_1", "2_2", "2_3")) {
      StepOutcome o = apply("RestoreTimeClean/RestoreTimeClean" + l + ".trn");
      assertThat(o.succeeded()).as(o.describe()).isTrue();
    }
    assertThat(engine.position(target).restorePoint()).isEqualTo(lsn(25000000022000001L));
  }

  @Test
  void aLogAppliedTwiceIsRefusedAsTooEarlyAndLeavesThePositionAlone() {
    apply("RestoreTimeClean/RestoreTimeClean.bak");
    apply("RestoreTimeClean/RestoreTimeClean_1.trn");
    DatabaseState before = engine.position(target);
    StepOutcome again = apply("RestoreTimeClean/RestoreTimeClean_1.trn");
    assertThat(again.kind()).isEqualTo(StepOutcome.Kind.REFUSED);
    assertThat(again.code()).isEqualTo(ErrorCode.LOG_TOO_EARLY);
    assertThat(again.describe())
        .startsWith("verify engine: refused log 'RestoreTimeClean/RestoreTimeClean_1.trn':")
        .contains("error 4326: The log in this backup set terminates at LSN 25000000015300001");
    assertThat(engine.position(target)).isEqualTo(before);
  }

  @Test
  void stopAtChainHasNoGapButSkippingALogIs4305() {
    TargetDatabase stopAt = TargetDatabase.of("c2", "StopAt");
    StepProgress none = StepProgress.NONE;
    String dir = "sql2008-backups/StopAt/";
    for (String f : List.of("StopAt.bak", "StopAt_1.trn", "StopAt_2.trn")) {
      assertThat(engine.apply(stopAt, corpus().step(dir + f), NR, none).succeeded()).isTrue();
    }
    StepOutcome skipped = engine.apply(stopAt, corpus().step(dir + "StopAt_23.trn"), NR, none);
    assertThat(skipped.code()).isEqualTo(ErrorCode.LOG_TOO_RECENT);
    assertThat(skipped.refusal().message())
        .isEqualTo(
            "The log in this backup set begins at LSN 19000000021500001, which is too recent to"
                + " apply to the database. An earlier log backup that includes LSN"
                + " 19000000019300001 can be restored.");
    assertThat(engine.apply(stopAt, corpus().step(dir + "StopAt_21.trn"), NR, none).succeeded())
        .isTrue();
    assertThat(engine.apply(stopAt, corpus().step(dir + "StopAt_23.trn"), NR, none).succeeded())
        .isTrue();
    assertThat(engine.position(stopAt).restorePoint()).isEqualTo(lsn(19000000024600001L));
  }

  @Test
  void stripesArePairedBySetNotByName() {
    TargetDatabase t = TargetDatabase.of("c3", "stripetest");
    String s1 = "sql2008-backups/RestoreTimeStripe/Stripe1/";
    String s2 = "sql2008-backups/RestoreTimeStripe/Stripe2/";
    StepOutcome one = engine.apply(t, corpus().step(s1 + "RestoreTimeStripe.bak"), NR, null0());
    assertThat(one.code()).isEqualTo(ErrorCode.MISSING_STRIPE);
    assertThat(one.refusal().sqlServerError()).isEqualTo(3132);
    assertThat(one.refusal().message()).contains("lacks media family 2");
    StepOutcome mispaired =
        engine.apply(
            t,
            corpus().step(s1 + "RestoreTimeStripe.bak", s2 + "RestoreTimeStripe2a.bak"),
            NR,
            null0());
    assertThat(mispaired.code()).isEqualTo(ErrorCode.MISSING_STRIPE);
    assertThat(engine.position(t).status()).isEqualTo(DatabaseStatus.ABSENT);
    StepOutcome both =
        engine.apply(
            t,
            corpus().step(s1 + "RestoreTimeStripe.bak", s2 + "RestoreTimeStripe1.bak"),
            NR,
            null0());
    assertThat(both.succeeded()).isTrue();
    for (String l : List.of("RestoreTimeStripe_1", "RestoreTimeStripe_2", "RestoreTimeStripe_3")) {
      StepOutcome o =
          engine.apply(t, corpus().step(s1 + l + ".trn", s2 + l + "a.trn"), NR, null0());
      assertThat(o.succeeded()).as(o.describe()).isTrue();
    }
    // The log taken across the second full still continues the first full's chain.
    StepOutcome across =
        engine.apply(
            t, corpus().step(s1 + "restoretime_21.trn", s2 + "restoretime_21a.trn"), NR, null0());
    assertThat(across.succeeded()).as(across.describe()).isTrue();
  }

  @Test
  void ft1LogEndingWhereTheLastDiffEndsAndTheEmptyLogAreTooEarly() {
    TargetDatabase t = TargetDatabase.of("c4", "ft1");
    String d = "sql2008-backups/ft1/";
    for (String f :
        List.of(
            "FULL/SQL2008_ft1_FULL_20170518_041742.bak",
            "DIFF/SQL2008_ft1_DIFF_20170518_041819.bak",
            "DIFF/SQL2008_ft1_DIFF_20170518_041826.bak")) {
      StepOutcome o = engine.apply(t, corpus().step(d + f), NR, null0());
      assertThat(o.succeeded()).as(o.describe()).isTrue();
    }
    assertThat(
            engine
                .apply(t, corpus().step(d + "LOG/SQL2008_ft1_LOG_20170518_041831.trn"), NR, null0())
                .code())
        .isEqualTo(ErrorCode.LOG_TOO_EARLY);
    assertThat(
            engine
                .apply(t, corpus().step(d + "LOG/SQL2008_ft1_LOG_20170518_041837.trn"), NR, null0())
                .code())
        .isEqualTo(ErrorCode.LOG_TOO_EARLY);
  }

  @Test
  void latestDiffAppliesDirectlyOnItsBaseButAnotherFullsDiffDoesNot() {
    TargetDatabase t = TargetDatabase.of("c5", "doublediff");
    assertThat(
            engine
                .apply(t, corpus().step("DoubleDiffing/difftest-full.bak"), NR, null0())
                .succeeded())
        .isTrue();
    assertThat(
            engine
                .apply(t, corpus().step("DoubleDiffing/difftest-diff2.bak"), NR, null0())
                .succeeded())
        .isTrue();
    // diff1 ends before diff2's end: the database is already past it.
    assertThat(
            engine.apply(t, corpus().step("DoubleDiffing/difftest-diff1.bak"), NR, null0()).code())
        .isEqualTo(ErrorCode.DIFF_TOO_EARLY);

    TargetDatabase s = TargetDatabase.of("c6", "simple");
    String d = "sql2008-backups/SimpleRecovery/";
    engine.apply(s, corpus().step(d + "SimpleBacktest.bak"), NR, null0());
    assertThat(engine.apply(s, corpus().step(d + "SimpleBackTest_2.bak"), NR, null0()).succeeded())
        .isTrue();
    // RestoreTimeClean's diff names its own full as base: wrong database first.
    assertThat(
            engine
                .apply(s, corpus().step("RestoreTimeClean/RestoreTimeClean2.bak"), NR, null0())
                .code())
        .isEqualTo(ErrorCode.OTHER_DATABASE);
  }

  @Test
  void theFirst2016LogBeginsBeforeTheFullAndStillApplies() {
    TargetDatabase t = TargetDatabase.of("c7", "RestoreTimeClean");
    engine.apply(t, corpus().step("restoretimeclean2016/RestoreTimeClean.bak"), NR, null0());
    StepOutcome o =
        engine.apply(t, corpus().step("restoretimeclean2016/RestoreTimeClean_1.trn"), NR, null0());
    assertThat(o.succeeded()).as(o.describe()).isTrue();
  }

  @Test
  void aLogOfAnotherDatabaseIsRefused() {
    apply("RestoreTimeClean/RestoreTimeClean.bak");
    StepOutcome o = apply("sql2008-backups/StopAt/StopAt_1.trn");
    assertThat(o.code()).isEqualTo(ErrorCode.OTHER_DATABASE);
    assertThat(o.refusal().message()).contains("'StopAt'").contains("'RestoreTimeClean'");
  }

  @Test
  void aRecoveredDatabaseTakesNoMoreLogsAndAFullNeedsReplace() {
    apply("RestoreTimeClean/RestoreTimeClean.bak");
    apply(corpus().step("RestoreTimeClean/RestoreTimeClean_1.trn"), ApplyOptions.recovery());
    assertThat(apply("RestoreTimeClean/RestoreTimeClean_2.trn").refusal().sqlServerError())
        .isEqualTo(3117);
    assertThat(apply("RestoreTimeClean/RestoreTimeClean.bak").code())
        .isEqualTo(ErrorCode.DATABASE_ONLINE);
    String before = engine.position(target).identity();
    StepOutcome replaced =
        apply(corpus().step("RestoreTimeClean/RestoreTimeClean.bak"), NR.withReplace());
    assertThat(replaced.succeeded()).isTrue();
    assertThat(engine.position(target).identity()).isNotEqualTo(before);
  }

  @Test
  void positionTwoOfTheCompressedMediaIsItsOwnSet() {
    TargetDatabase t = TargetDatabase.of("c8", "SharePoint_Config");
    RestoreStep p2 = new RestoreStep(List.of(corpus().file("compressed/SharePoint_Config.bak", 2)));
    StepOutcome o = engine.apply(t, p2, NR, null0());
    assertThat(o.succeeded()).isTrue();
    assertThat(engine.position(t).restorePoint())
        .isEqualTo(org.cloudsync.format.Lsn.parse("12881000000107200001"));
  }

  /**
   * Thirty nights of four logs, standby after each; a gap; a crash before recording; a new full.
   */
  @Test
  void thirtyNightsWithAGapACrashAndANewFull() {
    TargetDatabase t = TargetDatabase.of("synthetic", "Sales");
    UUID base = UUID.randomUUID();
    List<Integer> percents = new ArrayList<>();
    assertThat(engine.apply(t, full("Sales", base, 1000, 250_001), NR, percents::add).succeeded())
        .isTrue();
    assertThat(percents).as("the verify engine invents no percentage").isEmpty();
    long p = 200_001; // blocks of 100000: valid (vlf, block, slot) triples
    for (int night = 1; night <= 30; night++) {
      for (int i = 0; i < 4; i++) {
        long next = p + 100_000;
        RestoreStep l = log("Sales", p, next);
        StepOutcome o = engine.apply(t, l, ApplyOptions.forNight(i, 4, true), StepProgress.NONE);
        assertThat(o.kind())
            .as("night " + night + " log " + i)
            .isEqualTo(StepOutcome.Kind.VERIFIED);
        p = next;
      }
      assertThat(engine.position(t).status()).isEqualTo(DatabaseStatus.STANDBY);
    }
    assertThat(engine.position(t).restorePoint()).isEqualTo(lsn(p));

    // A gap: the next night's first log starts after p.
    StepOutcome gap = engine.apply(t, log("Sales", p + 10, p + 100_000), NR, StepProgress.NONE);
    assertThat(gap.code()).isEqualTo(ErrorCode.LOG_TOO_RECENT);
    assertThat(engine.position(t).restorePoint()).isEqualTo(lsn(p));

    // A crash between restore and record: the cycle offers the same log again after restart.
    RestoreStep l = log("Sales", p, p + 100_000);
    assertThat(engine.apply(t, l, NR, StepProgress.NONE).succeeded()).isTrue();
    StepOutcome replay = engine.apply(t, l, NR, StepProgress.NONE);
    assertThat(replay.code()).isEqualTo(ErrorCode.LOG_TOO_EARLY);
    assertThat(engine.position(t).restorePoint()).isEqualTo(lsn(p + 100_000));

    // A new initial dump restores over the standby copy (same database) and starts over.
    UUID base2 = UUID.randomUUID();
    String identity = engine.position(t).identity();
    assertThat(
            engine
                .apply(t, full("Sales", base2, 90_000_001, 90_100_001), NR, StepProgress.NONE)
                .succeeded())
        .isTrue();
    DatabaseState s = engine.position(t);
    assertThat(s.baseBackupSetGuid()).isEqualTo(base2);
    assertThat(s.restorePoint()).isEqualTo(lsn(90_100_001));
    assertThat(s.identity()).isEqualTo(identity);
  }

  @Test
  void targetsAreIndependent() {
    TargetDatabase a = TargetDatabase.of("a", "Sales");
    TargetDatabase b = TargetDatabase.of("b", "Sales");
    engine.apply(a, full("Sales", UUID.randomUUID(), 1000, 2000), NR, StepProgress.NONE);
    assertThat(engine.position(a).status()).isEqualTo(DatabaseStatus.RESTORING);
    assertThat(engine.position(b).status()).isEqualTo(DatabaseStatus.ABSENT);
    assertThat(store.load("b")).isEmpty();
  }

  private static StepProgress null0() {
    return StepProgress.NONE;
  }
}
