package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * Every re-baseline of every center ({@code rebaselines}), unique per center and new full: its
 * strategy, the free-space pre-flight's figures, the swap, and the old copy kept until its
 * retention ends and it is dropped.
 */
public final class RebaselineStore {
  private static final String COLUMNS =
      "id, center_id, engine, strategy, new_base_guid, old_base_guid, old_identity,"
          + " old_restore_lsn, retired_name, state, note, noticed_at, finished_at, temporary_name,"
          + " space_check, space_needed_bytes, space_available_bytes, swapped_at, drop_after,"
          + " dropped_at, drop_note";

  private final Ledger ledger;

  public RebaselineStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Notes a re-baseline onto {@code newBase} as pending, or returns the one already noted for it.
   */
  public RebaselineRecord notice(
      CenterId center,
      String engine,
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
                  "INSERT INTO rebaselines (center_id, engine, strategy, new_base_guid,"
                      + " old_base_guid, old_identity, old_restore_lsn, state, note, noticed_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)")) {
            ps.setString(1, center.value());
            ps.setString(2, engine);
            ps.setString(3, strategy);
            ps.setString(4, newBase.toString());
            ps.setString(5, oldBase == null ? null : oldBase.toString());
            ps.setString(6, oldIdentity);
            Rows.setLsn(ps, 7, oldRestoreLsn);
            ps.setString(8, note);
            Rows.setTime(ps, 9, OffsetDateTime.now(ledger.clock()));
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

  /** Keeps a pending re-baseline pending with a new note (e.g. why it could not start). */
  public void stillPending(long id, String note) {
    update("UPDATE rebaselines SET state = 'pending', note = ? WHERE id = ?", note, id);
  }

  /**
   * Records the free-space pre-flight.
   *
   * @param text every figure in words (or why the check was not performed)
   * @param neededBytes what the tightest volume needs, null when nothing was checked
   * @param availableBytes what it has free, null when nothing was checked
   */
  public void recordSpace(long id, String text, Long neededBytes, Long availableBytes) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE rebaselines SET space_check = ?, space_needed_bytes = ?,"
                      + " space_available_bytes = ? WHERE id = ?")) {
            ps.setString(1, text);
            ps.setObject(2, neededBytes, Types.BIGINT);
            ps.setObject(3, availableBytes, Types.BIGINT);
            ps.setLong(4, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Records the swap of a side-by-side re-baseline: the new copy, restored as {@code temporary},
   * took the live name at {@code swappedAt}; the old copy is {@code retired} until {@code
   * dropAfter}.
   */
  public void recordSwap(
      long id,
      String temporary,
      String retired,
      OffsetDateTime swappedAt,
      OffsetDateTime dropAfter) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE rebaselines SET temporary_name = ?, retired_name = ?, swapped_at = ?,"
                      + " drop_after = ? WHERE id = ?")) {
            ps.setString(1, temporary);
            ps.setString(2, retired);
            Rows.setTime(ps, 3, swappedAt);
            Rows.setTime(ps, 4, dropAfter);
            ps.setLong(5, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Records the name a side-by-side re-baseline restores the new copy under, before the first
   * statement that creates it.
   */
  public void recordTemporary(long id, String temporary) {
    update("UPDATE rebaselines SET temporary_name = ? WHERE id = ?", temporary, id);
  }

  /**
   * Records the names of a swap about to run: the live copy becomes {@code retired}, {@code
   * temporary} takes the live name. Recorded before the first rename, so that a swap interrupted
   * half way is recognised ({@link RebaselineRecord#swapStarted}).
   */
  public void recordSwapStarting(long id, String temporary, String retired, String note) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE rebaselines SET state = 'pending', temporary_name = ?, retired_name = ?,"
                      + " note = ? WHERE id = ?")) {
            ps.setString(1, temporary);
            ps.setString(2, retired);
            ps.setString(3, note);
            ps.setLong(4, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Records that a started swap left the live copy under its own name (it failed and was undone, or
   * never began): the re-baseline stays pending with {@code note}, no old copy is named.
   */
  public void recordSwapUndone(long id, String note) {
    update(
        "UPDATE rebaselines SET state = 'pending', retired_name = NULL, note = ? WHERE id = ?",
        note,
        id);
  }

  /** Records that the old copy was dropped (or found gone) at {@code at}. */
  public void recordDropped(long id, OffsetDateTime at, String note) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE rebaselines SET dropped_at = ?, drop_note = ? WHERE id = ?")) {
            Rows.setTime(ps, 1, at);
            ps.setString(2, note);
            ps.setLong(3, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Records why the old copy was not dropped; it stays kept and is tried again later. */
  public void recordDropRefused(long id, String note) {
    update("UPDATE rebaselines SET drop_note = ? WHERE id = ?", note, id);
  }

  /** The center's old copies kept and not yet dropped, oldest first. */
  public List<RebaselineRecord> keptOldCopies(CenterId center) {
    return list(center).stream().filter(RebaselineRecord::keepsOldCopy).toList();
  }

  /**
   * The old copies {@code engine} kept for the center whose retention has ended by {@code now}:
   * only names the ledger recorded as cloudsync's own old copies.
   */
  public List<RebaselineRecord> oldCopiesDue(CenterId center, String engine, OffsetDateTime now) {
    return keptOldCopies(center).stream()
        .filter(r -> engine.equals(r.engine()))
        .filter(r -> r.dropAfter() != null && !r.dropAfter().isAfter(now))
        .toList();
  }

  private void update(String sql, String text, long id) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, text);
            ps.setLong(2, id);
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
        c ->
            Rows.list(
                c,
                "SELECT " + COLUMNS + " FROM rebaselines WHERE center_id = ? ORDER BY id",
                RebaselineStore::read,
                center.value()));
  }

  private static RebaselineRecord read(ResultSet rs) throws SQLException {
    String old = rs.getString("old_base_guid");
    return new RebaselineRecord(
        rs.getLong("id"),
        new CenterId(rs.getString("center_id")),
        rs.getString("engine"),
        rs.getString("strategy"),
        UUID.fromString(rs.getString("new_base_guid")),
        old == null ? null : UUID.fromString(old),
        rs.getString("old_identity"),
        Rows.lsn(rs, "old_restore_lsn"),
        rs.getString("retired_name"),
        rs.getString("state"),
        rs.getString("note"),
        Rows.time(rs, "noticed_at"),
        Rows.time(rs, "finished_at"),
        rs.getString("temporary_name"),
        rs.getString("space_check"),
        longOrNull(rs, "space_needed_bytes"),
        longOrNull(rs, "space_available_bytes"),
        Rows.time(rs, "swapped_at"),
        Rows.time(rs, "drop_after"),
        Rows.time(rs, "dropped_at"),
        rs.getString("drop_note"));
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
