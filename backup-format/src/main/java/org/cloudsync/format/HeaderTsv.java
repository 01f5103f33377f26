package org.cloudsync.format;

/**
 * The tab-separated form of headers used by {@code inspect --format tsv}: exactly the columns of
 * the corpus's {@code headers.tsv}, same value conventions (RESTORE HEADERONLY type codes, decimal
 * LSNs, {@code YYYY-MM-DD HH:MM:SS} local dates, lower-case GUIDs, empty differential base fields
 * for non-differentials).
 */
public final class HeaderTsv {
  private HeaderTsv() {}

  /** The header line, without a line end. */
  public static String headerLine() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** One row for {@code header} found at {@code path}, without a line end. */
  public static String row(String path, BackupHeader header) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
