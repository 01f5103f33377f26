package org.cloudsync.restore.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudsync.restore.DatabaseState;

/** A {@link VerifyStateStore} in memory: lost when the process ends. */
public final class InMemoryVerifyStateStore implements VerifyStateStore {
  private final Map<String, DatabaseState> states = new ConcurrentHashMap<>();
  private final Map<String, Map<String, DatabaseState>> copies = new ConcurrentHashMap<>();

  @Override
  public Optional<DatabaseState> load(String key) {
    return Optional.ofNullable(states.get(key));
  }

  @Override
  public void save(String key, DatabaseState state) {
    states.put(key, state);
  }

  @Override
  public List<DatabaseState> oldCopies(String key) {
    return new ArrayList<>(copies.getOrDefault(key, Map.of()).values());
  }

  @Override
  public void saveOldCopy(String key, DatabaseState copy) {
    copies.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(copy.name(), copy);
  }

  @Override
  public void removeOldCopy(String key, String name) {
    copies.getOrDefault(key, new ConcurrentHashMap<>()).remove(name);
  }
}
