package org.cloudsync.restore.sqlserver;

import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.restore.ApplyOptions;
import org.cloudsync.restore.Refusal;

/**
 * What a SQL Server instance can restore, checked at {@code server add} and before each restore:
 *
 * <ul>
 *   <li>the target must be at least as new as the server that took the backup (major.minor: a 2008
 *       R2 backup, 10.50, does not restore on 2008, 10.0), SQL Server error 3169;
 *   <li>SQL Server 2016 and later restore backups of 2008 (10.0) and later only;
 *   <li>{@code STANDBY} is impossible when the versions differ, since the database would need an
 *       upgrade, which recovery performs (error 3180): such a center restores {@code NORECOVERY}
 *       throughout;
 *   <li>TDE needs Enterprise (or Developer) edition before SQL Server 2019;
 *   <li>Azure SQL Database and Managed Instance cannot {@code RESTORE FROM DISK}.
 * </ul>
 */
public final class VersionRules {
  private VersionRules() {}

  /** The refusal for restoring a backup of {@code backup} onto {@code server}, or null. */
  public static Refusal check(
      ServerInfo server, SoftwareVersion backup, ApplyOptions.Finish finish, boolean tde) {
    if (!server.restoresFromDisk()) {
      return Refusal.of(
          ErrorCode.EDITION_UNSUPPORTED,
          0,
          "the target is "
              + server.describe()
              + " (engine edition "
              + server.engineEdition()
              + "), which cannot RESTORE FROM DISK",
          "use SQL Server 2016 or later on a virtual machine, on premises, or in a container");
    }
    if (tde && server.major() < 15 && server.engineEdition() != ServerInfo.ENTERPRISE) {
      return Refusal.of(
          ErrorCode.EDITION_UNSUPPORTED,
          0,
          "the backup is TDE-encrypted and the target is "
              + server.describe()
              + "; before SQL Server 2019, TDE needs Enterprise or Developer edition",
          "use SQL Server 2019 or later (any edition with TDE), or Enterprise edition");
    }
    if (backup == null) {
      return null;
    }
    int cmp = compare(backup.major(), backup.minor(), server.major(), server.minor());
    if (cmp > 0) {
      return Refusal.of(
          ErrorCode.SERVER_VERSION_TOO_OLD,
          3169,
          "the backup was taken on "
              + productName(backup.major(), backup.minor())
              + " ("
              + backup
              + ") and the target is "
              + server.describe()
              + "; SQL Server cannot restore a backup of a newer version",
          "restore onto " + productName(backup.major(), backup.minor()) + " or later");
    }
    if (server.major() >= 13 && backup.major() < 10) {
      return Refusal.of(
          ErrorCode.SERVER_VERSION_TOO_OLD,
          0,
          "the backup was taken on SQL Server version "
              + backup
              + "; "
              + server.describe()
              + " restores backups of SQL Server 2008 and later only",
          "restore it on an intermediate version first, then take a new backup there");
    }
    if (finish == ApplyOptions.Finish.STANDBY && cmp != 0) {
      return Refusal.of(
          ErrorCode.STANDBY_ACROSS_VERSIONS,
          3180,
          "the backup is of "
              + productName(backup.major(), backup.minor())
              + " ("
              + backup
              + ") and the target is "
              + server.describe()
              + "; STANDBY would need a database upgrade, which only recovery performs",
          "set the center to restore NORECOVERY throughout (readers then wait for a recovered"
              + " copy), or use a server of the backup's version");
    }
    return null;
  }

  /** Whether {@code STANDBY} can be used for backups of {@code backup} on {@code server}. */
  public static boolean standbyPossible(ServerInfo server, SoftwareVersion backup) {
    return compare(backup.major(), backup.minor(), server.major(), server.minor()) == 0;
  }

  private static int compare(int major1, int minor1, int major2, int minor2) {
    int c = Integer.compare(major1, major2);
    return c != 0 ? c : Integer.compare(minor1, minor2);
  }

  /** {@code SQL Server 2008 R2} for 10.50, {@code SQL Server 2019} for 15, ... */
  static String productName(int major, int minor) {
    String name =
        switch (major) {
          case 9 -> "2005";
          case 10 -> minor >= 50 ? "2008 R2" : "2008";
          case 11 -> "2012";
          case 12 -> "2014";
          case 13 -> "2016";
          case 14 -> "2017";
          case 15 -> "2019";
          case 16 -> "2022";
          case 17 -> "2025";
          default -> null;
        };
    return name == null ? "SQL Server version " + major + "." + minor : "SQL Server " + name;
  }
}
