package org.cloudsync.restore.verify;

import java.util.List;
import java.util.Optional;
import org.cloudsync.restore.DatabaseState;

/**
 * Where the verify engine keeps, per target key, the state SQL Server would have: the live
 * database's, and the old copies side-by-side re-baselines kept beside it (each under its own
 * name). The ledger keeps it in production, in the same transaction that records the verified file,
 * so that a crash never separates the two; {@link InMemoryVerifyStateStore} serves tests and single
 * runs.
 */
public interface VerifyStateStore {
  /** The stored state, empty when the target never had one (the database is absent). */
  Optional<DatabaseState> load(String key);

  /** Replaces the stored state. */
  void save(String key, DatabaseState state);

  /** The old copies kept for {@code key}, each named by its {@link DatabaseState#name()}. */
  List<DatabaseState> oldCopies(String key);

  /** Keeps {@code copy} under its name (replacing one of the same name). */
  void saveOldCopy(String key, DatabaseState copy);

  /** Forgets the old copy named {@code name}; nothing when there is none. */
  void removeOldCopy(String key, String name);
}
