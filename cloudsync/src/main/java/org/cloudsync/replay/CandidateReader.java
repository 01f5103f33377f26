package org.cloudsync.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ReadResult;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.ledger.BackupFileRecord;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobRecord;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.Ledger;

/**
 * Reads a center's backup files in given states with the backup sets of their staged copies (a few
 * kilobytes each), named as {@code cloudsync plan} names them. A file whose staged copy is gone or
 * no longer readable offline is left out.
 */
public final class CandidateReader {
  private final BackupFileStore files;
  private final BlobStore blobs;
  private final Function<String, Path> stagedFile;

  /**
   * @param stagedFile the file a ledger staged path names
   */
  public CandidateReader(Ledger ledger, Function<String, Path> stagedFile) {
    this.files = new BackupFileStore(ledger);
    this.blobs = new BlobStore(ledger);
    this.stagedFile = stagedFile;
  }

  /** The center's files in {@code states}, in the order found. */
  public List<Candidate> read(CenterId center, Set<FileState> states) {
    Map<Long, String> blobNames = new HashMap<>();
    for (BlobRecord b : blobs.list(center)) {
      blobNames.put(b.id(), b.version().name());
    }
    List<Candidate> out = new ArrayList<>();
    for (BackupFileRecord r : files.list(center)) {
      if (!states.contains(r.state()) || r.stagedPath() == null) {
        continue;
      }
      String name = FileNames.planName(blobNames, r);
      try {
        ReadResult result = BackupReader.read(stagedFile.apply(r.stagedPath()), name);
        if (result instanceof ReadResult.Headers h) {
          for (BackupHeader header : h.sets()) {
            out.add(new Candidate(r, new BackupFile(name, header)));
          }
        }
      } catch (CloudsyncException e) {
        // Gone or unreadable now: it cannot take part in a plan.
      }
    }
    return out;
  }
}
