package org.cloudsync.lock;

import java.nio.file.Path;
import java.time.Clock;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.Ledger;

/**
 * A child process for {@link CenterLocksTest}: {@code LOCK-DIR CENTER [JDBC-URL]} takes the
 * center's lock (with a PostgreSQL ledger, the advisory lock too), prints {@code held}, and keeps
 * it until killed. A lock already held prints {@code busy} and the message, and exits 3.
 */
final class LockHoldingMain {
  private LockHoldingMain() {}

  public static void main(String[] args) throws Exception {
    Ledger ledger =
        args.length > 2 ? Ledger.open(args[2], "postgres", null, Clock.systemUTC()) : null;
    CenterLocks locks = new CenterLocks(Path.of(args[0]), ledger, Clock.systemUTC());
    try {
      locks.acquire(new CenterId(args[1]));
    } catch (org.cloudsync.format.CloudsyncException e) {
      System.out.println("busy " + e.getMessage());
      System.out.flush();
      System.exit(3);
    }
    System.out.println("held");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
