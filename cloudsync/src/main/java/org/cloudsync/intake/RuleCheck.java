package org.cloudsync.intake;

import java.util.List;
import java.util.Locale;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** Holds a readable backup file's headers against the center's {@link IntakeRules}. */
final class RuleCheck {
  private RuleCheck() {}

  /**
   * @return null when every set fits, else the broken rule as an exception to record (not throw)
   */
  static CloudsyncException check(List<BackupHeader> sets, IntakeRules rules, String display) {
    for (BackupHeader h : sets) {
      if (rules.databaseName() != null && !sameDatabase(h.databaseName(), rules.databaseName())) {
        return new CloudsyncException(
            ErrorCode.OTHER_DATABASE,
            "'"
                + display
                + "': backup set "
                + h.position()
                + " is of database '"
                + h.databaseName()
                + "', not '"
                + rules.databaseName()
                + "'",
            "the file was quarantined and will not be applied",
            "ask eCW whether it was uploaded to the wrong health center's container");
      }
    }
    for (BackupHeader h : sets) {
      if (!rules.acceptedTypes().contains(h.backupType())) {
        return new CloudsyncException(
            ErrorCode.WRONG_BACKUP_TYPE,
            "'"
                + display
                + "': backup set "
                + h.position()
                + " is a "
                + h.backupType().shortName()
                + " backup; this feed takes "
                + rules.acceptedTypes().stream().map(t -> t.shortName()).sorted().toList(),
            "the file was quarantined and will not be applied",
            "restore it by hand if it is wanted, or widen the center's accepted backup types");
      }
    }
    return null;
  }

  private static boolean sameDatabase(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  /** An exception as a ledger reason: the message, then one {@code hint:} line per hint. */
  static String reason(CloudsyncException e) {
    StringBuilder sb = new StringBuilder(e.getMessage());
    for (String h : e.hints()) {
      sb.append('\n').append("hint: ").append(h);
    }
    return sb.toString();
  }
}
