package org.cloudsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cloudsync.format.BackupReader;
import org.cloudsync.format.ReadResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state header reads (no JVM start): how many log backup files per second the offline reader
 * gets through, from the page cache. Goal: at least 50,000 files per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HeaderReadBenchmark -p
 * dir=../shared/corpus/backups}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeaderReadBenchmark {

  /** A directory of backup files; every {@code .trn} below it is read in turn. */
  @Param("../shared/corpus/backups")
  public String dir;

  private List<Path> files;
  private int next;

  @Setup
  public void setUp() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of(dir))) {
      files = s.filter(p -> p.toString().endsWith(".trn")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no .trn files under " + dir);
    }
  }

  /** One file's headers per operation: the score is files per second. */
  @Benchmark
  public ReadResult readOneLogHeader() {
    Path p = files.get(next);
    next = next + 1 == files.size() ? 0 : next + 1;
    return BackupReader.read(p, p.toString());
  }
}
