package org.cloudsync.format.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;
import org.junit.jupiter.api.Test;

class SyntheticDatabaseTest {
  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 4, 23, 0);
  static final ZoneOffset ZONE = ZoneOffset.ofHours(-5);

  @Test
  void logsAreContiguousAndTheFirstLogSpansTheFull() {
    SyntheticDatabase db = new SyntheticDatabase("ClinicA", ZONE, 7);
    BackupHeader full = db.full(T0);
    BackupHeader previous = null;
    for (int i = 1; i <= 200; i++) {
      BackupHeader log = db.log(T0.plusMinutes(15L * i));
      assertThat(log.lastLsn()).isGreaterThan(log.firstLsn());
      if (previous == null) {
        assertThat(log.firstLsn()).isLessThanOrEqualTo(full.lastLsn());
        assertThat(log.lastLsn()).isGreaterThan(full.lastLsn());
      } else {
        assertThat(log.firstLsn()).isEqualTo(previous.lastLsn());
      }
      assertThat(log.databaseBackupLsn()).isEqualTo(full.checkpointLsn());
      assertThat(log.baseBackupSetGuid()).isEqualTo(full.backupSetGuid());
      assertThat(log.timeZoneOffset()).isEqualTo(ZONE);
      previous = log;
    }
    assertThat(db.logChainEnd()).isEqualTo(previous.lastLsn());
  }

  @Test
  void aDiffIsBasedOnTheLatestFullAndALaterFullDoesNotBreakTheLogChain() {
    SyntheticDatabase db = new SyntheticDatabase("ClinicA", ZONE, 8);
    BackupHeader first = db.full(T0);
    BackupHeader log1 = db.log(T0.plusMinutes(15));
    BackupHeader second = db.full(T0.plusMinutes(20));
    BackupHeader diff = db.diff(T0.plusMinutes(25));
    BackupHeader log2 = db.log(T0.plusMinutes(30));
    assertThat(second.databaseBackupLsn()).isEqualTo(first.checkpointLsn());
    assertThat(diff.backupType()).isEqualTo(BackupType.DIFFERENTIAL);
    assertThat(diff.differentialBaseGuid()).isEqualTo(second.backupSetGuid());
    assertThat(diff.differentialBaseLsn()).isEqualTo(second.checkpointLsn());
    assertThat(log2.firstLsn()).isEqualTo(log1.lastLsn());
    assertThat(log2.lastLsn()).isGreaterThan(diff.lastLsn());
    assertThat(log2.baseBackupSetGuid()).isEqualTo(second.backupSetGuid());
  }

  @Test
  void anEmptyLogStartsAndEndsWhereTheChainStands() {
    SyntheticDatabase db = new SyntheticDatabase("ClinicA", ZONE, 9);
    db.full(T0);
    BackupHeader log = db.log(T0.plusMinutes(15));
    BackupHeader empty = db.emptyLog(T0.plusMinutes(30));
    assertThat(empty.isEmptyLog()).isTrue();
    assertThat(empty.firstLsn()).isEqualTo(log.lastLsn());
    assertThat(db.log(T0.plusMinutes(45)).firstLsn()).isEqualTo(log.lastLsn());
  }

  @Test
  void theSameSeedGivesTheSameHeadersAndAnotherSeedOthers() {
    SyntheticDatabase a = new SyntheticDatabase("ClinicA", ZONE, 1);
    SyntheticDatabase b = new SyntheticDatabase("ClinicA", ZONE, 1);
    SyntheticDatabase c = new SyntheticDatabase("ClinicA", ZONE, 2);
    assertThat(a.full(T0)).isEqualTo(b.full(T0));
    assertThat(a.log(T0.plusHours(1))).isEqualTo(b.log(T0.plusHours(1)));
    assertThat(c.full(T0).backupSetGuid()).isNotEqualTo(a.latestFull().backupSetGuid());
  }

  @Test
  void aNewRecoveryForkIsCarriedByLaterBackups() {
    SyntheticDatabase db = new SyntheticDatabase("ClinicA", ZONE, 3);
    BackupHeader full = db.full(T0);
    db.newRecoveryFork();
    BackupHeader log = db.log(T0.plusMinutes(15));
    assertThat(log.recoveryForkId()).isNotNull().isNotEqualTo(full.recoveryForkId());
  }

  @Test
  void logsAndDiffsNeedAFull() {
    SyntheticDatabase db = new SyntheticDatabase("ClinicA", ZONE, 4);
    assertThatThrownBy(() -> db.log(T0)).hasMessageContaining("needs a full first");
    assertThatThrownBy(() -> db.diff(T0)).hasMessageContaining("needs a full first");
  }

  @Test
  void lsnsCrossVirtualLogFilesAndStillIncrease() {
    SyntheticDatabase db = new SyntheticDatabase("ClinicA", ZONE, 5);
    db.full(T0);
    Lsn first = db.logChainEnd();
    for (int i = 0; i < 2000; i++) {
      db.log(T0.plusMinutes(i));
    }
    assertThat(db.logChainEnd().vlf()).isGreaterThan(first.vlf());
  }
}
