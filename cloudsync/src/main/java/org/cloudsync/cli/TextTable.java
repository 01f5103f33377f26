package org.cloudsync.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of text in aligned columns, two spaces apart; the last column is not padded. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();

  TextTable row(String... cells) {
    rows.add(cells.clone());
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table with {@code indent} before every row, each row ending in {@code \n}. */
  String render(String indent) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
