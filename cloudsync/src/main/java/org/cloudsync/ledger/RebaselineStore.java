package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/** Every re-baseline of every center ({@code rebaselines}), unique per center and new full. */
public final class RebaselineStore {
  private static final String COLUMNS =
      "id, center_id, strategy, new_base_guid, old_base_guid, old_identity, old_restore_lsn,"
          + " retired_name, state, note, noticed_at, finished_at";

  private final Ledger ledger;

  public RebaselineStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Notes a re-baseline onto {@code newBase} as pending, or returns the one already noted for it.
   */
  public RebaselineRecord notice(
      CenterId center,
      String strategy,
      UUID newBase,
      UUID oldBase,
      String oldIdentity,
      Lsn oldRestoreLsn,
      String note) {
    return ledger.inTransaction(
        c -> {
          Optional<RebaselineRecord> existing = find(center, newBase);
          if (existing.isPresent()) {
            return existing.get();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO rebaselines (center_id, strategy, new_base_guid, old_base_guid,"
                      + " old_identity, old_restore_lsn, state, note, noticed_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)")) {
            ps.setString(1, center.value());
            ps.setString(2, strategy);
            ps.setString(3, newBase.toString());
            ps.setString(4, oldBase == null ? null : oldBase.toString());
            ps.setString(5, oldIdentity);
            Rows.setLsn(ps, 6, oldRestoreLsn);
            ps.setString(7, note);
            Rows.setTime(ps, 8, OffsetDateTime.now(ledger.clock()));
            ps.executeUpdate();
          }
          return find(center, newBase).orElseThrow();
        });
  }

  /** Closes a re-baseline as {@code done} or {@code failed}, with a note and the retired name. */
  public void finish(long id, boolean done, String retiredName, String note) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE rebaselines SET state = ?, retired_name = ?, note = ?, finished_at = ?"
                      + " WHERE id = ?")) {
            ps.setString(1, done ? "done" : "failed");
            ps.setString(2, retiredName);
            ps.setString(3, note);
            Rows.setTime(ps, 4, OffsetDateTime.now(ledger.clock()));
            ps.setLong(5, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The re-baseline onto {@code newBase}, if noted. */
  public Optional<RebaselineRecord> find(CenterId center, UUID newBase) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM rebaselines WHERE center_id = ? AND new_base_guid = ?")) {
            ps.setString(1, center.value());
            ps.setString(2, newBase.toString());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /** The center's re-baselines, oldest first. */
  public List<RebaselineRecord> list(CenterId center) {
    return ledger.inTransaction(
        c -> {
          List<RebaselineRecord> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM rebaselines WHERE center_id = ? ORDER BY id")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
          return out;
        });
  }

  private static RebaselineRecord read(ResultSet rs) throws SQLException {
    String old = rs.getString("old_base_guid");
    return new RebaselineRecord(
        rs.getLong("id"),
        new CenterId(rs.getString("center_id")),
        rs.getString("strategy"),
        UUID.fromString(rs.getString("new_base_guid")),
        old == null ? null : UUID.fromString(old),
        rs.getString("old_identity"),
        Rows.lsn(rs, "old_restore_lsn"),
        rs.getString("retired_name"),
        rs.getString("state"),
        rs.getString("note"),
        Rows.time(rs, "noticed_at"),
        Rows.time(rs, "finished_at"));
  }
}
