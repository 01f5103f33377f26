package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The one way a blob's or a backup file's state changes: the row is locked, the transition is
 * checked, then the state is written with its reason, error code and staged path. Callers run it
 * inside their transaction.
 *
 * @param table the table ({@code blobs} or {@code backup_files}: a constant of this package, never
 *     input)
 * @param noun how a row is named in messages ({@code blob}, {@code backup file})
 */
record StateMove<S extends TrackedState<S>>(
    String table, String noun, Function<String, S> fromLabel) {

  static final StateMove<BlobState> BLOBS = new StateMove<>("blobs", "blob", BlobState::fromLabel);
  static final StateMove<FileState> FILES =
      new StateMove<>("backup_files", "backup file", FileState::fromLabel);

  /** Locks row {@code id} for this transaction and returns its state. */
  S lock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT state FROM " + table + " WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new CloudsyncException(
              ErrorCode.STATE_TRANSITION_INVALID, noun + " " + id + " is not in the ledger");
        }
        return fromLabel.apply(rs.getString(1));
      }
    }
  }

  /**
   * Moves row {@code id} to {@code next} with the reason and error code (null when none) and the
   * staged path (null keeps the current one).
   *
   * @throws CloudsyncException {@code STATE_TRANSITION_INVALID} when the move is not allowed
   */
  void move(
      Connection c,
      long id,
      S next,
      String reason,
      ErrorCode errorCode,
      String stagedPath,
      OffsetDateTime now)
      throws SQLException {
    S current = lock(c, id);
    if (!current.canMoveTo(next)) {
      throw new CloudsyncException(
          ErrorCode.STATE_TRANSITION_INVALID,
          noun + " " + id + " cannot move from " + current.label() + " to " + next.label(),
          "this is a bug in the caller: the ledger is unchanged");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET state = ?, reason = ?, error_code = ?,"
                + " staged_path = COALESCE(?, staged_path), updated_at = ? WHERE id = ?")) {
      ps.setString(1, next.label());
      ps.setString(2, reason);
      ps.setString(3, errorCode == null ? null : errorCode.name());
      ps.setString(4, stagedPath);
      Rows.setTime(ps, 5, now);
      ps.setLong(6, id);
      ps.executeUpdate();
    }
  }
}
