package org.cloudsync.restore.sqlserver;

import static org.cloudsync.restore.SyntheticSteps.lsn;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.center.Centers;
import org.cloudsync.center.SasUrlCheck;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.BackupFileStore;
import org.cloudsync.ledger.BlobStore;
import org.cloudsync.ledger.BlobVersion;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.FileState;
import org.cloudsync.ledger.HeaderSummary;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.replay.ApplyPhase;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.replay.Candidate;

/**
 * The apply phase on the SQL Server engine with the server scripted at the session seam: an H2
 * ledger with one center (database {@code Sales}), a SQL Server 2019 engine on {@code D:\Data},
 * {@code L:\Logs} and {@code D:\Standby}, and the files validated so far. The apply-phase tests
 * share it.
 */
final class ScriptedApply {
  static final Clock CLOCK =
      Clock.fixed(OffsetDateTime.parse("2026-11-26T12:00:00Z").toInstant(), ZoneOffset.UTC);
  static final CenterId CENTER = new CenterId("center-1");
  static final String BASE = "5af3e50d-a4e0-4e9b-8aef-fe52898c6359";

  final FakeSqlSession session = new FakeSqlSession();
  final List<Candidate> validated = new ArrayList<>();
  Ledger ledger;
  Centers centers;
  SqlServerEngine engine;

  void open(Path tmp) {
    ledger = Ledger.open("jdbc:h2:file:" + tmp.resolve("ledger"), null, null, CLOCK);
    centers = new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, CLOCK);
    centers.add(
        CENTER, new CenterSettings().name("Center 1").sourceDirectory(tmp).databaseName("Sales"));
    engine =
        new SqlServerEngine(
            () -> session,
            SqlServerSettings.defaults()
                .withDirectories("D:\\Data", "L:\\Logs")
                .withStandbyDir("D:\\Standby")
                .withReaders(Duration.ZERO, 0, Duration.ZERO),
            d -> {});
    ScriptedServer.version(session, "15.0.2000.5", 3);
    session.on("RESTORE FILELISTONLY");
    ScriptedServer.noReaders(session);
  }

  void close() {
    ledger.close();
  }

  /** The database {@code RESTORING} at {@code p}, its last restore a log on base {@link #BASE}. */
  void restoringAt(long p) {
    ScriptedServer.database(session, "RESTORING", false);
    ScriptedServer.redoStart(session, lsn(p));
    ScriptedServer.history(session, "L", lsn(p), BASE);
  }

  /** Records the step's files in the ledger as validated; returns the last one. */
  Candidate validate(RestoreStep step) {
    BlobStore blobs = new BlobStore(ledger);
    BackupFileStore files = new BackupFileStore(ledger);
    Candidate last = null;
    for (BackupFile f : step.files()) {
      long blob =
          blobs
              .recordListed(
                  CENTER,
                  new BlobVersion(
                      f.path(), "e1", 1, null, OffsetDateTime.parse("2026-11-25T04:00Z")))
              .id();
      long id = files.recordFound(CENTER, blob, f.path()).id();
      files.recordHeader(id, HeaderSummary.of(f.header()));
      files.moveTo(id, FileState.STAGED, null, null, "/srv/staging/" + f.path());
      last = new Candidate(files.moveTo(id, FileState.VALIDATED, null, null, null), f);
      validated.add(last);
    }
    return last;
  }

  /** Runs the apply phase over the files still validated. */
  ApplyReport apply(Placement placement, boolean dryRun) {
    List<Candidate> now =
        validated.stream()
            .filter(
                x ->
                    new BackupFileStore(ledger).find(x.record().id()).orElseThrow().state()
                        == FileState.VALIDATED)
            .toList();
    return new ApplyPhase(ledger, CLOCK)
        .run(centers.get(CENTER), placement, engine, now, () -> now, engine::statement, dryRun);
  }
}
