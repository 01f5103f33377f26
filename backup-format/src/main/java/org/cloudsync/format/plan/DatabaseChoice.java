package org.cloudsync.format.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cloudsync.format.ErrorCode;

/**
 * Chooses the database to plan for and sets aside the files of others.
 *
 * <p>Names compare as SQL Server's default collations compare them (e.g. {@code
 * SQL_Latin1_General_CP1_CI_AS}): case-insensitively and ignoring trailing spaces, so {@code 'Test,
 * command and conquer '} and {@code 'test, command and conquer'} are one database. The plan shows
 * the name as the backups spell it.
 */
final class DatabaseChoice {
  private static final int NAMED_FILES = 5;

  private final String name;
  private final List<BackupSet> sets;

  private DatabaseChoice(String name, List<BackupSet> sets) {
    this.name = name;
    this.sets = sets;
  }

  /** The database's name as the backups spell it; null when none could be chosen. */
  String name() {
    return name;
  }

  /** The sets of the chosen database, in no particular order. */
  List<BackupSet> sets() {
    return sets;
  }

  static String key(String databaseName) {
    int end = databaseName.length();
    while (end > 0 && databaseName.charAt(end - 1) == ' ') {
      end--;
    }
    return databaseName.substring(0, end).toLowerCase(Locale.ROOT);
  }

  static DatabaseChoice choose(List<BackupSet> all, String requested, PlanDraft draft) {
    // Sorted by name so that messages do not depend on the order of the input.
    Map<String, List<BackupSet>> byDatabase = new TreeMap<>();
    Map<String, String> spelling = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (BackupSet set : all) {
      String databaseName = set.header().databaseName();
      String key = keys.computeIfAbsent(databaseName, DatabaseChoice::key);
      byDatabase.computeIfAbsent(key, k -> new ArrayList<>()).add(set);
      spelling.merge(key, databaseName, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    String chosen;
    if (requested != null) {
      chosen = key(requested);
      spelling.putIfAbsent(chosen, requested);
    } else if (byDatabase.size() == 1) {
      chosen = byDatabase.keySet().iterator().next();
    } else {
      if (byDatabase.size() > 1) {
        several(byDatabase, spelling, draft);
      }
      return new DatabaseChoice(null, List.of());
    }
    String name = spelling.get(chosen);
    for (Map.Entry<String, List<BackupSet>> e : byDatabase.entrySet()) {
      if (!e.getKey().equals(chosen)) {
        other(spelling.get(e.getKey()), e.getValue(), name, draft);
      }
    }
    return new DatabaseChoice(name, byDatabase.getOrDefault(chosen, List.of()));
  }

  private static void several(
      Map<String, List<BackupSet>> byDatabase, Map<String, String> spelling, PlanDraft draft) {
    StringBuilder names = new StringBuilder();
    Set<String> files = new TreeSet<>();
    for (Map.Entry<String, List<BackupSet>> e : byDatabase.entrySet()) {
      names.append(names.length() == 0 ? "" : ", ");
      names.append('\'').append(spelling.get(e.getKey())).append("' (");
      names.append(e.getValue().size()).append(" backup set(s))");
      for (BackupSet set : e.getValue()) {
        files.addAll(set.paths());
        draft.skip(set, "several databases are present and none was chosen");
      }
    }
    draft.problem(
        ErrorCode.MULTIPLE_DATABASES,
        "the backups belong to "
            + byDatabase.size()
            + " databases: "
            + names
            + "\nhint: choose one with --database NAME",
        List.copyOf(files),
        null,
        null);
  }

  private static void other(
      String otherName, List<BackupSet> sets, String chosenName, PlanDraft draft) {
    // A file holding several sets of the other database is named once.
    Set<String> distinct = new TreeSet<>();
    for (BackupSet set : sets) {
      distinct.addAll(set.paths());
      draft.skip(set, "belongs to database '" + otherName + "', not '" + chosenName + "'");
    }
    List<String> files = new ArrayList<>(distinct);
    StringBuilder named = new StringBuilder();
    for (int i = 0; i < Math.min(NAMED_FILES, files.size()); i++) {
      named.append(i == 0 ? "" : ", ").append('\'').append(files.get(i)).append('\'');
    }
    if (files.size() > NAMED_FILES) {
      named.append(" and ").append(files.size() - NAMED_FILES).append(" more");
    }
    draft.problem(
        ErrorCode.OTHER_DATABASE,
        files.size()
            + " file(s) belong to database '"
            + otherName
            + "', not '"
            + chosenName
            + "': "
            + named
            + "\nhint: remove them from the input, or plan them on their own with --database",
        files,
        null,
        null);
  }
}
