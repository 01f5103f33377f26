package org.cloudsync.sync;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.cloudsync.center.Center;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.intake.Staging;
import org.cloudsync.intake.ZipLimits;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.RunOutcome;
import org.cloudsync.ledger.RunStore;
import org.cloudsync.lock.CenterLock;
import org.cloudsync.lock.CenterLocks;
import org.cloudsync.source.BlobFetcher;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.BlobSource;
import org.cloudsync.source.ProgressListener;
import org.cloudsync.source.Sleeper;
import org.cloudsync.source.StagingDisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle over one or all centers: for each, open its source (checking a SAS URL first),
 * then {@link DiscoverPhase discover} → {@link FetchPhase fetch} → {@link UnpackPhase unpack} →
 * {@link ValidatePhase validate} → {@link PlanPhase plan}. Each center runs on its own: a failure
 * in one (source unreachable, disk full, a bad zip) is recorded in its report and run record, and
 * the next center runs all the same. Each center's pass is a run in the ledger, opened at its start
 * and closed at its end ({@code ok}, {@code partial} when input was quarantined or the chain has
 * problems, {@code failed} when a phase was stopped).
 *
 * <p>Every cycle, whoever runs it ({@code sync}, {@code demo}, a scheduler), holds a center's
 * {@link CenterLock lock} for that center's whole pass (discover to apply). A center another
 * process is syncing is skipped with {@code CENTER_BUSY} naming the holder, which does not fail the
 * other centers (see {@link CenterReport#busy()}); different centers run in parallel in different
 * processes. Once it holds the lock, the cycle marks the center's runs still open as {@code
 * interrupted}: no live process can be running them. A dry run records nothing and takes no lock.
 * Within one cycle, {@link Settings#parallelCenters} centers run at once; one center's failure
 * never holds back another.
 */
public final class SyncCycle {
  private static final Logger LOG = LoggerFactory.getLogger(SyncCycle.class);

  /**
   * How the cycle works.
   *
   * @param staging the staging area
   * @param zipLimits bounds on what one zip may expand to
   * @param fetchOptions retry, parallel download and reserve settings
   * @param disk the file-system seam of downloads (tests inject a full disk here)
   * @param progress a progress listener per blob download (the CLI's bar for large blobs)
   * @param lockDirectory where the centers' lock files are ({@code <home>/locks})
   * @param parallelCenters how many centers run at once (restores on one SQL Server are capped
   *     further by its {@code --max-concurrent-restores})
   */
  public record Settings(
      Staging staging,
      Path lockDirectory,
      ZipLimits zipLimits,
      BlobFetcher.Options fetchOptions,
      StagingDisk disk,
      Sleeper sleeper,
      Function<BlobInfo, ProgressListener> progress,
      int parallelCenters) {

    public Settings {
      if (parallelCenters < 1) {
        throw new IllegalArgumentException("parallel centers < 1: " + parallelCenters);
      }
    }

    /**
     * The defaults around {@code staging}: no progress shown; the lock files in {@code locks}
     * beside the staging directory (as in a cloudsync home).
     */
    public static Settings defaults(Staging staging) {
      return new Settings(
          staging,
          staging.root().resolveSibling("locks"),
          ZipLimits.DEFAULTS,
          BlobFetcher.Options.DEFAULT,
          StagingDisk.SYSTEM,
          Sleeper.SYSTEM,
          b -> ProgressListener.NONE,
          1);
    }

    /** These settings with another disk seam. */
    public Settings withDisk(StagingDisk d) {
      return new Settings(
          staging, lockDirectory, zipLimits, fetchOptions, d, sleeper, progress, parallelCenters);
    }

    /** These settings with the lock files in {@code directory}. */
    public Settings withLockDirectory(Path directory) {
      return new Settings(
          staging, directory, zipLimits, fetchOptions, disk, sleeper, progress, parallelCenters);
    }

    /** These settings with other zip limits. */
    public Settings withZipLimits(ZipLimits l) {
      return new Settings(
          staging, lockDirectory, l, fetchOptions, disk, sleeper, progress, parallelCenters);
    }

    /** These settings with other fetch options and sleeper (tests: no real backoff). */
    public Settings withFetch(BlobFetcher.Options o, Sleeper s) {
      return new Settings(staging, lockDirectory, zipLimits, o, disk, s, progress, parallelCenters);
    }

    /** These settings showing progress through {@code p}. */
    public Settings withProgress(Function<BlobInfo, ProgressListener> p) {
      return new Settings(
          staging, lockDirectory, zipLimits, fetchOptions, disk, sleeper, p, parallelCenters);
    }

    /** These settings running {@code n} centers at once. */
    public Settings withParallelCenters(int n) {
      return new Settings(
          staging, lockDirectory, zipLimits, fetchOptions, disk, sleeper, progress, n);
    }

    BlobFetcher fetcher(BlobSource source, Path directory) {
      return new BlobFetcher(source, directory, fetchOptions, disk, sleeper, new Random());
    }

    BlobFetcher fetcher(BlobSource source, org.cloudsync.ledger.CenterId center) {
      return fetcher(source, staging.centerDirectory(center.value()));
    }
  }

  private final Ledger ledger;
  private final BlobSources sources;
  private final Settings settings;
  private final RunStore runs;
  private final CenterLocks locks;
  private org.cloudsync.replay.Replay replay;

  public SyncCycle(Ledger ledger, BlobSources sources, Settings settings) {
    this.ledger = ledger;
    this.sources = sources;
    this.settings = settings;
    this.runs = new RunStore(ledger);
    this.locks = new CenterLocks(settings.lockDirectory(), ledger, Clock.systemUTC());
  }

  /**
   * Applies after planning ({@code sync} now applies): each center's validated files are brought
   * onto its database by its engine (see {@link org.cloudsync.replay.ApplyPhase}). Without it the
   * cycle stops at the plan.
   */
  public SyncCycle withReplay(org.cloudsync.replay.Replay r) {
    this.replay = r;
    return this;
  }

  /**
   * Syncs {@code centers}, {@link Settings#parallelCenters} at a time, reported in the order given;
   * a paused center is reported and left alone. With {@code dryRun} nothing is recorded, fetched or
   * unpacked: the source is listed and the plan made from what the ledger already holds.
   */
  public SyncReport run(List<Center> centers, boolean dryRun) {
    int threads = Math.min(settings.parallelCenters(), centers.size());
    if (threads <= 1) {
      List<CenterReport> reports = new ArrayList<>();
      for (Center c : centers) {
        reports.add(runOne(c, dryRun));
      }
      return new SyncReport(reports);
    }
    return new SyncReport(runParallel(centers, dryRun, threads));
  }

  private CenterReport runOne(Center c, boolean dryRun) {
    return c.paused() ? paused(c) : dryRun ? runCenter(c, true) : runLocked(c);
  }

  /**
   * Each center on a worker of its own. A center's failures are already in its report; what escapes
   * (the ledger itself unreachable) ends the cycle as it would one after the other.
   */
  private List<CenterReport> runParallel(List<Center> centers, boolean dryRun, int threads) {
    AtomicInteger worker = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "sync-center-" + worker.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<CenterReport>> running = new ArrayList<>();
      for (Center c : centers) {
        running.add(pool.submit(() -> runOne(c, dryRun)));
      }
      List<CenterReport> reports = new ArrayList<>();
      for (Future<CenterReport> f : running) {
        reports.add(result(f));
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }

  private static CenterReport result(Future<CenterReport> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudsyncException(
          ErrorCode.INTERNAL, "sync was interrupted while centers were running", List.of(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The center's pass under its lock; a center another process holds is skipped. */
  private CenterReport runLocked(Center center) {
    CenterLock lock;
    try {
      lock = locks.acquire(center.id());
    } catch (CloudsyncException e) {
      if (e.code() == ErrorCode.CENTER_BUSY) {
        LOG.info("center '{}': {}", center.id(), e.getMessage());
      }
      return notLocked(center, e);
    }
    try (lock) {
      LOG.debug("center '{}': lock taken in '{}'", center.id(), lock.file());
      int interrupted = runs.closeInterrupted(center.id());
      if (interrupted > 0) {
        LOG.info(
            "center '{}': marked {} run(s) left open by a stopped process as interrupted",
            center.id(),
            interrupted);
      }
      return runCenter(center, false);
    }
  }

  private CenterReport runCenter(Center center, boolean dryRun) {
    CenterRun run = new CenterRun(center, ledger, settings, dryRun);
    long runId = dryRun ? -1 : runs.start(center.id());
    phases(run);
    CenterReport report = run.report();
    if (!dryRun) {
      RunOutcome outcome =
          run.stopped
              ? RunOutcome.FAILED
              : report.exitStatus() == ExitStatus.OK ? RunOutcome.OK : RunOutcome.PARTIAL;
      try {
        runs.finish(runId, outcome, RunCounts.json(report));
      } catch (CloudsyncException e) {
        // Only a process ignoring the lock could have closed it: what was done stays recorded.
        LOG.warn("center '{}': run {} could not be closed: {}", run.id, runId, e.getMessage());
      }
    }
    return report;
  }

  /** The phases in order; a phase that fails ends the center's pass, keeping what was done. */
  private void phases(CenterRun run) {
    String phase = "source";
    try {
      BlobSources.Opened opened = sources.open(run.center);
      run.source = opened.source();
      run.sourceDescription = opened.source().describe();
      run.warnings.addAll(opened.warnings());
      phase = "discover";
      DiscoverPhase.run(run);
      if (!run.dryRun) {
        phase = "fetch";
        FetchPhase.run(run);
        phase = "unpack";
        UnpackPhase.run(run);
        phase = "validate";
        ValidatePhase.run(run);
      }
    } catch (CloudsyncException e) {
      run.stop(phase, null, e);
    } catch (RuntimeException e) {
      LOG.debug("center '{}': {} failed", run.id, phase, e);
      run.stop(
          phase,
          null,
          new CloudsyncException(
              ErrorCode.INTERNAL,
              phase + " failed unexpectedly: " + e,
              List.of("this is a bug in cloudsync; rerun with --debug to see where it happened"),
              e));
    }
    // What is validated is planned even when a phase failed: nothing already validated is lost.
    try {
      PlanPhase.run(run);
    } catch (CloudsyncException e) {
      run.stop("plan", null, e);
    }
    if (replay != null) {
      apply(run);
    }
  }

  /** The apply phase; a failure of one center is recorded in its report, the next goes on. */
  private void apply(CenterRun run) {
    try {
      run.apply = replay.apply(run.center, run::file, run.dryRun);
      if (run.apply.stop() != null
          && run.apply.stop().code().exitStatus()
              == org.cloudsync.format.ExitStatus.RESTORE_FAILED) {
        run.stopped = true;
      }
    } catch (CloudsyncException e) {
      run.stop("apply", null, e);
    } catch (RuntimeException e) {
      LOG.debug("center '{}': apply failed", run.id, e);
      run.stop(
          "apply",
          null,
          new CloudsyncException(
              ErrorCode.INTERNAL,
              "apply failed unexpectedly: " + e,
              List.of("this is a bug in cloudsync; rerun with --debug to see where it happened"),
              e));
    }
  }

  /** A center whose lock was not taken: busy elsewhere, or its lock file cannot be opened. */
  private static CenterReport notLocked(Center c, CloudsyncException e) {
    return new CenterReport(
        c.id(),
        null,
        false,
        false,
        List.of(),
        List.of(),
        List.of(new CenterReport.Failure("lock", null, e.code(), e.getMessage(), e.hints())),
        new CenterReport.Counts(0, 0, 0, 0, 0, 0, 0, 0),
        List.of(),
        List.of(),
        null,
        List.of(),
        null,
        null);
  }

  private CenterReport paused(Center c) {
    return new CenterReport(
        c.id(),
        null,
        true,
        false,
        List.of(),
        List.of("paused: nothing was done (cloudsync center resume " + c.id() + ")"),
        List.of(),
        new CenterReport.Counts(0, 0, 0, 0, 0, 0, 0, 0),
        List.of(),
        List.of(),
        null,
        List.of(),
        null,
        null);
  }
}
