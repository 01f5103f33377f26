package org.cloudsync.restore;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.RestoreStep;

/**
 * SQL Server's acceptance rules for one {@code RESTORE} step, as a pure function of the database's
 * state and the step. The verify engine applies them instead of restoring; the SQL Server engine
 * applies them to the server's real position as a pre-flight, so that a bad plan is refused with
 * the reason before the server is touched.
 *
 * <ul>
 *   <li>every step: all media families of the set are present, once each (else error 3132);
 *   <li>full: onto an absent database; onto a restoring or standby one of the same database (it
 *       starts the sequence again); onto another database's restoring copy (3154) or an online
 *       database (3159) only with {@code REPLACE}. Afterwards {@code p} = the full's LastLSN and
 *       the base is its BackupSetGUID;
 *   <li>differential: onto a restoring or standby database (else 3117) of the same database, whose
 *       base full is the differential's DifferentialBaseGUID (else 3136), not ending before {@code
 *       p}. Afterwards {@code p} = its LastLSN;
 *   <li>log: onto a restoring or standby database (else 3117) of the same database, on the same
 *       recovery fork when both are known, with {@code FirstLSN <= p} (else 4305, "too recent") and
 *       {@code p < LastLSN} (else 4326, "too early"). Afterwards {@code p} = its LastLSN.
 * </ul>
 *
 * <p>Database names compare without regard to case, as SQL Server's default collations do.
 */
public final class RestoreRules {
  private RestoreRules() {}

  /** The refusal SQL Server would give, or null when the step applies. */
  public static Refusal check(DatabaseState state, RestoreStep step, ApplyOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    Refusal stripes = checkStripes(step);
    if (stripes != null) {
      return stripes;
    }
    return switch (step.type()) {
      case FULL -> checkFull(state, step.header(), options);
      case DIFFERENTIAL -> checkDiff(state, step.header());
      case LOG -> checkLog(state, step.header());
    };
  }

  /**
   * The state after {@code step} applied with {@code options} (call only when {@link #check}
   * returned null).
   *
   * @param newIdentity gives the identity of a database the step creates or replaces
   */
  public static DatabaseState after(
      DatabaseState state, RestoreStep step, ApplyOptions options, Supplier<String> newIdentity) {
    BackupHeader h = step.header();
    DatabaseStatus status =
        switch (options.finish()) {
          case NORECOVERY -> DatabaseStatus.RESTORING;
          case STANDBY -> DatabaseStatus.STANDBY;
          case RECOVERY -> DatabaseStatus.ONLINE;
        };
    return switch (step.type()) {
      case FULL -> {
        // Restoring over the same database keeps it; a new or replaced database is a new one.
        boolean keepIdentity =
            state.status() != DatabaseStatus.ABSENT
                && !options.replace()
                && state.identity() != null;
        yield new DatabaseState(
            status,
            state.name(),
            h.lastLsn(),
            h.recoveryForkId(),
            h.backupSetGuid(),
            h.databaseName(),
            h.softwareVersion(),
            keepIdentity ? state.identity() : newIdentity.get());
      }
      case DIFFERENTIAL, LOG ->
          new DatabaseState(
              status,
              state.name(),
              h.lastLsn(),
              h.recoveryForkId() != null ? h.recoveryForkId() : state.recoveryForkId(),
              state.baseBackupSetGuid(),
              state.backupDatabaseName(),
              state.backupVersion(),
              state.identity());
    };
  }

  /**
   * Checks a whole plan from {@code state}, step by step, each step seeing the state the previous
   * ones leave: the pre-flight of a night. Returns the first refusal with the index of its step, or
   * null when every step applies.
   */
  public static PlanRefusal checkPlan(
      DatabaseState state, List<RestoreStep> steps, List<ApplyOptions> options) {
    if (steps.size() != options.size()) {
      throw new IllegalArgumentException(steps.size() + " steps, " + options.size() + " options");
    }
    DatabaseState s = state;
    for (int i = 0; i < steps.size(); i++) {
      Refusal r = check(s, steps.get(i), options.get(i));
      if (r != null) {
        return new PlanRefusal(i, steps.get(i), r);
      }
      s = after(s, steps.get(i), options.get(i), () -> "pre-flight");
    }
    return null;
  }

  /** The first step of a plan that would be refused, and why. */
  public record PlanRefusal(int index, RestoreStep step, Refusal refusal) {}

