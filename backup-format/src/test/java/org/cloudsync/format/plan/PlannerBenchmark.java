package org.cloudsync.format.plan;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long planning a year of 15-minute log backups takes (goal: under 0.5 s): one full and 35,040
 * logs (365 days x 96), given in shuffled order as a directory listing might give them.
 *
 * <p>Run from the project root (JMH forks a JVM, so run it with the test classpath, not inside
 * Maven):
 *
 * <pre>
 * mvn -B -q -pl backup-format test-compile org.codehaus.mojo:exec-maven-plugin:3.6.2:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   "-Dexec.args=-cp %classpath org.cloudsync.format.plan.PlannerBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class PlannerBenchmark {
  static final int LOGS = 365 * 96;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

  private List<BackupFile> files;

  @Setup
  public void generate() {
    files = year(LOGS);
  }

  @Benchmark
  public RestorePlan planYearOfLogs() {
    RestorePlan plan = Planner.plan(files, PlanRequest.all());
    if (plan.steps().size() != LOGS + 1) {
      // Checked on every call: a benchmark of a plan that breaks off early would measure nothing.
      throw new IllegalStateException("the generated year does not plan: " + plan.problems());
    }
    return plan;
  }

  /**
   * The first plan in a fresh JVM (no JIT warm-up), as a one-shot {@code cloudsync plan} sees it:
   * each fork plans once.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public RestorePlan planYearOfLogsCold() {
    return Planner.plan(files, PlanRequest.all());
  }

  /** One full, then {@code logs} contiguous log backups 15 minutes apart, shuffled. */
  static List<BackupFile> year(int logs) {
    LocalDateTime t = LocalDateTime.of(2025, 1, 1, 0, 0);
    Random random = new Random(2025);
    List<BackupFile> files = new ArrayList<>(logs + 1);
    long vlf = 40;
    long block = 100;
    files.add(file(BackupType.FULL, "FULL", t, lsn(vlf, 90), lsn(vlf, block), random));
    for (int i = 0; i < logs; i++) {
      t = t.plusMinutes(15);
      Lsn first = lsn(vlf, block);
      block += 50 + random.nextInt(500);
      if (block > 1_000_000) {
        vlf++;
        block = 1;
      }
      files.add(file(BackupType.LOG, "LOG", t, first, lsn(vlf, block), random));
    }
    Collections.shuffle(files, random);
    return files;
  }

  private static Lsn lsn(long vlf, long block) {
    return Lsn.fromDecimal(
        BigInteger.valueOf(vlf)
            .multiply(BigInteger.TEN.pow(15))
            .add(BigInteger.valueOf(block * 100_000 + 1)));
  }

  private static BackupFile file(
      BackupType type, String folder, LocalDateTime t, Lsn first, Lsn last, Random random) {
    BackupHeader header =
        BackupHeader.builder()
            .backupType(type)
            .databaseName("clinic")
            .serverName("ECW-SQL01")
            .firstLsn(first)
            .lastLsn(last)
            .backupSetGuid(new UUID(random.nextLong(), random.nextLong()))
            .backupStartDate(t)
            .backupFinishDate(t.plusSeconds(5))
            .build();
    String ext = type == BackupType.LOG ? ".trn" : ".bak";
    return new BackupFile(
        "clinic/" + folder + "/ECW-SQL01_clinic_" + folder + "_" + STAMP.format(t) + ext, header);
  }

  /** Runs the benchmarks; an argument narrows them by regular expression (e.g. {@code Cold}). */
  public static void main(String[] args) throws RunnerException {
    String include = args.length > 0 ? args[0] : PlannerBenchmark.class.getSimpleName();
    new Runner(new OptionsBuilder().include(include).build()).run();
  }
}
