package org.cloudsync.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cloudsync.ledger.LedgerVerifyStateStore;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-baseline's whole cycle on the verify engine: a new full, the modelled swap, the old copy
 * kept for the center's retention, time passing on a settable clock, and a later sync dropping it.
 */
class RebaselineRetentionTest {
  private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
  private static final String RETIRED = "Riverside_cloudsync_old_202611261200";

  @TempDir Path tmp;

  private final SettableClock clock = new SettableClock(START);

  /** Initial load and two nights, then the new full (after the third night's logs). */
  private ApplyReport rebaselined(FeedLedger f) throws Exception {
    f.deliver(f.fulls().get(0));
    ApplyReport initial = f.apply();
    assertThat(initial.stop()).isNull();
    f.deliver(f.zips().get(0));
    f.deliver(f.zips().get(1));
    f.apply();
    f.deliver(f.zips().get(2));
    f.deliver(f.fulls().get(1));
    return f.apply();
  }

  private static RebaselineRecord record(FeedLedger f) {
    return new RebaselineStore(f.ledger).list(FeedLedger.CENTER).get(0);
  }

  private static TargetDatabase target(FeedLedger f) {
    return Engines.target(f.center());
  }

  @Test
  void sideBySideKeepsTheOldCopyForItsRetentionThenALaterSyncDropsIt() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(4).newFull(3, 1), clock)) {
      f.centers.place(FeedLedger.CENTER, p -> p.withOldCopyRetentionDays(3));
      f.deliver(f.fulls().get(0));
      ApplyReport initial = f.apply();
      assertThat(initial.notes())
          .contains(
              "initial load: free space check not performed; not checked: no SQL Server is"
                  + " configured for this center, so the verify engine has no disk to measure");
      f.deliver(f.zips().get(0));
      f.deliver(f.zips().get(1));
      DatabaseState old = f.apply().after();
      f.deliver(f.zips().get(2));
      f.deliver(f.fulls().get(1));
      ApplyReport r = f.apply();
      assertThat(r.stop()).isNull();
      assertThat(r.notes())
          .contains(
              "re-baseline: free space check not performed; not checked: no SQL Server is"
                  + " configured for this center, so the verify engine has no disk to measure");
      assertThat(r.notes())
          .anyMatch(
              n ->
                  n.startsWith("re-baselined side-by-side onto full")
                      && n.endsWith(
                          "; the old copy is kept as '"
                              + RETIRED
                              + "' until 2026-11-29T12:00Z (3 day(s)), then dropped (modelled by"
                              + " the verify engine)"));

      RebaselineRecord rec = record(f);
      assertThat(rec.state()).isEqualTo("done");
      assertThat(rec.engine()).isEqualTo("verify");
      assertThat(rec.strategy()).isEqualTo("side-by-side");
      assertThat(rec.temporaryName()).isEqualTo("Riverside_cloudsync_new");
      assertThat(rec.retiredName()).isEqualTo(RETIRED);
      assertThat(rec.oldIdentity()).isEqualTo(old.identity());
      assertThat(rec.spaceCheck()).startsWith("free space check not performed");
      assertThat(rec.spaceNeededBytes()).isNull();
      assertThat(rec.spaceAvailableBytes()).isNull();
      OffsetDateTime swapped = OffsetDateTime.ofInstant(START, ZoneOffset.UTC);
      assertThat(rec.swappedAt()).isEqualTo(swapped);
      assertThat(rec.dropAfter()).isEqualTo(swapped.plusDays(3));
      assertThat(rec.droppedAt()).isNull();

      // The model holds the old copy beside the new live database, under the recorded name.
      assertThat(f.engines.verify().oldCopies(target(f)))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.name()).isEqualTo(RETIRED);
                assertThat(c.identity()).isEqualTo(old.identity());
                assertThat(c.restorePoint()).isEqualTo(rec.oldRestoreLsn());
              });
      assertThat(r.after().identity()).isNotEqualTo(old.identity());
      CenterStatus status = new StatusReader(f.ledger, f.centers, f.engines).read(f.center());
      assertThat(status.oldCopies())
          .containsExactly(
              new CenterStatus.OldCopy(RETIRED, "verify", swapped, swapped.plusDays(3), null));

      // A minute before the retention ends: kept.
      clock.advance(Duration.ofDays(3).minusMinutes(1));
      ApplyReport early = f.apply();
      assertThat(early.notes()).noneMatch(n -> n.contains("old copy '"));
      assertThat(record(f).droppedAt()).isNull();
      assertThat(f.engines.verify().oldCopies(target(f))).hasSize(1);

      // The retention ended: the next sync drops it and records when.
      clock.advance(Duration.ofMinutes(1));
      f.deliver(f.zips().get(3));
      ApplyReport later = f.apply();
      assertThat(later.stop()).isNull();
      assertThat(later.notes())
          .contains(
              "old copy '"
                  + RETIRED
                  + "' (kept since 2026-11-26T12:00Z, retention ended 2026-11-29T12:00Z): verify"
                  + " engine: modelled DROP DATABASE of '"
                  + RETIRED
                  + "'; nothing was on a disk");
      RebaselineRecord dropped = record(f);
      assertThat(dropped.droppedAt()).isEqualTo(swapped.plusDays(3));
      assertThat(dropped.dropNote()).startsWith("verify engine: modelled DROP DATABASE");
      assertThat(f.engines.verify().oldCopies(target(f))).isEmpty();
      assertThat(new StatusReader(f.ledger, f.centers, f.engines).read(f.center()).oldCopies())
          .isEmpty();
      // The live database went on with the night's logs.
      assertThat(later.after().restorePoint()).isEqualTo(f.manifest.chainEnd());
      // Nothing left to drop.
      clock.advance(Duration.ofDays(30));
      assertThat(f.apply().notes()).noneMatch(n -> n.contains("old copy '"));
    }
  }

  @Test
  void inPlaceKeepsNoOldCopySoRetentionIsMoot() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(4).newFull(3, 1), clock)) {
      f.centers.place(
          FeedLedger.CENTER, p -> p.withRebaseline(Placement.RebaselineStrategy.IN_PLACE));
      ApplyReport r = rebaselined(f);
      assertThat(r.stop()).isNull();
      assertThat(r.notes())
          .anyMatch(
              n ->
                  n.startsWith("re-baselined in-place onto full")
                      && n.endsWith(
                          "; in place: WITH REPLACE overwrote the old copy, so none is kept and no"
                              + " retention applies"));
      RebaselineRecord rec = record(f);
      assertThat(rec.strategy()).isEqualTo("in-place");
      assertThat(rec.retiredName()).isNull();
      assertThat(rec.swappedAt()).isNull();
      assertThat(rec.spaceCheck())
          .startsWith("free space check not performed")
          .doesNotContain("enough");
      assertThat(f.engines.verify().oldCopies(target(f))).isEmpty();
    }
  }

  @Test
  void aCopyThatIsNoLongerTheOneKeptIsNeverDropped() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(4).newFull(3, 1), clock)) {
      f.centers.place(FeedLedger.CENTER, p -> p.withOldCopyRetentionDays(0));
      rebaselined(f);
      // Someone dropped the old copy and made another database under its name.
      LedgerVerifyStateStore store = new LedgerVerifyStateStore(f.ledger);
      DatabaseState kept = store.oldCopies(FeedLedger.CENTER.value()).get(0);
      store.saveOldCopy(
          FeedLedger.CENTER.value(),
          new DatabaseState(
              kept.status(),
              kept.name(),
              kept.restorePoint(),
              kept.recoveryForkId(),
              kept.baseBackupSetGuid(),
              kept.backupDatabaseName(),
              kept.backupVersion(),
              "someone-elses"));
      ApplyReport next = f.apply();
      assertThat(next.notes()).anyMatch(n -> n.endsWith("recorded when it was kept; not dropped"));
      RebaselineRecord rec = record(f);
      assertThat(rec.droppedAt()).isNull();
      assertThat(rec.dropNote())
          .isEqualTo(
              "verify engine: database '"
                  + RETIRED
                  + "' has identity someone-elses, not the "
                  + rec.oldIdentity()
                  + " recorded when it was kept; not dropped");
      assertThat(f.engines.verify().oldCopies(target(f))).hasSize(1);
      assertThat(new StatusReader(f.ledger, f.centers, f.engines).read(f.center()).oldCopies())
          .singleElement()
          .satisfies(c -> assertThat(c.lastDropAttempt()).contains("not dropped"));
    }
  }

  @Test
  void aCopyAlreadyGoneIsRecordedAsDropped() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(4).newFull(3, 1), clock)) {
      f.centers.place(FeedLedger.CENTER, p -> p.withOldCopyRetentionDays(1));
      rebaselined(f);
      new LedgerVerifyStateStore(f.ledger).removeOldCopy(FeedLedger.CENTER.value(), RETIRED);
      clock.advance(Duration.ofDays(1));
      f.apply();
      RebaselineRecord rec = record(f);
      assertThat(rec.droppedAt())
          .isEqualTo(OffsetDateTime.ofInstant(START, ZoneOffset.UTC).plusDays(1));
      assertThat(rec.dropNote())
          .isEqualTo("verify engine: no database '" + RETIRED + "' is modelled any more");
    }
  }
}
