package org.cloudsync.restore.verify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudsync.restore.DatabaseState;

/** A {@link VerifyStateStore} in memory: lost when the process ends. */
public final class InMemoryVerifyStateStore implements VerifyStateStore {
  private final Map<String, DatabaseState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<DatabaseState> load(String key) {
    return Optional.ofNullable(states.get(key));
  }

  @Override
  public void save(String key, DatabaseState state) {
    states.put(key, state);
  }
}
