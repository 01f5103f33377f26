package org.cloudsync.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cloudsync.restore.sqlserver.OrphanedUsers;

/**
 * The last orphaned-user check per center ({@code user_checks}, {@code orphaned_users}): each check
 * replaces the previous one; users come back in the order the server listed them.
 */
public final class UserCheckStore {
  private final Ledger ledger;

  public UserCheckStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Replaces the center's check with {@code check}, in one transaction. */
  public void record(UserCheck check) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM user_checks WHERE center_id = ?")) {
            del.setString(1, check.center().value());
            del.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO user_checks (center_id, engine, database_name, readable, note,"
                      + " checked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, check.center().value());
            ps.setString(2, check.engine());
            ps.setString(3, check.database());
            ps.setBoolean(4, check.readable());
            String note = check.note();
            ps.setString(5, note != null && note.length() > 1000 ? note.substring(0, 1000) : note);
            Rows.setTime(ps, 6, check.checkedAt());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO orphaned_users (center_id, ordinal, user_name, user_type, sid_hex)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (OrphanedUsers.Orphan o : check.orphans()) {
              ps.setString(1, check.center().value());
              ps.setInt(2, ordinal++);
              ps.setString(3, o.user());
              ps.setString(4, o.type());
              ps.setString(5, o.sidHex());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  /** The center's last check, if its database was ever checked. */
  public Optional<UserCheck> find(CenterId center) {
    return ledger.inTransaction(
        c -> {
          List<OrphanedUsers.Orphan> orphans = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT user_name, user_type, sid_hex FROM orphaned_users WHERE center_id = ?"
                      + " ORDER BY ordinal")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                orphans.add(
                    OrphanedUsers.Orphan.of(rs.getString(1), rs.getString(2), rs.getString(3)));
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT engine, database_name, readable, note, checked_at FROM user_checks"
                      + " WHERE center_id = ?")) {
            ps.setString(1, center.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new UserCheck(
                      center,
                      rs.getString("engine"),
                      rs.getString("database_name"),
                      rs.getBoolean("readable"),
                      orphans,
                      rs.getString("note"),
                      Rows.time(rs, "checked_at")));
            }
          }
        });
  }
}
