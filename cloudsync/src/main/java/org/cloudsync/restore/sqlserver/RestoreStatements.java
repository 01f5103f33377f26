package org.cloudsync.restore.sqlserver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.restore.ApplyOptions;

/**
 * The T-SQL {@code RESTORE} statements that carry out a {@link RestorePlan}: {@code RESTORE
 * DATABASE} for the full and the differential, {@code RESTORE LOG} for each log, all {@code WITH
 * NORECOVERY} except the last step, which is {@code STANDBY} when the target names a standby
 * directory. {@code FILE = n} appears for a set at position n > 1, {@code MOVE} of every logical
 * file when the target names data and log directories.
 *
 * <p>Every name and path is quoted ({@code [db]} with {@code ]} doubled, {@code N'...'} with {@code
 * '} doubled), and text holding control characters is refused with {@link
 * org.cloudsync.format.ErrorCode#SQL_TEXT_UNSAFE}, so no database, logical or file name can change
 * a statement. No {@code WITH CHECKSUM}: backups taken without checksums must still restore.
 */
public final class RestoreStatements {
  /** Progress messages every 10 percent for the (long) database restores. */
  static final int STATS_PERCENT = 10;

  private static final int MAX_NAME_PART = 64;

  private RestoreStatements() {}

  /**
   * One statement per step of {@code plan}, in order, without a trailing {@code ;}.
   *
   * @param disk the path by which the SQL Server reads each backup file
   */
  public static List<String> forPlan(
      RestorePlan plan, RestoreTarget target, Function<BackupFile, String> disk) {
    List<RestoreStep> steps = plan.steps();
    List<String> statements = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      statements.add(forStep(steps.get(i), target, disk, i == steps.size() - 1));
    }
    return statements;
  }

  /**
   * The statement restoring {@code step}; {@code last} chooses {@code STANDBY} (when the target has
   * a standby directory) over {@code NORECOVERY}.
   */
  public static String forStep(
      RestoreStep step, RestoreTarget target, Function<BackupFile, String> disk, boolean last) {
    boolean standby = last && target.standbyDir() != null;
    return forStep(
        step, target, disk, standby ? ApplyOptions.standby() : ApplyOptions.norecovery());
  }

  /**
   * The statement restoring {@code step} with explicit options, as the SQL Server engine runs it:
   * {@code FILE = n} for a set at position n > 1, {@code MOVE} of every logical file (full and
   * differential, when the target relocates), {@code REPLACE} (full only), {@code RESTART} (full
   * and differential), then {@code NORECOVERY}, {@code STANDBY = <undo file>} or {@code RECOVERY},
   * and {@code STATS = 10} on full and differential.
   *
   * @throws IllegalArgumentException when {@code STANDBY} is asked of a target without a standby
   *     directory, or {@code REPLACE} of a log
   */
  public static String forStep(
      RestoreStep step,
      RestoreTarget target,
      Function<BackupFile, String> disk,
      ApplyOptions options) {
    boolean log = step.type() == BackupType.LOG;
    StringBuilder sb = new StringBuilder("RESTORE ");
    sb.append(log ? "LOG " : "DATABASE ");
    sb.append(SqlText.identifier("database name", target.database()));
    sb.append(" FROM ");
    for (int i = 0; i < step.files().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("DISK = ")
          .append(SqlText.string("backup file path", disk.apply(step.files().get(i))));
    }
    List<String> opts = new ArrayList<>();
    if (step.position() > 1) {
      opts.add("FILE = " + step.position());
    }
    if (!log && target.relocates()) {
      opts.addAll(moves(step.header().files(), target));
    }
    if (options.replace()) {
      if (step.type() != BackupType.FULL) {
        throw new IllegalArgumentException(
            "REPLACE applies to a full backup, not a " + step.type());
      }
      opts.add("REPLACE");
    }
    if (options.restart() && !log) {
      opts.add("RESTART");
    }
    switch (options.finish()) {
      case NORECOVERY -> opts.add("NORECOVERY");
      case RECOVERY -> opts.add("RECOVERY");
      case STANDBY -> {
        if (target.standbyDir() == null) {
          throw new IllegalArgumentException(
              "STANDBY needs a standby directory for database " + target.database());
        }
        opts.add("STANDBY = " + SqlText.string("standby file path", standbyFile(target)));
      }
    }
    if (!log) {
      opts.add("STATS = " + STATS_PERCENT);
    }
    sb.append(" WITH ").append(String.join(", ", opts));
    return sb.toString();
  }

  /** {@code RESTORE DATABASE [db] WITH RECOVERY}: brings a restoring or standby copy online. */
  public static String recover(String database) {
    return "RESTORE DATABASE " + SqlText.identifier("database name", database) + " WITH RECOVERY";
  }

  /**
   * A script for a person: comment lines saying what it does, each statement ending in {@code ;} on
   * its own line, then comments saying in which state the database is left and, when the plan is
   * incomplete, why it stops there.
   */
  public static String script(
      RestorePlan plan, RestoreTarget target, Function<BackupFile, String> disk) {
    List<String> statements = forPlan(plan, target, disk);
    String db = SqlText.identifier("database name", target.database());
    StringBuilder sb = new StringBuilder();
    sb.append("-- restore of database ")
        .append(db)
        .append(": ")
        .append(describeSteps(plan.steps()))
        .append('\n');
    for (String s : statements) {
      sb.append(s).append(";\n");
    }
    if (statements.isEmpty()) {
      sb.append("-- nothing to restore\n");
    } else if (target.standbyDir() != null) {
      sb.append("-- afterwards ")
          .append(db)
          .append(" is read-only in STANDBY; later logs can still be restored onto it\n");
    } else {
      sb.append("-- afterwards ")
          .append(db)
          .append(" stays RESTORING (NORECOVERY on every step); later logs can be restored")
          .append(" onto it, and RESTORE DATABASE ")
          .append(db)
          .append(" WITH RECOVERY brings it online\n");
    }
    for (ChainProblem p : plan.problems()) {
      String[] lines = p.message().split("\\R");
      sb.append("-- incomplete: ")
          .append(p.code().name())
          .append(": ")
          .append(SqlText.printable(lines[0]))
          .append('\n');
      for (int i = 1; i < lines.length; i++) {
        sb.append("--   ").append(SqlText.printable(lines[i])).append('\n');
      }
    }
    return sb.toString();
  }

  private static String describeSteps(List<RestoreStep> steps) {
    if (steps.isEmpty()) {
      return "no steps";
    }
    int logs = 0;
    List<String> parts = new ArrayList<>();
    for (RestoreStep s : steps) {
      if (s.type() == BackupType.LOG) {
        logs++;
      } else {
        parts.add(s.type().shortName());
      }
    }
    if (logs > 0) {
      parts.add(logs + (logs == 1 ? " log" : " logs"));
    }
    return steps.size()
        + (steps.size() == 1 ? " step (" : " steps (")
        + String.join(", ", parts)
        + ")";
  }

  private static List<String> moves(List<DatabaseFile> files, RestoreTarget target) {
    String db = fileNamePart(target.database());
    Set<String> used = new HashSet<>();
    List<String> moves = new ArrayList<>(files.size());
    for (DatabaseFile f : files) {
      String base = db + "_" + fileNamePart(f.logicalName());
      String ext = f.isLog() ? ".ldf" : f.fileId() == 1 ? ".mdf" : ".ndf";
      String name = base + ext;
      // Windows file names ignore case; two logical names may also sanitise alike.
      if (!used.add(name.toLowerCase(Locale.ROOT))) {
        name = base + "_" + f.fileId() + ext;
        used.add(name.toLowerCase(Locale.ROOT));
      }
      String dir = f.isLog() ? target.logDir() : target.dataDir();
      moves.add(
          "MOVE "
              + SqlText.string("logical file name", f.logicalName())
              + " TO "
              + SqlText.string("database file path", join(dir, name)));
    }
    return moves;
  }

  private static String standbyFile(RestoreTarget target) {
    String stem = target.undoStem() == null ? target.database() : target.undoStem();
    return join(target.standbyDir(), fileNamePart(stem) + "_undo.ldf");
  }

  /**
   * Joins a server-side directory and a file name with the directory's own separator: {@code \} for
   * a Windows path such as {@code D:\Data}, {@code /} otherwise.
   */
  static String join(String dir, String name) {
    SqlText.checkPrintable("directory", dir);
    if (dir.endsWith("/") || dir.endsWith("\\")) {
      return dir + name;
    }
    boolean windows = dir.indexOf('\\') >= 0 && dir.indexOf('/') < 0;
    return dir + (windows ? "\\" : "/") + name;
  }

  /**
   * A name reduced to letters, digits, {@code .}, {@code _} and {@code -} (anything else becomes
   * {@code _}), at most 64 characters, not starting with a dot: safe as part of a file name on
   * Windows and Linux.
   */
  static String fileNamePart(String name) {
    StringBuilder sb = new StringBuilder();
    name.codePoints()
        .limit(MAX_NAME_PART)
        .forEach(
            cp ->
                sb.appendCodePoint(
                    Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-'
                        ? cp
                        : '_'));
    if (sb.length() == 0) {
      return "_";
    }
    if (sb.charAt(0) == '.') {
      sb.setCharAt(0, '_');
    }
    return sb.toString();
  }
}
