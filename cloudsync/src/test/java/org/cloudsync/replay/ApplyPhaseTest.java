package org.cloudsync.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.ledger.ReplayStore;
import org.cloudsync.restore.DatabaseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyPhaseTest {
  @TempDir Path tmp;

  @Test
  void initialLoadThenThirtyNightsEachVerifiedToTheChainsEnd() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(30).fullStripes(2))) {
      f.deliver(f.fulls().get(0));
      ApplyReport first = f.apply();
      assertThat(first.stop()).isNull();
      assertThat(first.engine()).isEqualTo("verify");
      assertThat(first.restoresData()).isFalse();
      assertThat(first.steps())
          .singleElement()
          .asString()
          .startsWith("verify engine: verified full");
      assertThat(first.after().status()).isEqualTo(DatabaseStatus.STANDBY);
      assertThat(f.inState(FileState.VERIFIED)).hasSize(2);
      for (String zip : f.zips()) {
        f.deliver(zip);
        ApplyReport night = f.apply();
        assertThat(night.stop()).as(zip).isNull();
        assertThat(night.steps())
            .hasSize(4)
            .allMatch(s -> s.startsWith("verify engine: verified log"));
        assertThat(night.after().status()).isEqualTo(DatabaseStatus.STANDBY);
      }
      assertThat(f.engines.verify().position(Engines.target(f.center())).restorePoint())
          .isEqualTo(f.manifest.chainEnd());
      assertThat(f.inState(FileState.VERIFIED)).hasSize(2 + 30 * 4);
      assertThat(f.inState(FileState.VALIDATED)).isEmpty();
      assertThat(f.inState(FileState.APPLIED)).isEmpty();
      // Nothing new: nothing happens.
      ApplyReport again = f.apply();
      assertThat(again.steps()).isEmpty();
      assertThat(again.stop()).isNull();
    }
  }

  @Test
  void aGapStopsWithLsnGapAndItsRangeAndTheResentLogResumes() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(3).missingLog(2, 1))) {
      f.deliver(f.fulls().get(0));
      f.apply();
      f.deliver(f.zips().get(0));
      f.deliver(f.zips().get(1));
      ApplyReport gap = f.apply();
      SyntheticFeed.GeneratedFile missing = f.manifest.withheld().get(0);
      assertThat(gap.stop().code()).isEqualTo(ErrorCode.LSN_GAP);
      assertThat(gap.stop().message())
          .contains("missing LSN range " + missing.header().firstLsn().toDecimalString() + " to ");
      assertThat(gap.steps()).hasSize(4 + 1);
      assertThat(new ReplayStore(f.ledger).lastError(FeedLedger.CENTER).orElseThrow().code())
          .isEqualTo("LSN_GAP");
      assertThat(f.inState(FileState.VALIDATED)).hasSize(2);
      // Still stuck the next night, and nothing is skipped.
      f.deliver(f.zips().get(2));
      ApplyReport stuck = f.apply();
      assertThat(stuck.stop().code())
          .as(stuck.stop().message() + stuck.steps())
          .isEqualTo(ErrorCode.LSN_GAP);
      assertThat(f.inState(FileState.SKIPPED)).isEmpty();
      f.deliverWithheld(missing);
      ApplyReport resumed = f.apply();
      assertThat(resumed.stop()).isNull();
      assertThat(resumed.steps()).hasSize(1 + 2 + 4);
      assertThat(resumed.after().restorePoint()).isEqualTo(f.manifest.chainEnd());
      assertThat(new ReplayStore(f.ledger).lastError(FeedLedger.CENTER)).isEmpty();
    }
  }

  @Test
  void aNewFullIsNoticedAndTheVerifyEngineModelsTheRebaseline() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(4).newFull(3, 1))) {
      f.deliver(f.fulls().get(0));
      f.apply();
      f.deliver(f.zips().get(0));
      f.deliver(f.zips().get(1));
      ApplyReport before = f.apply();
      String oldIdentity = before.after().identity();
      f.deliver(f.zips().get(2));
      f.deliver(f.fulls().get(1));
      ApplyReport r = f.apply();
      assertThat(r.stop()).isNull();
      assertThat(r.notes())
          .anyMatch(n -> n.startsWith("re-baselined side-by-side onto full " + f.fulls().get(1)));
      assertThat(r.after().identity()).isNotEqualTo(oldIdentity);
      assertThat(r.after().baseBackupSetGuid())
          .isEqualTo(f.groups.get(f.fulls().get(1)).get(0).header().backupSetGuid());
      var rebaselines = new RebaselineStore(f.ledger).list(FeedLedger.CENTER);
      assertThat(rebaselines)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.state()).isEqualTo("done");
                assertThat(x.engine()).isEqualTo("verify");
                assertThat(x.strategy()).isEqualTo("side-by-side");
                assertThat(x.retiredName()).isEqualTo("Riverside_cloudsync_old_202611261200");
                assertThat(x.oldIdentity()).isEqualTo(oldIdentity);
              });
      assertThat(f.inState(FileState.VALIDATED)).isEmpty();
      f.deliver(f.zips().get(3));
      ApplyReport next = f.apply();
      assertThat(next.stop()).isNull();
      assertThat(next.after().restorePoint()).isEqualTo(f.manifest.chainEnd());
      assertThat(new ReplayStore(f.ledger).known(FeedLedger.CENTER).orElseThrow().identity())
          .isEqualTo(next.after().identity());
    }
  }

  @Test
  void dryRunPrintsTheStatementsAndRecordsNothing() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1).fullStripes(2))) {
      f.deliver(f.fulls().get(0));
      f.deliver(f.zips().get(0));
      ApplyReport dry =
          f.applyWith(f.engines.verify(), f.centers.placement(FeedLedger.CENTER), true);
      assertThat(dry.statements()).hasSize(5);
      assertThat(dry.statements().get(0))
          .startsWith("RESTORE DATABASE [Riverside] FROM DISK = N'")
          .contains("NORECOVERY");
      assertThat(dry.statements().get(4))
          .startsWith("RESTORE LOG [Riverside]")
          .contains("STANDBY = N'/var/opt/mssql/standby");
      assertThat(f.inState(FileState.VALIDATED)).hasSize(2 + 4);
      assertThat(f.engines.verify().position(Engines.target(f.center())).status())
          .isEqualTo(DatabaseStatus.ABSENT);
    }
  }

  @Test
  void norecoveryOnlyKeepsTheDatabaseRestoring() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(1))) {
      f.centers.place(FeedLedger.CENTER, p -> p.withNorecoveryOnly(true));
      f.deliver(f.fulls().get(0));
      f.deliver(f.zips().get(0));
      ApplyReport r = f.apply();
      assertThat(r.after().status()).isEqualTo(DatabaseStatus.RESTORING);
      assertThat(r.steps()).hasSize(5);
    }
  }

  @Test
  void fileTypesAreWhatThePlanSaysAndDuplicatesAreSkippedWithTheReason() throws Exception {
    try (FeedLedger f = new FeedLedger(tmp, b -> b.days(2).duplicateLastLog(1))) {
      f.deliver(f.fulls().get(0));
      f.deliver(f.zips().get(0));
      f.apply();
      f.deliver(f.zips().get(1));
      ApplyReport r = f.apply();
      assertThat(r.stop()).isNull();
      assertThat(f.inState(FileState.SKIPPED)).hasSize(1);
      assertThat(r.notes()).anyMatch(n -> n.startsWith("skipped "));
      assertThat(f.manifest.files(BackupType.LOG)).hasSize(2 * 4 + 1);
    }
  }
}
