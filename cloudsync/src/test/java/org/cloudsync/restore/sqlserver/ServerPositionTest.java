package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.TargetDatabase;
import org.junit.jupiter.api.Test;

class ServerPositionTest {
  private static final TargetDatabase SALES = TargetDatabase.of("center-1", "Sales");
  private static final Lsn P = Lsn.parse("25000000015300001");
  private static final String BASE = "5AF3E50D-A4E0-4E9B-8AEF-FE52898C6359";
  private final FakeSqlSession s = new FakeSqlSession();

  @Test
  void noRowInSysDatabasesIsAbsent() throws Exception {
    ScriptedServer.absent(s);
    assertThat(ServerPosition.read(s, SALES)).isEqualTo(DatabaseState.absent("Sales"));
  }

  @Test
  void restoringTakesRedoStartLsnWhichAgreesWithMsdb() throws Exception {
    ScriptedServer.database(s, "RESTORING", false);
    ScriptedServer.redoStart(s, P);
    ScriptedServer.history(s, "L", P, BASE);
    DatabaseState st = ServerPosition.read(s, SALES);
    assertThat(st.status()).isEqualTo(DatabaseStatus.RESTORING);
    assertThat(st.restorePoint()).isEqualTo(P);
    assertThat(st.recoveryForkId())
        .isEqualTo(UUID.fromString("a1b2c3d4-0000-1111-2222-333344445555"));
    assertThat(st.baseBackupSetGuid()).isEqualTo(UUID.fromString(BASE.toLowerCase()));
    assertThat(st.backupDatabaseName()).isEqualTo("Sales");
    assertThat(st.backupVersion()).isEqualTo(new SoftwareVersion(15, 0, 2000));
    assertThat(st.identity()).isEqualTo("7@2026-11-01T02:00");
  }

  @Test
  void restoringWithoutMsdbHistoryStillHasItsRedoStartLsnButNoBase() throws Exception {
    ScriptedServer.database(s, "RESTORING", false);
    ScriptedServer.redoStart(s, P);
    s.onContaining("FROM msdb.dbo.restorehistory");
    DatabaseState st = ServerPosition.read(s, SALES);
    assertThat(st.restorePoint()).isEqualTo(P);
    assertThat(st.baseBackupSetGuid()).isNull();
    assertThat(st.backupDatabaseName()).isNull();
  }

  @Test
  void restoringWhereRedoStartAndMsdbDisagreeIsUnknownNeverAGuess() {
    ScriptedServer.database(s, "RESTORING", false);
    ScriptedServer.redoStart(s, P);
    ScriptedServer.history(s, "L", Lsn.parse("25000000016300001"), BASE);
    assertThatThrownBy(() -> ServerPosition.read(s, SALES))
        .isInstanceOf(CloudsyncException.class)
        .satisfies(
            e -> {
              CloudsyncException c = (CloudsyncException) e;
              assertThat(c.code()).isEqualTo(ErrorCode.POSITION_UNKNOWN);
              assertThat(c.getMessage())
                  .contains("redo_start_lsn is 25000000015300001")
                  .contains("ends at 25000000016300001");
              assertThat(c.hints()).isNotEmpty();
            });
  }

  @Test
  void restoringWithoutRedoStartLsnIsAnInterruptedRestoreWithoutARestorePoint() throws Exception {
    ScriptedServer.database(s, "RESTORING", false);
    ScriptedServer.redoStart(s, null);
    ScriptedServer.history(s, "L", P, BASE);
    DatabaseState st = ServerPosition.read(s, SALES);
    assertThat(st.status()).isEqualTo(DatabaseStatus.RESTORING);
    assertThat(st.restorePoint()).isNull();
    assertThat(st.acceptsLogs()).isFalse();
  }

  @Test
  void standbyTakesTheLastRestoredSetsLastLsnFromMsdb() throws Exception {
    ScriptedServer.database(s, "ONLINE", true);
    ScriptedServer.history(s, "L", P, BASE);
    DatabaseState st = ServerPosition.read(s, SALES);
    assertThat(st.status()).isEqualTo(DatabaseStatus.STANDBY);
    assertThat(st.restorePoint()).isEqualTo(P);
    assertThat(s.queried).noneMatch(q -> q.startsWith("SELECT file_id"));
  }

  @Test
  void standbyWithoutHistoryIsUnknown() {
    ScriptedServer.database(s, "ONLINE", true);
    s.onContaining("FROM msdb.dbo.restorehistory");
    assertThatThrownBy(() -> ServerPosition.read(s, SALES))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("in standby and msdb holds no restore history")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.POSITION_UNKNOWN);
  }

  @Test
  void onlineIsRecoveredAndTakesNoLogs() throws Exception {
    ScriptedServer.database(s, "ONLINE", false);
    ScriptedServer.history(s, "L", P, BASE);
    DatabaseState st = ServerPosition.read(s, SALES);
    assertThat(st.status()).isEqualTo(DatabaseStatus.ONLINE);
    assertThat(st.acceptsLogs()).isFalse();
  }

  @Test
  void otherStatesAreUnknown() {
    for (String state : List.of("RECOVERY_PENDING", "SUSPECT", "OFFLINE", "EMERGENCY")) {
      FakeSqlSession f = new FakeSqlSession();
      ScriptedServer.database(f, state, false);
      assertThatThrownBy(() -> ServerPosition.read(f, SALES))
          .as(state)
          .hasMessageContaining("database 'Sales' is " + state);
    }
  }

  @Test
  void historyIsSearchedUnderFormerNamesToo() throws Exception {
    ScriptedServer.database(s, "ONLINE", true);
    ScriptedServer.history(s, "L", P, BASE);
    ServerPosition.read(s, new TargetDatabase("center-1", "Sales", List.of("Sales_cloudsync_new")));
    int i = s.queried.indexOf(ServerPosition.lastRestoreSql(2));
    assertThat(i).isNotNegative();
    assertThat(s.queryParams.get(i)).containsExactly("Sales", "Sales_cloudsync_new");
    assertThat(ServerPosition.lastRestoreSql(2))
        .contains(
            "WHERE rh.destination_database_name IN (?, ?) ORDER BY rh.restore_history_id"
                + " DESC");
  }
}
