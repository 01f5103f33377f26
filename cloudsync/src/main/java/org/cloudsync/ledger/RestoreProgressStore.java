package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * Each center's restore progress ({@code restore_progress}): one row per center, the step being
 * applied or applied last. Callers bound how often they write (see {@code
 * org.cloudsync.replay.ThrottledProgress}).
 */
public final class RestoreProgressStore {
  private static final int FILES_MAX = 4000;

  private final Ledger ledger;

  public RestoreProgressStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Replaces the center's row with {@code p}. */
  public void record(RestoreProgress p) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM restore_progress WHERE center_id = ?")) {
            del.setString(1, p.center().value());
            del.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO restore_progress (center_id, engine, step_type, files, step_number,"
                      + " step_count, percent, state, started_at, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.center().value());
            ps.setString(2, p.engine());
            ps.setString(3, p.stepType());
            String files = String.join("\n", p.files());
            ps.setString(4, files.length() > FILES_MAX ? files.substring(0, FILES_MAX) : files);
            ps.setInt(5, p.stepNumber());
            ps.setInt(6, p.stepCount());
            if (p.percent() == null) {
              ps.setNull(7, Types.INTEGER);
            } else {
              ps.setInt(7, p.percent());
            }
            ps.setString(8, p.state());
            Rows.setTime(ps, 9, p.startedAt());
            Rows.setTime(ps, 10, p.updatedAt());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Updates the percentage and time of the center's running step; no-op when none runs. */
  public void percent(CenterId center, int percent, OffsetDateTime at) {
    updateRunning(center, "percent", percent, at);
  }

  /** Ends the center's running step as {@code done} or {@code failed}, keeping its percentage. */
  public void finish(CenterId center, String state, OffsetDateTime at) {
    if (RestoreProgress.RUNNING.equals(state)) {
      throw new IllegalArgumentException("a step ends done or failed, not " + state);
    }
    updateRunning(center, "state", state, at);
  }

  /** Sets {@code column} and the time of the center's running step; no-op when none runs. */
  private void updateRunning(CenterId center, String column, Object value, OffsetDateTime at) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE restore_progress SET "
                      + column
                      + " = ?, updated_at = ? WHERE center_id = ? AND state = ?")) {
            ps.setObject(1, value);
            Rows.setTime(ps, 2, at);
            ps.setString(3, center.value());
            ps.setString(4, RestoreProgress.RUNNING);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The center's row, if a step was ever started. */
  public Optional<RestoreProgress> find(CenterId center) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT engine, step_type, files, step_number, step_count, percent, state,"
                      + " started_at, updated_at FROM restore_progress WHERE center_id = ?")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new RestoreProgress(
                      center,
                      rs.getString("engine"),
                      rs.getString("step_type"),
                      Arrays.asList(rs.getString("files").split("\n")),
                      rs.getInt("step_number"),
                      rs.getInt("step_count"),
                      Rows.integer(rs, "percent"),
                      rs.getString("state"),
                      Rows.time(rs, "started_at"),
                      Rows.time(rs, "updated_at")));
            }
          }
        });
  }
}
