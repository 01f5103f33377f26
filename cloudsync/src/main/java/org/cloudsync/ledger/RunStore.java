package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** The runs: when each started and ended, how, and what it counted. */
public final class RunStore {
  private static final String COLUMNS = "id, center_id, started_at, finished_at, outcome, counts";

  private final Ledger ledger;

  public RunStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records a run starting now, for one center or (null) all; returns its id. */
  public long start(CenterId center) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO runs (center_id, started_at) VALUES (?, ?)",
                  PreparedStatement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, center == null ? null : center.value());
            Rows.setTime(ps, 2, OffsetDateTime.now(ledger.clock()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  /**
   * Records how run {@code id} ended. A run ends once.
   *
   * @throws CloudsyncException {@code STATE_TRANSITION_INVALID} when it is unknown or already ended
   */
  public RunRecord finish(long id, RunOutcome outcome, String counts) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE runs SET finished_at = ?, outcome = ?, counts = ?"
                      + " WHERE id = ? AND finished_at IS NULL")) {
            Rows.setTime(ps, 1, OffsetDateTime.now(ledger.clock()));
            ps.setString(2, outcome.label());
            ps.setString(3, counts);
            ps.setLong(4, id);
            if (ps.executeUpdate() != 1) {
              throw new CloudsyncException(
                  ErrorCode.STATE_TRANSITION_INVALID,
                  "run " + id + " is unknown or has ended already");
            }
          }
          return find(id).orElseThrow();
        });
  }

  /**
   * Marks the runs of {@code center} still open as interrupted (a process died mid-run); returns
   * how many. Call it only while holding the center's lock ({@link
   * org.cloudsync.lock.CenterLocks}): then no live process is running the center, and an open run
   * of it is one a dead process left.
   */
  public int closeInterrupted(CenterId center) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE runs SET finished_at = ?, outcome = ?"
                      + " WHERE finished_at IS NULL AND center_id = ?")) {
            Rows.setTime(ps, 1, OffsetDateTime.now(ledger.clock()));
            ps.setString(2, RunOutcome.INTERRUPTED.label());
            ps.setString(3, center.value());
            return ps.executeUpdate();
          }
        });
  }

  /** The run with this id, if any. */
  public Optional<RunRecord> find(long id) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /** The latest {@code limit} runs, newest first. */
  public List<RunRecord> latest(int limit) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM runs ORDER BY id DESC")) {
            ps.setMaxRows(limit);
            List<RunRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
            return out;
          }
        });
  }

  private static RunRecord read(ResultSet rs) throws SQLException {
    String center = rs.getString("center_id");
    String outcome = rs.getString("outcome");
    return new RunRecord(
        rs.getLong("id"),
        center == null ? null : new CenterId(center),
        Rows.time(rs, "started_at"),
        Rows.time(rs, "finished_at"),
        outcome == null ? null : RunOutcome.fromLabel(outcome),
        rs.getString("counts"));
  }
}
