package org.cloudsync.replay;

import java.util.Objects;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.ledger.BackupFileRecord;

/**
 * A backup file the apply phase may use: its ledger record and the backup set read from its staged
 * copy (named as {@code cloudsync plan} names it).
 */
public record Candidate(BackupFileRecord record, BackupFile file) {
  public Candidate {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(file, "file");
  }
}
