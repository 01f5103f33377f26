package org.cloudsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the embedded default: an H2 file database. */
class H2LedgerTest extends LedgerContract {
  @TempDir Path dir;

  @Override
  String[] freshDatabase() {
    return new String[] {"jdbc:h2:file:" + dir.resolve("ledger"), null, null};
  }

  @Override
  Ledger reopen() {
    return Ledger.open("jdbc:h2:file:" + dir.resolve("ledger"), null, null, CLOCK);
  }

  /**
   * H2 stores its file at each commit while other sessions may be half-way through a statement;
   * transactions in one process therefore run one at a time (see {@code Ledger}).
   */
  @Test
  void h2TransactionsOfTwoThreadsRunOneAtATime() throws Exception {
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch secondInside = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> first =
          pool.submit(
              () ->
                  ledger.inTransaction(
                      c -> {
                        firstInside.countDown();
                        try {
                          releaseFirst.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return null;
                      }));
      assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> second =
          pool.submit(
              () ->
                  ledger.inTransaction(
                      c -> {
                        secondInside.countDown();
                        return null;
                      }));
      assertThat(secondInside.await(500, TimeUnit.MILLISECONDS))
          .as("the second transaction waits for the first")
          .isFalse();
      releaseFirst.countDown();
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
      assertThat(secondInside.getCount()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
