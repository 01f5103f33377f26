package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * The placement columns of a center: its SQL Server, standby choice, re-baseline strategy, window
 * and old copy retention.
 */
public final class PlacementStore {
  private final Ledger ledger;

  public PlacementStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * The center's placement.
   *
   * @throws org.cloudsync.format.CloudsyncException {@code CENTER_NOT_FOUND}
   */
  public Placement get(CenterId id) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT server_name, norecovery_only, rebaseline_strategy, maintenance_start,"
                      + " maintenance_end, old_copy_retention_days FROM centers WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw CenterStore.notFound(id);
              }
              return new Placement(
                  rs.getString(1),
                  rs.getBoolean(2),
                  Placement.RebaselineStrategy.parse(rs.getString(3)),
                  rs.getObject(4, LocalTime.class),
                  rs.getObject(5, LocalTime.class),
                  rs.getInt(6));
            }
          }
        });
  }

  /**
   * Replaces the center's placement.
   *
   * @throws org.cloudsync.format.CloudsyncException {@code CENTER_NOT_FOUND}, {@code
   *     SERVER_NOT_FOUND}
   */
  public void set(CenterId id, Placement p) {
    ledger.inTransaction(
        c -> {
          if (p.serverName() != null) {
            new ServerStore(ledger).get(p.serverName());
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE centers SET server_name = ?, norecovery_only = ?,"
                      + " rebaseline_strategy = ?, maintenance_start = ?, maintenance_end = ?,"
                      + " old_copy_retention_days = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, p.serverName());
            ps.setBoolean(2, p.norecoveryOnly());
            ps.setString(3, p.rebaseline().label());
            setTime(ps, 4, p.maintenanceStart());
            setTime(ps, 5, p.maintenanceEnd());
            ps.setInt(6, p.oldCopyRetentionDays());
            Rows.setTime(ps, 7, OffsetDateTime.now(ledger.clock()));
            ps.setString(8, id.value());
            if (ps.executeUpdate() != 1) {
              throw CenterStore.notFound(id);
            }
          }
          return null;
        });
  }

  private static void setTime(PreparedStatement ps, int i, LocalTime t)
      throws java.sql.SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIME);
    } else {
      ps.setObject(i, t);
    }
  }
}
