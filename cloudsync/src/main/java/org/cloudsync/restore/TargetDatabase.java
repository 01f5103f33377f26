package org.cloudsync.restore;

import java.util.List;
import java.util.Objects;

/**
 * The database an engine restores into.
 *
 * @param key the stable key the state is kept under (the health center's id); never shown to SQL
 *     Server
 * @param name the database's name on the server
 * @param formerNames names the same database had before (a side-by-side re-baseline restores under
 *     a temporary name, then renames): SQL Server keeps its restore history by name
 */
public record TargetDatabase(String key, String name, List<String> formerNames) {
  public TargetDatabase {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    formerNames = formerNames == null ? List.of() : List.copyOf(formerNames);
  }

  public static TargetDatabase of(String key, String name) {
    return new TargetDatabase(key, name, List.of());
  }
}
