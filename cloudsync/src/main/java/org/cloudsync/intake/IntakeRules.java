package org.cloudsync.intake;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.cloudsync.format.BackupType;

/**
 * What a health center's feed is expected to hold: which database, and which backup types. Files
 * outside these rules are quarantined, not applied.
 *
 * @param databaseName the source database name the backups must carry (compared ignoring case, as
 *     SQL Server's default collations do), or null to accept any database
 * @param acceptedTypes backup types the feed delivers; eCW Cloud Sync sends fulls (the initial
 *     dump) and logs (the daily zips), so a differential is quarantined by default
 */
public record IntakeRules(String databaseName, Set<BackupType> acceptedTypes) {

  public IntakeRules {
    Objects.requireNonNull(acceptedTypes, "acceptedTypes");
    if (acceptedTypes.isEmpty()) {
      throw new IllegalArgumentException("at least one backup type must be accepted");
    }
    acceptedTypes = Set.copyOf(acceptedTypes);
  }

  /** Fulls and logs of {@code databaseName} (null: of any database). */
  public static IntakeRules forDatabase(String databaseName) {
    return new IntakeRules(databaseName, EnumSet.of(BackupType.FULL, BackupType.LOG));
  }
}
