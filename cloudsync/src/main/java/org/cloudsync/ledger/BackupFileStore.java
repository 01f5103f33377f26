package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The backup files found in blobs, one row per (center, blob, entry): recording the same entry
 * twice changes nothing. State changes check {@link FileState#canMoveTo} under a row lock, in one
 * transaction.
 */
public final class BackupFileStore {
  private static final String COLUMNS =
      "id, center_id, blob_id, entry_path, staged_path, backup_type, database_name, first_lsn,"
          + " last_lsn, checkpoint_lsn, database_backup_lsn, backup_set_guid, family_sequence,"
          + " family_count, position, backup_start, backup_finish, state, reason, error_code,"
          + " created_at, updated_at";

  private final Ledger ledger;

  public BackupFileStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records an entry of a blob as {@code discovered}, or returns the existing record when the entry
   * is known already.
   */
  public BackupFileRecord recordFound(CenterId center, long blobId, String entryPath) {
    Optional<BackupFileRecord> known = find(center, blobId, entryPath);
    if (known.isPresent()) {
      return known.get();
    }
    try {
      return ledger.inTransaction(
          c -> {
            OffsetDateTime now = OffsetDateTime.now(ledger.clock());
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO backup_files (center_id, blob_id, entry_path, state, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
              ps.setString(1, center.value());
              ps.setLong(2, blobId);
              ps.setString(3, entryPath);
              ps.setString(4, FileState.DISCOVERED.label());
              Rows.setTime(ps, 5, now);
              Rows.setTime(ps, 6, now);
              ps.executeUpdate();
              try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return get(c, keys.getLong(1));
              }
            }
          });
    } catch (CloudsyncException e) {
      if (e.getCause() instanceof SQLException s && Rows.isUniqueViolation(s)) {
        return find(center, blobId, entryPath).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /** The record of one entry, if known. */
  public Optional<BackupFileRecord> find(CenterId center, long blobId, String entryPath) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM backup_files WHERE center_id = ? AND blob_id = ? AND entry_path = ?")) {
            ps.setString(1, center.value());
            ps.setLong(2, blobId);
            ps.setString(3, entryPath);
            return one(ps);
          }
        });
  }

  /** The record with this id, if any. */
  public Optional<BackupFileRecord> find(long id) {
    return ledger.inTransaction(c -> findIn(c, id));
  }

  /** Every backup file of {@code center}, in the order found. */
  public List<BackupFileRecord> list(CenterId center) {
    return query(center, null);
  }

  /** The backup files of {@code center} in {@code state}, in the order found. */
  public List<BackupFileRecord> list(CenterId center, FileState state) {
    return query(center, state);
  }

  private List<BackupFileRecord> query(CenterId center, FileState state) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM backup_files WHERE center_id = ?"
            + (state == null ? "" : " AND state = ?")
            + " ORDER BY id";
    return ledger.inTransaction(
        c ->
            state == null
                ? Rows.list(c, sql, BackupFileStore::read, center.value())
                : Rows.list(c, sql, BackupFileStore::read, center.value(), state.label()));
  }

  /** Stores the header read from the file (replacing any earlier one). */
  public BackupFileRecord recordHeader(long id, HeaderSummary h) {
    return ledger.inTransaction(
        c -> {
          lock(c, id);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE backup_files SET backup_type = ?, database_name = ?, first_lsn = ?,"
                      + " last_lsn = ?, checkpoint_lsn = ?, database_backup_lsn = ?,"
                      + " backup_set_guid = ?, family_sequence = ?, family_count = ?,"
                      + " position = ?, backup_start = ?, backup_finish = ?, updated_at = ?"
                      + " WHERE id = ?")) {
            ps.setString(1, h.type().shortName());
            ps.setString(2, h.databaseName());
            Rows.setLsn(ps, 3, h.firstLsn());
            Rows.setLsn(ps, 4, h.lastLsn());
            Rows.setLsn(ps, 5, h.checkpointLsn());
            Rows.setLsn(ps, 6, h.databaseBackupLsn());
            ps.setString(7, h.backupSetGuid().toString());
            ps.setInt(8, h.familySequence());
            ps.setInt(9, h.familyCount());
            ps.setInt(10, h.position());
            Rows.setLocal(ps, 11, h.backupStart());
            Rows.setLocal(ps, 12, h.backupFinish());
            Rows.setTime(ps, 13, OffsetDateTime.now(ledger.clock()));
            ps.setLong(14, id);
            ps.executeUpdate();
          }
          return get(c, id);
        });
  }

  /**
   * Moves the file to {@code next} with the reason and error code (null when none) and the staged
   * path (null keeps the current one).
   *
   * @throws CloudsyncException {@code STATE_TRANSITION_INVALID} when the move is not allowed
   */
  public BackupFileRecord moveTo(
      long id, FileState next, String reason, ErrorCode errorCode, String stagedPath) {
    return ledger.inTransaction(
        c -> {
          StateMove.FILES.move(
              c, id, next, reason, errorCode, stagedPath, OffsetDateTime.now(ledger.clock()));
          return get(c, id);
        });
  }

  /**
   * Records why the file could not go on (a refused or failed restore) without changing its state:
   * it stays {@code validated} and is tried again by the next cycle.
   */
  public BackupFileRecord noteProblem(long id, String reason, ErrorCode errorCode) {
    return ledger.inTransaction(
        c -> {
          lock(c, id);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE backup_files SET reason = ?, error_code = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, reason);
            ps.setString(2, errorCode == null ? null : errorCode.name());
            Rows.setTime(ps, 3, OffsetDateTime.now(ledger.clock()));
            ps.setLong(4, id);
            ps.executeUpdate();
          }
          return get(c, id);
        });
  }

  private static FileState lock(Connection c, long id) throws SQLException {
    return StateMove.FILES.lock(c, id);
  }

  private static BackupFileRecord get(Connection c, long id) throws SQLException {
    return findIn(c, id).orElseThrow();
  }

  private static Optional<BackupFileRecord> findIn(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM backup_files WHERE id = ?")) {
      ps.setLong(1, id);
      return one(ps);
    }
  }

  private static Optional<BackupFileRecord> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static BackupFileRecord read(ResultSet rs) throws SQLException {
    String type = rs.getString("backup_type");
    HeaderSummary header = null;
    if (type != null) {
      header =
          new HeaderSummary(
              typeOf(type),
              rs.getString("database_name"),
              Rows.lsn(rs, "first_lsn"),
              Rows.lsn(rs, "last_lsn"),
              Rows.lsn(rs, "checkpoint_lsn"),
              Rows.lsn(rs, "database_backup_lsn"),
              UUID.fromString(rs.getString("backup_set_guid")),
              rs.getInt("family_sequence"),
              rs.getInt("family_count"),
              rs.getInt("position"),
              Rows.local(rs, "backup_start"),
              Rows.local(rs, "backup_finish"));
    }
    return new BackupFileRecord(
        rs.getLong("id"),
        new CenterId(rs.getString("center_id")),
        rs.getLong("blob_id"),
        rs.getString("entry_path"),
        rs.getString("staged_path"),
        header,
        FileState.fromLabel(rs.getString("state")),
        rs.getString("reason"),
        rs.getString("error_code"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }

  private static BackupType typeOf(String shortName) {
    for (BackupType t : BackupType.values()) {
      if (t.shortName().equals(shortName)) {
        return t;
      }
    }
    throw new IllegalStateException("unknown backup type '" + shortName + "' in the ledger");
  }
}
