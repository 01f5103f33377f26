package org.cloudsync.restore.verify;

import java.util.Optional;
import org.cloudsync.restore.DatabaseState;

/**
 * Where the verify engine keeps, per target key, the state SQL Server would have. The ledger keeps
 * it in production, in the same transaction that records the verified file, so that a crash never
 * separates the two; {@link InMemoryVerifyStateStore} serves tests and single runs.
 */
public interface VerifyStateStore {
  /** The stored state, empty when the target never had one (the database is absent). */
  Optional<DatabaseState> load(String key);

  /** Replaces the stored state. */
  void save(String key, DatabaseState state);
}
