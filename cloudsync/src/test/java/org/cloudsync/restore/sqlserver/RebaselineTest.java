package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.SyntheticSteps;
import org.junit.jupiter.api.Test;

class RebaselineTest {
  private static final BackupHeader NEW_FULL =
      SyntheticSteps.full("Sales", UUID.randomUUID(), 1, 2).header();

  @Test
  void namesAndSwapStatements() {
    String temp = Rebaseline.temporaryName("Sa]les");
    String retired = Rebaseline.retiredName("Sa]les", LocalDate.of(2026, 11, 26));
    assertThat(temp).isEqualTo("Sa]les_cloudsync_new");
    assertThat(retired).isEqualTo("Sa]les_cloudsync_old_20261126");
    assertThat(Rebaseline.swapStatements("Sa]les", temp, retired))
        .containsExactly(
            "ALTER DATABASE [Sa]]les] MODIFY NAME = [Sa]]les_cloudsync_old_20261126]",
            "ALTER DATABASE [Sa]]les_cloudsync_new] MODIFY NAME = [Sa]]les]");
    assertThat(Rebaseline.undoStatement("Sa]les", retired))
        .isEqualTo("ALTER DATABASE [Sa]]les_cloudsync_old_20261126] MODIFY NAME = [Sa]]les]");
    assertThat(Rebaseline.dropStatement(retired))
        .isEqualTo("DROP DATABASE [Sa]]les_cloudsync_old_20261126]");
  }

  @Test
  void sideBySideIsRefusedUntilProvenAndWithoutDirectories() {
    SqlServerSettings noDirs = SqlServerSettings.defaults();
    SqlServerSettings dirs = noDirs.withDirectories("/data", "/log");
    Refusal r = Rebaseline.checkSideBySide(noDirs, true);
    assertThat(r.code()).isEqualTo(ErrorCode.REBASELINE_UNSUPPORTED);
    assertThat(r.message()).contains("data and log directories");
    Refusal unproven = Rebaseline.checkSideBySide(dirs, false);
    assertThat(unproven.message()).contains("not proven on this server");
    assertThat(unproven.hints()).anyMatch(h -> h.contains("in-place"));
    assertThat(Rebaseline.checkSideBySide(dirs, true)).isNull();
  }

  @Test
  void freeSpaceIsComparedWithTheNewCopysFiles() throws Exception {
    long needed = Rebaseline.bytesNeeded(NEW_FULL);
    assertThat(needed).isEqualTo((8L << 20) + (1L << 20));
    FakeSqlSession tight =
        new FakeSqlSession()
            .on(
                Rebaseline.FREE_SPACE_SQL,
                Row.of("volume_mount_point", "D:\\", "available_bytes", needed - 1));
    Refusal r =
        Rebaseline.checkFreeSpace(tight, "Sales", NEW_FULL, Rebaseline.Strategy.SIDE_BY_SIDE, 0);
    assertThat(r.code()).isEqualTo(ErrorCode.SERVER_DISK_FULL);
    assertThat(r.message())
        .isEqualTo(
            "volume D:\\ has "
                + (needed - 1)
                + " bytes free; the side-by-side re-baseline of 'Sales' needs "
                + needed);
    // In place reuses the live copy's space.
    assertThat(
            Rebaseline.checkFreeSpace(
                tight, "Sales", NEW_FULL, Rebaseline.Strategy.IN_PLACE, 2L << 20))
        .isNull();
  }
}