  /** SQL Server's 4305 text, with the LSNs in decimal as SQL Server prints them. */
  public static String tooRecentMessage(Lsn first, Lsn p) {
    return "The log in this backup set begins at LSN "
        + first.toDecimalString()
        + ", which is too recent to apply to the database. An earlier log backup that includes LSN "
        + p.toDecimalString()
        + " can be restored.";
  }

  /** SQL Server's 4326 text, with the LSNs in decimal. */
  public static String tooEarlyMessage(Lsn last, Lsn p) {
    return "The log in this backup set terminates at LSN "
        + last.toDecimalString()
        + ", which is too early to apply to the database. A more recent log backup that includes"
        + " LSN "
        + p.toDecimalString()
        + " can be restored.";
  }

  private static Refusal checkStripes(RestoreStep step) {
    BackupHeader first = step.header();
    int count = first.familyCount();
    Set<Integer> seen = new TreeSet<>();
    for (BackupFile f : step.files()) {
      BackupHeader h = f.header();
      if (!h.backupSetGuid().equals(first.backupSetGuid()) || h.position() != first.position()) {
        return Refusal.of(
            ErrorCode.MISSING_STRIPE,
            0,
            "'"
                + f.path()
                + "' is not part of the same backup set as '"
                + step.files().get(0).path()
                + "' (backup set "
                + h.backupSetGuid()
                + " position "
                + h.position()
                + ", expected "
                + first.backupSetGuid()
                + " position "
                + first.position()
                + ")",
            "give each restore step the media families of one backup set only");
      }
      if (!seen.add(h.familySequenceNumber())) {
        return Refusal.of(
            ErrorCode.MISSING_STRIPE,
            0,
            "media family "
                + h.familySequenceNumber()
                + " of backup set "
                + first.backupSetGuid()
                + " is given twice",
            "give each media family once");
      }
    }
    if (seen.size() != count) {
      Set<Integer> missing = new TreeSet<>();
      for (int i = 1; i <= count; i++) {
        if (!seen.contains(i)) {
          missing.add(i);
        }
      }
      return Refusal.of(
          ErrorCode.MISSING_STRIPE,
          3132,
          "The media set has "
              + count
              + " media families but only "
              + seen.size()
              + " are provided. All members must be provided. (backup set "
              + first.backupSetGuid()
              + " of database '"
              + first.databaseName()
              + "' lacks media "
              + (missing.size() == 1 ? "family " : "families ")
              + joinInts(missing)
              + ")",
          "fetch every stripe file of the backup set; the stripes are paired by BackupSetGUID,"
              + " not by file name");
    }
    return null;
  }

  private static Refusal checkFull(DatabaseState state, BackupHeader h, ApplyOptions options) {
    switch (state.status()) {
      case ABSENT:
        return null;
      case ONLINE:
        if (options.replace()) {
          return null;
        }
        return Refusal.of(
            ErrorCode.DATABASE_ONLINE,
            3159,
            "database '"
                + state.name()
                + "' is online (recovered); restoring the full backup of '"
                + h.databaseName()
                + "' over it would overwrite it",
            "someone brought the database online or it was recovered on purpose; a re-baseline"
                + " restores over it only WITH REPLACE (in place) or beside it (side by side)");
      default:
        if (options.replace() || sameDatabase(state, h)) {
          return null;
        }
        return Refusal.of(
            ErrorCode.OTHER_DATABASE,
            3154,
            "The backup set holds a backup of a database other than the existing '"
                + state.name()
                + "' database. (the backup is of '"
                + h.databaseName()
                + "', the database holds '"
                + state.backupDatabaseName()
                + "')",
            "check that the center's files are of its own database; restoring over another"
                + " database needs a re-baseline WITH REPLACE");
    }
  }

