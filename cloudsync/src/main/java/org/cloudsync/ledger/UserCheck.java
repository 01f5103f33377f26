package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.cloudsync.restore.sqlserver.OrphanedUsers;

/**
 * The last check of a center's database for users without a login on its SQL Server.
 *
 * @param engine the engine that checked ({@code sqlserver}: the verify engine knows no users)
 * @param database the database checked
 * @param readable false when the database could not be read (it was {@code RESTORING}); {@code
 *     orphans} is then empty and {@code note} says why
 * @param orphans the users without a login, with the SIDs their logins need
 * @param note why the check could not be made, null when it was
 */
public record UserCheck(
    CenterId center,
    String engine,
    String database,
    boolean readable,
    List<OrphanedUsers.Orphan> orphans,
    String note,
    OffsetDateTime checkedAt) {
  public UserCheck {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(database, "database");
    orphans = List.copyOf(orphans);
    if (!readable && !orphans.isEmpty()) {
      throw new IllegalArgumentException("an unreadable database with users");
    }
  }
}
