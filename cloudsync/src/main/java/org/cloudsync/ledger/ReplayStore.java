package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * What the replay cycle keeps besides file states: the identity of each center's database ({@code
 * database_identity}), the step in flight ({@code in_flight}) and the last failure ({@code
 * replay_errors}).
 */
public final class ReplayStore {
  private final Ledger ledger;

  public ReplayStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The database the center's records describe, if one was ever recorded. */
  public Optional<KnownDatabase> known(CenterId center) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT engine, db_identity, database_name, restore_lsn, base_guid, recorded_at"
                      + " FROM database_identity WHERE center_id = ?")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              String base = rs.getString("base_guid");
              return Optional.of(
                  new KnownDatabase(
                      center,
                      rs.getString("engine"),
                      rs.getString("db_identity"),
                      rs.getString("database_name"),
                      Rows.lsn(rs, "restore_lsn"),
                      base == null ? null : UUID.fromString(base),
                      Rows.time(rs, "recorded_at")));
            }
          }
        });
  }

  /** Replaces the center's known database (recordedAt is the ledger's clock). */
  public void recordKnown(KnownDatabase k) {
    ledger.inTransaction(
        c -> {
          forget(k.center());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO database_identity (center_id, engine, db_identity, database_name,"
                      + " restore_lsn, base_guid, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, k.center().value());
            ps.setString(2, k.engine());
            ps.setString(3, k.identity());
            ps.setString(4, k.databaseName());
            Rows.setLsn(ps, 5, k.restoreLsn());
            ps.setString(6, k.baseGuid() == null ? null : k.baseGuid().toString());
            Rows.setTime(ps, 7, OffsetDateTime.now(ledger.clock()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Forgets the center's known database (a re-baseline replaced it). */
  public void forget(CenterId center) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM database_identity WHERE center_id = ?")) {
            ps.setString(1, center.value());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The step in flight for the center, if a cycle stopped before recording it. */
  public Optional<InFlight> inFlight(CenterId center) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT backup_file_id, first_lsn, last_lsn, started_at FROM in_flight"
                      + " WHERE center_id = ?")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new InFlight(
                          center,
                          rs.getLong(1),
                          Rows.lsn(rs, "first_lsn"),
                          Rows.lsn(rs, "last_lsn"),
                          Rows.time(rs, "started_at")))
                  : Optional.empty();
            }
          }
        });
  }

  /** Notes the step about to be applied, replacing any earlier note. */
  public void begin(InFlight step) {
    ledger.inTransaction(
        c -> {
          clearInFlight(step.center());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO in_flight (center_id, backup_file_id, first_lsn, last_lsn,"
                      + " started_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, step.center().value());
            ps.setLong(2, step.backupFileId());
            Rows.setLsn(ps, 3, step.firstLsn());
            Rows.setLsn(ps, 4, step.lastLsn());
            Rows.setTime(ps, 5, step.startedAt());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Removes the center's in-flight note (the step was recorded, or will be applied again). */
  public void clearInFlight(CenterId center) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM in_flight WHERE center_id = ?")) {
            ps.setString(1, center.value());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Records the apply phase's failure, replacing the previous one. */
  public void recordError(CenterId center, String code, String message, String subject) {
    ledger.inTransaction(
        c -> {
          clearError(center);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO replay_errors (center_id, error_code, message, subject, at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, center.value());
            ps.setString(2, code);
            ps.setString(3, message.length() > 4000 ? message.substring(0, 4000) : message);
            ps.setString(4, subject);
            Rows.setTime(ps, 5, OffsetDateTime.now(ledger.clock()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Removes the center's recorded failure (an apply phase succeeded). */
  public void clearError(CenterId center) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM replay_errors WHERE center_id = ?")) {
            ps.setString(1, center.value());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The center's last apply failure, if one is recorded. */
  public Optional<ReplayError> lastError(CenterId center) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT error_code, message, subject, at FROM replay_errors"
                      + " WHERE center_id = ?")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new ReplayError(
                          center,
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          Rows.time(rs, "at")))
                  : Optional.empty();
            }
          }
        });
  }
}
