package org.cloudsync.restore.sqlserver;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import org.cloudsync.format.Lsn;

/** Scripts the rows SQL Server's catalog and msdb return for a database in a given state. */
final class ScriptedServer {
  static final Timestamp CREATED = Timestamp.valueOf(LocalDateTime.of(2026, 11, 1, 2, 0, 0));

  private ScriptedServer() {}

  static BigDecimal dec(Lsn lsn) {
    return new BigDecimal(lsn.toBigInteger());
  }

  static FakeSqlSession version(FakeSqlSession s, String productVersion, int engineEdition) {
    return s.on(
        "SELECT CAST(SERVERPROPERTY",
        Row.of(
            "ProductVersion",
            productVersion,
            "EngineEdition",
            engineEdition,
            "Edition",
            engineEdition == 3 ? "Developer Edition (64-bit)" : "Standard Edition (64-bit)"));
  }

  static FakeSqlSession absent(FakeSqlSession s) {
    return s.on(ServerPosition.DATABASE_SQL)
        .onContaining("FROM msdb.dbo.restorehistory")
        .on("RESTORE FILELISTONLY");
  }

  static FakeSqlSession database(FakeSqlSession s, String state, boolean standby) {
    return s.on(
        ServerPosition.DATABASE_SQL,
        Row.of(
            "database_id",
            7,
            "name",
            "Sales",
            "state_desc",
            state,
            "is_in_standby",
            standby,
            "create_date",
            CREATED));
  }

  static FakeSqlSession redoStart(FakeSqlSession s, Lsn redo) {
    return s.on(
        ServerPosition.FILES_SQL,
        Row.of(
            "file_id",
            1,
            "type_desc",
            "ROWS",
            "redo_start_lsn",
            redo == null ? null : dec(redo),
            "redo_start_fork_guid",
            "A1B2C3D4-0000-1111-2222-333344445555"),
        Row.of(
            "file_id",
            2,
            "type_desc",
            "LOG",
            "redo_start_lsn",
            redo == null ? null : dec(redo),
            "redo_start_fork_guid",
            "A1B2C3D4-0000-1111-2222-333344445555"));
  }

  /** The last restore (of {@code type}) ended at {@code lastLsn}; the last full is {@code base}. */
  static FakeSqlSession history(FakeSqlSession s, String type, Lsn lastLsn, String base) {
    Row last =
        Row.of(
            "restore_history_id",
            42,
            "restore_date",
            CREATED,
            "restore_type",
            type,
            "destination_database_name",
            "Sales",
            "first_lsn",
            dec(Lsn.ZERO),
            "last_lsn",
            dec(lastLsn),
            "backup_set_uuid",
            "0C0AD1C0-E5D9-4A8A-83EE-845BAEC10D94",
            "database_name",
            "Sales",
            "last_recovery_fork_guid",
            "A1B2C3D4-0000-1111-2222-333344445555",
            "software_major_version",
            15,
            "software_minor_version",
            0,
            "software_build_version",
            2000);
    Row full =
        Row.of(
            "restore_history_id",
            40,
            "restore_date",
            CREATED,
            "restore_type",
            "D",
            "destination_database_name",
            "Sales",
            "first_lsn",
            dec(Lsn.ZERO),
            "last_lsn",
            dec(Lsn.ZERO),
            "backup_set_uuid",
            base,
            "database_name",
            "Sales",
            "last_recovery_fork_guid",
            "A1B2C3D4-0000-1111-2222-333344445555",
            "software_major_version",
            15,
            "software_minor_version",
            0,
            "software_build_version",
            2000);
    return s.on(
            sql -> sql.contains("FROM msdb.dbo.restorehistory") && !sql.contains("= 'D'"),
            p -> java.util.List.of(last))
        .on(sql -> sql.contains("restore_type = 'D'"), p -> java.util.List.of(full));
  }

  static FakeSqlSession noReaders(FakeSqlSession s) {
    return s.on(ReaderSessions.SESSIONS_SQL);
  }
}
