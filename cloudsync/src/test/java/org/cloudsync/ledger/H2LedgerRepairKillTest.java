package org.cloudsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.testing.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudsync ledger repair} in a child JVM, killed with SIGKILL at random points of its four
 * steps (copy kept, export, rebuild, rename; each logs a line under {@code --debug}): after every
 * kill the ledger's name holds a whole ledger, either as it was (still damaged) or repaired, never
 * an empty or half-written one. A repaired ledger is damaged again before the next kill. A last
 * repair, not killed, then mends it.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class H2LedgerRepairKillTest {
  private static final int FILES = 5_000;
  private static final int KILLS = 10;

  @TempDir Path home;
  private int lost;
  private final Clock clock = Clock.systemUTC();
  private CloudsyncConfig config;

  @BeforeEach
  void ledgerWithManyFiles() {
    CloudsyncHome h = CloudsyncHome.at(home);
    h.initialise(true);
    config = h.loadConfig();
    try (Ledger ledger = Ledger.open(config, clock)) {
      new CenterStore(ledger).insert(LedgerContract.row(H2LedgerRepairTest.CENTER), List.of());
      long blob =
          new BlobStore(ledger)
              .recordListed(H2LedgerRepairTest.CENTER, LedgerContract.blob("logs.zip", "e1"))
              .id();
      ledger.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO backup_files (center_id, blob_id, entry_path, state, created_at,"
                        + " updated_at) SELECT ?, ?, 'f' || X || '.trn', 'discovered',"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, ?)")) {
              ps.setString(1, H2LedgerRepairTest.CENTER.value());
              ps.setLong(2, blob);
              ps.setInt(3, FILES);
              return ps.executeUpdate();
            }
          });
    }
  }

  @Test
  void killedAtAnyPointTheLedgerIsAsItWasOrRepaired() throws Exception {
    Random random = new Random(20261126L);
    int damaged = 0;
    int repaired = 0;
    boolean needsDamage = true;
    for (int i = 0; i < KILLS; i++) {
      if (needsDamage) {
        // Each kill meets a damaged ledger: one more row lost, one more to repair.
        H2Damage.removeFromPrimaryIndex(config.ledgerUrl(), "BACKUP_FILES", ++lost);
      }
      Process p = ChildJvm.cloudsync(home, "--debug", "ledger", "repair");
      int afterStep = random.nextInt(4);
      try (BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        int steps = 0;
        String line;
        while (steps <= afterStep && (line = err.readLine()) != null) {
          if (line.contains("ledger repair: ")) {
            steps++;
          }
        }
        Thread.sleep(random.nextInt(50));
        p.destroyForcibly();
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      needsDamage = isRepaired(config, clock);
      if (needsDamage) {
        repaired++;
      } else {
        damaged++;
      }
    }
    System.out.printf(
        "ledger repair kill test: %d kills, then %d ledgers as they were, %d repaired%n",
        KILLS, damaged, repaired);
    assertThat(damaged).as("kills before the rename").isPositive();
    assertThat(repaired).as("kills after the rename").isPositive();

    Process last = ChildJvm.cloudsync(home, "ledger", "repair");
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();
    assertThat(isRepaired(config, clock)).isTrue();
  }

  /**
   * Opens the ledger under its name: it must hold the center and either every file but the lost
   * ones (repaired) or the damage (as it was).
   */
  /**
   * From the export until the new file has the ledger's name, the repair holds the old file alone:
   * a process opening the ledger then (here while the repair is stopped right after its export) is
   * refused, so it cannot write to a file that is about to be replaced.
   */
  @Test
  void anotherProcessIsRefusedWhileTheRepairHoldsTheLedger() throws Exception {
    H2Damage.removeFromPrimaryIndex(config.ledgerUrl(), "BACKUP_FILES", ++lost);
    Process p = ChildJvm.cloudsync(home, "--debug", "ledger", "repair");
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null && !line.contains("ledger repair: exported")) {
        // up to the export
      }
      assertThat(line).as("the repair logged its export").isNotNull();
      ChildJvm.signal(p, "STOP");
      try {
        assertThatThrownBy(() -> Ledger.open(config, clock).close())
            .isInstanceOfSatisfying(
                CloudsyncException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_UNAVAILABLE));
      } finally {
        ChildJvm.signal(p, "CONT");
      }
      err.transferTo(java.io.Writer.nullWriter());
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(isRepaired(config, clock)).isTrue();
  }

  private boolean isRepaired(CloudsyncConfig config, Clock clock) {
    try (Ledger ledger = Ledger.open(config, clock)) {
      assertThat(new CenterStore(ledger).find(H2LedgerRepairTest.CENTER))
          .as("the ledger's name holds a whole ledger")
          .isPresent();
      try {
        assertThat(new BackupFileStore(ledger).list(H2LedgerRepairTest.CENTER))
            .hasSize(FILES - lost);
        return true;
      } catch (CloudsyncException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_DAMAGED);
        return false;
      }
    }
  }
}
