package org.cloudsync.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.cloudsync.center.Center;
import org.cloudsync.format.plan.BackupFile;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.LedgerVerifyStateStore;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.RebaselineRecord;
import org.cloudsync.ledger.RebaselineStore;
import org.cloudsync.restore.RestoreEngine;
import org.cloudsync.restore.TargetDatabase;
import org.cloudsync.restore.verify.VerifyEngine;
import org.cloudsync.server.Servers;

/**
 * The engine of each center: the verify engine (state in the ledger) when the center has no SQL
 * Server, else the one {@code SqlServerEngine} of its instance.
 */
public final class Engines {
  private final VerifyEngine verify;
  private final Servers servers;
  private final Function<BackupFile, Path> stagedPath;

  /**
   * @param servers the registered instances, null when no SQL Server may be used (then a center
   *     placed on one fails with {@code SERVER_NOT_FOUND}-like refusal from {@link #of})
   * @param stagedPath where a planned file was staged (its path as the planner names it otherwise)
   */
  public Engines(Ledger ledger, Servers servers, Function<BackupFile, Path> stagedPath) {
    this.verify = new VerifyEngine(new LedgerVerifyStateStore(ledger));
    this.servers = servers;
    this.stagedPath = Objects.requireNonNull(stagedPath, "stagedPath");
  }

  /** The engine the placement names. */
  public RestoreEngine of(Placement placement) {
    if (placement.serverName() == null) {
      return verify;
    }
    if (servers == null) {
      throw new org.cloudsync.format.CloudsyncException(
          org.cloudsync.format.ErrorCode.SERVER_NOT_FOUND,
          "SQL Server '" + placement.serverName() + "' cannot be used here",
          "this run uses the verify engine only");
    }
    return servers.engine(placement.serverName(), stagedPath);
  }

  /** The verify engine (for printing the statements a SQL Server would run). */
  public VerifyEngine verify() {
    return verify;
  }

  /**
   * The database the center restores into: its {@code --database} name, else its id with dashes as
   * underscores. Keyed by the center id, which a rename does not change.
   */
  public static TargetDatabase target(Center center) {
    String name =
        center.databaseName() != null
            ? center.databaseName()
            : center.id().value().replace('-', '_').toLowerCase(Locale.ROOT);
    return TargetDatabase.of(center.id().value(), name);
  }

  /**
   * The center's database as {@link #target(Center)} names it, with what side-by-side re-baselines
   * run by {@code engine} left on it: the temporary names it was restored under (SQL Server keeps
   * its restore history by name), and the latest as the name of its own files (its undo file stays
   * distinct from the old copy's).
   */
  public static TargetDatabase target(Center center, RebaselineStore rebaselines, String engine) {
    TargetDatabase plain = target(center);
    List<String> former = new ArrayList<>();
    for (RebaselineRecord r : rebaselines.list(center.id())) {
      if (engine.equals(r.engine()) && r.swappedAt() != null && r.temporaryName() != null) {
        former.add(r.temporaryName());
      }
    }
    if (former.isEmpty()) {
      return plain;
    }
    return new TargetDatabase(plain.key(), plain.name(), former, former.get(former.size() - 1));
  }
}
