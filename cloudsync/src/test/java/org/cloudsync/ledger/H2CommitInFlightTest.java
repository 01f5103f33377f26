package org.cloudsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 ledger after a process died while a commit was in flight: the state a SIGKILL leaves when
 * H2's background writer stored the file after the commit had marked its undo log committed but
 * before it had applied the changes and cleared the log. That state is made here on purpose,
 * without waiting for an unlucky kill: a child JVM marks an open transaction's undo log committed
 * the way H2's commit does first (through H2's internals, which only this test touches), stores the
 * file and halts.
 *
 * <p>Reopening must finish that commit: its changes are visible and the rows it touched can be
 * written again. H2 2.5.250 and 2.5.252 do not: they register the transaction as committed but
 * never apply or close it, so its rows stay locked by a transaction that never ends, and the next
 * write to one of them spins forever in {@code TransactionMap.set}. That is the hang a killed
 * {@code sync} once left in the ledger, on the identity sequence's row of H2's meta table. This
 * test keeps the project on an H2 version whose recovery finishes the commit.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class H2CommitInFlightTest {
  private static final CenterId CENTER = new CenterId("riverside-chc");

  @TempDir Path dir;

  @Test
  void aCommitInFlightWhenTheProcessDiedIsFinishedWhenTheLedgerReopens() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("ledger");

    Child leave = run(LeaveCommitInFlight.class, url);
    assertThat(leave.ended()).as("the first child halted").isTrue();
    assertThat(leave.output()).contains("commit left in flight by transaction");

    Child reopen = run(WriteAgain.class, url);
    assertThat(reopen.ended())
        .as("writing the rows of the interrupted commit again ended; it said:%n%s", reopen.output())
        .isTrue();
    assertThat(reopen.output())
        .contains("run outcome: ok")
        .contains("blob: in-flight.zip")
        .contains("run written again")
        .contains("blob written again");
  }

  private record Child(boolean ended, String output) {}

  /** Runs {@code main} in a child JVM on this test's class path; kills it after 60 s. */
  private static Child run(Class<?> main, String url) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.add(url);
    Path out = Files.createTempFile("child", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean ended = p.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
        p.waitFor();
      }
      return new Child(ended, Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * Child: creates the ledger with a center and a run, then, in one transaction, finishes the run
   * and records a blob; marks that transaction's undo log committed as H2's commit does first,
   * stores the file and halts like a killed process.
   */
  static final class LeaveCommitInFlight {
    private LeaveCommitInFlight() {}

    public static void main(String[] args) throws Exception {
      String url = args[0];
      long run;
      try (Ledger ledger = Ledger.open(url, null, null, Clock.systemUTC())) {
        new CenterStore(ledger).insert(LedgerContract.row(CENTER), List.of());
        run = new RunStore(ledger).start(CENTER);
      }
      Connection c = DriverManager.getConnection(url);
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE runs SET finished_at = CURRENT_TIMESTAMP, outcome = 'ok' WHERE id = ?")) {
        ps.setLong(1, run);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO blobs (center_id, name, etag, size_bytes, first_seen, state,"
                  + " updated_at) VALUES (?, 'in-flight.zip', 'e1', 1, CURRENT_TIMESTAMP,"
                  + " 'discovered', CURRENT_TIMESTAMP)")) {
        ps.setString(1, CENTER.value());
        ps.executeUpdate();
      }
      SessionLocal session = (SessionLocal) ((JdbcConnection) c).getSession();
      Transaction tx = session.getTransaction();
      Store store = session.getDatabase().getStore();
      markUndoLogCommitted(store.getTransactionStore(), tx.getId());
      store.getMvStore().commit();
      System.out.println("commit left in flight by transaction " + tx.getId());
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }

    /**
     * H2's {@code TransactionStore.markUndoLogAsCommitted}: {@code (int)} up to 2.4, {@code (int,
     * long)} with the committing transactions' version from 2.5.
     */
    private static void markUndoLogCommitted(TransactionStore ts, int txId) throws Exception {
      for (Method m : TransactionStore.class.getDeclaredMethods()) {
        if (!m.getName().equals("markUndoLogAsCommitted")) {
          continue;
        }
        m.setAccessible(true);
        if (m.getParameterCount() == 1) {
          m.invoke(ts, txId);
        } else {
          Field f = TransactionStore.class.getDeclaredField("committingTransactions");
          f.setAccessible(true);
          Object bits = ((AtomicReference<?>) f.get(ts)).get();
          Method getVersion = bits.getClass().getMethod("getVersion");
          getVersion.setAccessible(true);
          long version = (long) getVersion.invoke(bits);
          m.invoke(ts, txId, version);
        }
        return;
      }
      throw new IllegalStateException("no markUndoLogAsCommitted in " + TransactionStore.class);
    }
  }

  /**
   * Child: reopens the ledger, prints what the interrupted commit left, and writes the same rows
   * again.
   */
  static final class WriteAgain {
    private WriteAgain() {}

    public static void main(String[] args) throws Exception {
      try (Ledger ledger = Ledger.open(args[0], null, null, Clock.systemUTC())) {
        RunRecord run = new RunStore(ledger).latest(1).get(0);
        System.out.println(
            "run outcome: " + (run.outcome() == null ? "none" : run.outcome().label()));
        for (BlobRecord b : new BlobStore(ledger).list(CENTER)) {
          System.out.println("blob: " + b.version().name());
        }
        System.out.flush();
        ledger.inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE runs SET counts = 'again' WHERE id = ?")) {
                ps.setLong(1, run.id());
                return ps.executeUpdate();
              }
            });
        System.out.println("run written again");
        System.out.flush();
        ledger.inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE blobs SET state = 'ignored' WHERE name = 'in-flight.zip'")) {
                return ps.executeUpdate();
              }
            });
        System.out.println("blob written again");
      }
    }
  }
}
