package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.TargetDatabase;

/**
 * Reads a database's real position from the server's own records, which are the truth after a
 * crash:
 *
 * <ul>
 *   <li>{@code sys.databases}: exists? {@code state_desc}, {@code is_in_standby}; the identity
 *       {@code database_id@create_date}, which a rename ({@code MODIFY NAME}) keeps and a new
 *       restore over the name replaces;
 *   <li>while {@code RESTORING}: {@code sys.master_files.redo_start_lsn} and {@code
 *       redo_start_fork_guid} of the primary data file (documented for this state); {@code
 *       redo_start_lsn} NULL means an interrupted restore with no restore point, onto which only a
 *       full can go;
 *   <li>in {@code STANDBY} (and online): {@code msdb.dbo.restorehistory} joined to {@code
 *       backupset}: the last restored set's {@code last_lsn}. That history is keyed by name (former
 *       names are searched too) and may be purged: without it the position is unknown and the cycle
 *       stops, never guessing;
 *   <li>the base full (for differentials) and the backups' database name and version: from the last
 *       full restore in that history.
 * </ul>
 *
 * <p>When both sources exist for a {@code RESTORING} database and disagree, the position is
 * unknown. That {@code redo_start_lsn} equals the last restored backup's {@code LastLSN} is what
 * the gated suite proves on a real server.
 */
final class ServerPosition {
  static final String DATABASE_SQL =
      "SELECT database_id, name, state_desc, is_in_standby, create_date"
          + " FROM sys.databases WHERE name = ?";

  static final String FILES_SQL =
      "SELECT file_id, type_desc, redo_start_lsn, redo_start_fork_guid"
          + " FROM sys.master_files WHERE database_id = ? ORDER BY file_id";

  private static final String HISTORY_COLUMNS =
      "SELECT TOP (1) rh.restore_history_id, rh.restore_date, rh.restore_type,"
          + " rh.destination_database_name, bs.first_lsn, bs.last_lsn, bs.backup_set_uuid,"
          + " bs.database_name, bs.last_recovery_fork_guid, bs.software_major_version,"
          + " bs.software_minor_version, bs.software_build_version"
          + " FROM msdb.dbo.restorehistory AS rh"
          + " JOIN msdb.dbo.backupset AS bs ON bs.backup_set_id = rh.backup_set_id"
          + " WHERE rh.destination_database_name IN (";

  private ServerPosition() {}

  /** The last restore into any of {@code names}, newest first. */
  static String lastRestoreSql(int names) {
    return HISTORY_COLUMNS + placeholders(names) + ") ORDER BY rh.restore_history_id DESC";
  }

  /** The last full restore into any of {@code names}. */
  static String lastFullRestoreSql(int names) {
    return HISTORY_COLUMNS
        + placeholders(names)
        + ") AND rh.restore_type = 'D' ORDER BY rh.restore_history_id DESC";
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** {@code database_id@create_date} of a {@link #DATABASE_SQL} row: survives a rename. */
  static String identity(Row db) {
    return db.integer("database_id") + "@" + db.dateTime("create_date");
  }

  static DatabaseState read(SqlSession session, TargetDatabase target) throws SQLException {
    List<Row> dbs = session.query(DATABASE_SQL, target.name());
    if (dbs.isEmpty()) {
      return DatabaseState.absent(target.name());
    }
    Row db = dbs.get(0);
    int id = db.integer("database_id");
    String identity = identity(db);
    String stateDesc = db.string("state_desc");
    boolean standby = Boolean.TRUE.equals(db.bool("is_in_standby"));
    DatabaseStatus status;
    if ("RESTORING".equals(stateDesc)) {
      status = DatabaseStatus.RESTORING;
    } else if ("ONLINE".equals(stateDesc)) {
      status = standby ? DatabaseStatus.STANDBY : DatabaseStatus.ONLINE;
    } else {
      throw unknown(
          target,
          "database '" + target.name() + "' is " + stateDesc,
          "bring it back to RESTORING, standby or ONLINE (or drop it) before cloudsync continues");
    }

    Object[] names = names(target);
    Row last = first(session.query(lastRestoreSql(names.length), names));
    Row full = first(session.query(lastFullRestoreSql(names.length), names));

    Lsn p;
    java.util.UUID fork = null;
    if (status == DatabaseStatus.RESTORING) {
      Row primary = primaryFile(session.query(FILES_SQL, id));
      p = primary == null ? null : primary.lsn("redo_start_lsn");
      fork = primary == null ? null : primary.uuid("redo_start_fork_guid");
      if (p != null && last != null && !p.equals(last.lsn("last_lsn"))) {
        throw unknown(
            target,
            "the server's records disagree: sys.master_files.redo_start_lsn is "
                + p.toDecimalString()
                + " but the last restore in msdb ("
                + describe(last)
                + ") ends at "
                + last.lsn("last_lsn").toDecimalString(),
            "someone restored into the database behind cloudsync's back, or msdb history is from"
                + " another database of that name; check with RESTORE HEADERONLY and msdb, then"
                + " re-baseline if in doubt");
      }
    } else {
      if (last == null) {
        if (status == DatabaseStatus.STANDBY) {
          throw unknown(
              target,
              "database '"
                  + target.name()
                  + "' is in standby and msdb holds no restore history for it (purged, or the"
                  + " login cannot read msdb)",
              "grant the service login SELECT on msdb.dbo.restorehistory and msdb.dbo.backupset;"
                  + " if the history was purged, re-baseline from a full backup");
        }
        p = null;
      } else {
        p = last.lsn("last_lsn");
        fork = last.uuid("last_recovery_fork_guid");
      }
    }
    SoftwareVersion version = null;
    if (full != null && full.integer("software_major_version") != null) {
      version =
          new SoftwareVersion(
              full.integer("software_major_version"),
              full.integer("software_minor_version"),
              full.integer("software_build_version"));
    }
    String backupDb = full != null ? full.string("database_name") : null;
    if (backupDb == null && last != null) {
      backupDb = last.string("database_name");
    }
    return new DatabaseState(
        status,
        target.name(),
        p,
        fork,
        full == null ? null : full.uuid("backup_set_uuid"),
        backupDb,
        version,
        identity);
  }

  private static Object[] names(TargetDatabase target) {
    List<String> names = new ArrayList<>();
    names.add(target.name());
    for (String n : target.formerNames()) {
      if (!names.contains(n)) {
        names.add(n);
      }
    }
    return names.toArray();
  }

  private static Row first(List<Row> rows) {
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static Row primaryFile(List<Row> files) {
    for (Row f : files) {
      if (Integer.valueOf(1).equals(f.integer("file_id"))) {
        return f;
      }
    }
    return files.isEmpty() ? null : files.get(0);
  }

  private static String describe(Row restore) {
    return "type "
        + restore.string("restore_type")
        + " into '"
        + restore.string("destination_database_name")
        + "' at "
        + restore.dateTime("restore_date");
  }

  private static CloudsyncException unknown(TargetDatabase target, String why, String hint) {
    return new CloudsyncException(
        ErrorCode.POSITION_UNKNOWN,
        "the restore position of database '" + target.name() + "' cannot be determined: " + why,
        hint);
  }
}
