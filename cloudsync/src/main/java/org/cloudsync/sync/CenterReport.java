package org.cloudsync.sync;

import java.util.List;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.format.plan.ChainProblem;
import org.cloudsync.format.plan.RestorePlan;
import org.cloudsync.intake.StagingUsage;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.CenterId;

/**
 * One center's part of a sync: what this run did (counts, failures) and where everything stands in
 * the ledger afterwards (every blob, every backup file, the plan).
 *
 * @param source the source's description (no secret), null when it could not be opened
 * @param paused the center is paused: nothing was done
 * @param dryRun nothing was recorded or fetched; {@code wouldFetch} lists what would have been
 * @param warnings things a person should know (e.g. a SAS URL expiring soon)
 * @param failures what stopped a phase or a blob, in order
 * @param counts what this run did
 * @param blobs every blob of the center in the ledger, oldest first
 * @param files every backup file of the center in the ledger, in the order found
 * @param plan the restore plan over the validated files not yet applied; null when there are none
 * @param planNotes validated files left out of the plan, and why
 * @param staging the center's disk use in staging after the run; null for a dry or paused run
 * @param apply what the apply phase did (every line naming the engine); null when it did not run
 */
public record CenterReport(
    CenterId center,
    String source,
    boolean paused,
    boolean dryRun,
    List<String> wouldFetch,
    List<String> warnings,
    List<Failure> failures,
    Counts counts,
    List<BlobRecord> blobs,
    List<BackupFileRecord> files,
    RestorePlan plan,
    List<String> planNotes,
    StagingUsage staging,
    org.cloudsync.replay.ApplyReport apply) {

  public CenterReport {
    wouldFetch = List.copyOf(wouldFetch);
    warnings = List.copyOf(warnings);
    failures = List.copyOf(failures);
    blobs = List.copyOf(blobs);
    files = List.copyOf(files);
    planNotes = List.copyOf(planNotes);
  }

  /**
   * A failure that stopped a phase (source unreachable, disk full) or took a blob out (bad zip,
   * blob gone), with its stable code.
   *
   * @param phase {@code lock} (the center's lock was not taken), {@code source}, {@code discover},
   *     {@code fetch}, {@code unpack}, {@code validate}, {@code plan} or {@code apply}
   * @param subject the blob or file concerned, or null for the whole phase
   */
  public record Failure(
      String phase, String subject, ErrorCode code, String message, List<String> hints) {
    public Failure {
      hints = List.copyOf(hints);
    }
  }

  /**
   * What this run did: blobs listed as new or already known, fetched, gone; files staged,
   * validated, quarantined; and the files now waiting for a header from SQL Server.
   */
  public record Counts(
      int blobsNew,
      int blobsUnchanged,
      int blobsFetched,
      int blobsGone,
      int filesStaged,
      int filesValidated,
      int filesQuarantined,
      int filesAwaitingServer) {}

  /**
   * Another process holds the center's lock, so this run skipped it: the failure {@code
   * CENTER_BUSY} names the holder. Its exit status is 0; the holder reports the center's outcome.
   */
  public boolean busy() {
    return failures.stream().anyMatch(f -> f.code() == ErrorCode.CENTER_BUSY);
  }

  /**
   * The exit status this center earns, the highest that applies: a failure's own status (5 for a
   * source that cannot be reached or refuses access); 3 when this run quarantined a file or blob or
   * lost a blob (some input invalid, whatever the file's own code); the status of each plan problem
   * (4 for a chain that cannot be completed).
   */
  public ExitStatus exitStatus() {
    ExitStatus status = ExitStatus.OK;
    for (Failure f : failures) {
      status = status.max(f.code().exitStatus());
    }
    if (counts.filesQuarantined() > 0 || counts.blobsGone() > 0) {
      status = status.max(ExitStatus.INPUT_INVALID);
    }
    if (plan != null) {
      for (ChainProblem p : plan.problems()) {
        status = status.max(p.code().exitStatus());
      }
    }
    if (apply != null && apply.stop() != null) {
      status = status.max(apply.stop().code().exitStatus());
    }
    return status;
  }
}
