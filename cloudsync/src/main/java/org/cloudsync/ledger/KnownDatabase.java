package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.cloudsync.format.Lsn;

/**
 * The database the ledger's records describe: its identity (which survives a rename and changes
 * when the database is dropped or restored over) and the position last recorded.
 *
 * @param engine {@code verify} or {@code sqlserver}
 * @param restoreLsn null when the database had no restore point
 * @param baseGuid the BackupSetGUID of the full it was restored from, null when unknown
 */
public record KnownDatabase(
    CenterId center,
    String engine,
    String identity,
    String databaseName,
    Lsn restoreLsn,
    UUID baseGuid,
    OffsetDateTime recordedAt) {
  public KnownDatabase {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(databaseName, "databaseName");
  }
}
