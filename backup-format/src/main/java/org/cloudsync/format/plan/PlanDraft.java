package org.cloudsync.format.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;

/** The plan being built: steps in order, problems as found, and every file left out with why. */
final class PlanDraft {
  private final List<RestoreStep> steps = new ArrayList<>();
  private final List<ChainProblem> problems = new ArrayList<>();
  private final List<RestorePlan.Skipped> skipped = new ArrayList<>();
  private BackupSet last;

  void apply(BackupSet set) {
    steps.add(set.toStep());
    last = set;
  }

  /** The set of the last step, or null before the first. */
  BackupSet last() {
    return last;
  }

  /** Skips every file of {@code set}; the reason names the set's position when it is ambiguous. */
  void skip(BackupSet set, String reason) {
    String text =
        set.needsPosition() ? "backup set at position " + set.position() + ": " + reason : reason;
    for (BackupFile f : set.files()) {
      skipped.add(new RestorePlan.Skipped(f.path(), text));
    }
  }

  void skip(BackupFile file, String reason) {
    skipped.add(new RestorePlan.Skipped(file.path(), reason));
  }

  void problem(ErrorCode code, String message, List<String> files, Lsn from, Lsn to) {
    problems.add(new ChainProblem(code, message, files, from, to));
  }

  void missingStripe(BackupSet set, String consequence) {
    problem(
        ErrorCode.MISSING_STRIPE,
        set.type().shortName()
            + " backup set "
            + set.guid()
            + " ("
            + set.label()
            + ", lsn "
            + set.firstLsn()
            + " to "
            + set.lastLsn()
            + ", "
            + set.times()
            + ") lacks media "
            + set.missingText()
            + "; "
            + consequence
            + "\nhint: deliver the file holding media "
            + set.missingText()
            + " of backup set "
            + set.guid()
            + " (the same BackupSetGUID as "
            + set.label()
            + ")",
        set.paths(),
        set.firstLsn(),
        set.lastLsn());
  }

  RestorePlan toPlan(String database) {
    skipped.sort(
        Comparator.comparing(RestorePlan.Skipped::path).thenComparing(RestorePlan.Skipped::reason));
    return new RestorePlan(database, steps, problems, skipped);
  }
}
