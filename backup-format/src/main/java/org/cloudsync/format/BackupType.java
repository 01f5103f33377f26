package org.cloudsync.format;

/**
 * The kind of a backup set, with the codes {@code RESTORE HEADERONLY} reports in {@code
 * BackupType}.
 */
public enum BackupType {
  FULL(1, 'D', "full"),
  LOG(2, 'L', "log"),
  DIFFERENTIAL(5, 'I', "diff");

  private final int headerOnlyCode;
  private final char mtfCode;
  private final String shortName;

  BackupType(int headerOnlyCode, char mtfCode, String shortName) {
    this.headerOnlyCode = headerOnlyCode;
    this.mtfCode = mtfCode;
    this.shortName = shortName;
  }

  /** The {@code BackupType} column of RESTORE HEADERONLY (1 full, 2 log, 5 differential). */
  public int headerOnlyCode() {
    return headerOnlyCode;
  }

  /**
   * The type character SQL Server stores in the backup set record ({@code D}, {@code I}, {@code
   * L}).
   */
  public char mtfCode() {
    return mtfCode;
  }

  /** {@code full}, {@code diff} or {@code log}: the names used in plans and JSON. */
  public String shortName() {
    return shortName;
  }

  /** The type stored as {@code code} in a backup set record, or null when unknown. */
  public static BackupType fromMtfCode(char code) {
    for (BackupType t : values()) {
      if (t.mtfCode == code) {
        return t;
      }
    }
    return null;
  }

  public static BackupType fromHeaderOnlyCode(int code) {
    for (BackupType t : values()) {
      if (t.headerOnlyCode == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown backup type code: " + code);
  }
}
