package org.cloudsync.replay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.ledger.UserCheckStore;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.DatabaseStatus;
import org.cloudsync.restore.TargetDatabase;
import org.cloudsync.restore.sqlserver.OrphanedUsers;
import org.cloudsync.restore.sqlserver.SqlServerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the apply phase on a SQL Server: finds the database users that have no login on the server
 * ({@link OrphanedUsers}) and records them with the SIDs their logins need. A read-only standby
 * cannot remap its users itself, so the operator creates the logins once, with those SIDs, and they
 * match after every later restore. A database left {@code RESTORING} cannot be read: that is
 * recorded instead. A failure to read is recorded too and never fails the sync.
 */
public final class UserCheckPhase {
  private static final Logger LOG = LoggerFactory.getLogger(UserCheckPhase.class);

  private final UserCheckStore store;
  private final Clock clock;

  public UserCheckPhase(Ledger ledger, Clock clock) {
    this.store = new UserCheckStore(ledger);
    this.clock = clock;
  }

  /**
   * Checks {@code target} in the state the apply phase left it in.
   *
   * @return the check recorded, null when there was nothing to check (position unknown, or no
   *     database)
   */
  public UserCheck run(
      CenterId center, SqlServerEngine engine, TargetDatabase target, DatabaseState at) {
    if (at == null || at.status() == DatabaseStatus.ABSENT) {
      return null;
    }
    UserCheck check;
    if (at.status() == DatabaseStatus.RESTORING) {
      check =
          unreadable(
              center,
              target,
              "database '"
                  + target.name()
                  + "' is RESTORING: its users can be read only once it is in standby or online");
    } else {
      try {
        List<OrphanedUsers.Orphan> orphans = engine.orphanedUsers(target);
        check =
            new UserCheck(
                center,
                engine.name(),
                target.name(),
                true,
                orphans,
                null,
                OffsetDateTime.now(clock));
      } catch (CloudsyncException e) {
        LOG.warn("center {}: users of '{}' not read: {}", center, target.name(), e.getMessage());
        check = unreadable(center, target, "the users could not be read: " + e.getMessage());
      }
    }
    store.record(check);
    return check;
  }

  private UserCheck unreadable(CenterId center, TargetDatabase target, String note) {
    return new UserCheck(
        center,
        SqlServerEngine.NAME,
        target.name(),
        false,
        List.of(),
        note,
        OffsetDateTime.now(clock));
  }
}