  private static Refusal checkDiff(DatabaseState state, BackupHeader h) {
    Refusal notRestoring = checkRestoring(state, h, "differential");
    if (notRestoring != null) {
      return notRestoring;
    }
    if (state.baseBackupSetGuid() == null) {
      return Refusal.of(
          ErrorCode.POSITION_UNKNOWN,
          0,
          "the full database '"
              + state.name()
              + "' was restored from is not known, so differential "
              + h.backupSetGuid()
              + " cannot be checked against its base "
              + h.differentialBaseGuid(),
          "restore the logs instead, or restore the full again before the differential");
    }
    if (!state.baseBackupSetGuid().equals(h.differentialBaseGuid())) {
      return Refusal.of(
          ErrorCode.DIFF_WRONG_BASE,
          3136,
          "This differential backup cannot be restored because the database has not been"
              + " restored to the correct earlier state. (the differential's base is full "
              + h.differentialBaseGuid()
              + ", database '"
              + state.name()
              + "' was restored from full "
              + state.baseBackupSetGuid()
              + ")",
          "restore the differential's own base full first, or skip the differential and"
              + " restore the logs");
    }
    if (state.restorePoint() != null && h.lastLsn().isBefore(state.restorePoint())) {
      return Refusal.of(
          ErrorCode.DIFF_TOO_EARLY,
          0,
          "the differential ends at LSN "
              + h.lastLsn().toDecimalString()
              + ", before the restore point "
              + state.restorePoint().toDecimalString()
              + " of database '"
              + state.name()
              + "'",
          "the database is already past this differential; restore the logs that follow");
    }
    return null;
  }

  private static Refusal checkLog(DatabaseState state, BackupHeader h) {
    Refusal notRestoring = checkRestoring(state, h, "log");
    if (notRestoring != null) {
      return notRestoring;
    }
    Lsn p = state.restorePoint();
    if (p == null) {
      return Refusal.of(
          ErrorCode.POSITION_UNKNOWN,
          0,
          "database '"
              + state.name()
              + "' is "
              + state.status()
              + " without a restore point (an interrupted restore); no log can be checked"
              + " against it",
          "restore the full backup again to start the sequence over");
    }
    if (state.recoveryForkId() != null
        && h.recoveryForkId() != null
        && !state.recoveryForkId().equals(h.recoveryForkId())) {
      return Refusal.of(
          ErrorCode.RECOVERY_FORK_MISMATCH,
          0,
          "the log is on recovery fork "
              + h.recoveryForkId()
              + ", database '"
              + state.name()
              + "' is on fork "
              + state.recoveryForkId(),
          "the source database was recovered and branched; a new full backup is needed");
    }
    if (h.firstLsn().isAfter(p)) {
      return Refusal.of(
          ErrorCode.LOG_TOO_RECENT,
          4305,
          tooRecentMessage(h.firstLsn(), p),
          "a log backup is missing: ask for the log that includes LSN " + p.toDecimalString());
    }
    if (!p.isBefore(h.lastLsn())) {
      return Refusal.of(
          ErrorCode.LOG_TOO_EARLY,
          4326,
          tooEarlyMessage(h.lastLsn(), p),
          "the database is already past this log; it was applied before or is a duplicate");
    }
    return null;
  }

  private static Refusal checkRestoring(DatabaseState state, BackupHeader h, String kind) {
    if (state.status() == DatabaseStatus.ABSENT) {
      return Refusal.of(
          ErrorCode.DATABASE_NOT_RESTORING,
          0,
          "database '" + state.name() + "' does not exist; a " + kind + " cannot start a restore",
          "restore the full backup first");
    }
    if (state.status() == DatabaseStatus.ONLINE) {
      return Refusal.of(
          ErrorCode.DATABASE_NOT_RESTORING,
          3117,
          "The log or differential backup cannot be restored because no files are ready to"
              + " rollforward. (database '"
              + state.name()
              + "' is online, recovered)",
          "the database was recovered (by hand or WITH RECOVERY); re-baseline it from a full"
              + " backup");
    }
    if (!sameDatabase(state, h)) {
      return Refusal.of(
          ErrorCode.OTHER_DATABASE,
          0,
          "the "
              + kind
              + " is of database '"
              + h.databaseName()
              + "', database '"
              + state.name()
              + "' holds '"
              + state.backupDatabaseName()
              + "'",
          "quarantine files of other databases; check the center's source");
    }
    return null;
  }

  private static boolean sameDatabase(DatabaseState state, BackupHeader h) {
    return state.backupDatabaseName() == null
        || state
            .backupDatabaseName()
            .toLowerCase(Locale.ROOT)
            .equals(h.databaseName().toLowerCase(Locale.ROOT));
  }

  private static String joinInts(Set<Integer> values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(v);
    }
    return sb.toString();
  }

  /** A random identity, for engines that have no other. */
  public static String randomIdentity() {
    return UUID.randomUUID().toString();
  }
}
