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
 * @param fileStem the name the database's own files (its standby undo file) are named after, when
 *     not {@code name}: a copy restored under a temporary name keeps that name's undo file after
 *     the swap, so it never shares one with the old copy kept beside it; null for {@code name}
 */
public record TargetDatabase(String key, String name, List<String> formerNames, String fileStem) {
  public TargetDatabase {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    formerNames = formerNames == null ? List.of() : List.copyOf(formerNames);
  }

  public TargetDatabase(String key, String name, List<String> formerNames) {
    this(key, name, formerNames, null);
  }

  /** The name files are named after: {@link #fileStem}, else the database's name. */
  public String fileStemOrName() {
    return fileStem == null ? name : fileStem;
  }

  public static TargetDatabase of(String key, String name) {
    return new TargetDatabase(key, name, List.of());
  }
}
