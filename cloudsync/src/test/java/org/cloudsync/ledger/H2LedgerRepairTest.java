package org.cloudsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cloudsync.config.CloudsyncConfig;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.testing.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LEDGER_DAMAGED} and its repair on a real H2 file. The damage is the one a kill once left
 * ({@code SyncCrashTest} without {@code WRITE_DELAY=0}, seed 103): an entry of a secondary index of
 * {@code backup_files} whose row the table does not hold, made on purpose by {@link H2Damage}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class H2LedgerRepairTest {
  static final CenterId CENTER = LedgerContract.CLINIC;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private String url;
  private CloudsyncConfig config;

  @BeforeEach
  void ledgerWithThreeFiles() {
    url = "jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    config = new CloudsyncConfig(url, null, null);
    try (Ledger ledger = Ledger.open(config, CLOCK)) {
      new CenterStore(ledger).insert(LedgerContract.row(CENTER), List.of());
      long blob =
          new BlobStore(ledger).recordListed(CENTER, LedgerContract.blob("logs.zip", "e1")).id();
      BackupFileStore files = new BackupFileStore(ledger);
      for (String entry : List.of("a.trn", "b.trn", "c.trn")) {
        files.recordFound(CENTER, blob, entry);
      }
    }
  }

  @Test
  void aReadThroughTheDamagedIndexSaysLedgerDamagedWithTheRepairCommand() throws Exception {
    damage("b.trn");
    try (Ledger ledger = Ledger.open(config, CLOCK)) {
      assertThatThrownBy(() -> new BackupFileStore(ledger).list(CENTER))
          .isInstanceOfSatisfying(
              CloudsyncException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_DAMAGED);
                assertThat(e.getMessage())
                    .contains("is damaged: Row \"")
                    .contains("not found in primary index \"PUBLIC.BACKUP_FILES_DATA\"")
                    .doesNotContain("Timeout trying to lock");
                assertThat(e.hints())
                    .anySatisfy(h -> assertThat(h).contains("cloudsync ledger repair"));
              });
    }
  }

  @Test
  void repairKeepsEveryRowTheTableHoldsAndTheNextRecordingFindsTheLostOneAgain() throws Exception {
    damage("b.trn");
    byte[] before = Files.readAllBytes(dir.resolve("ledger.mv.db"));

    H2LedgerRepair.Result r = H2LedgerRepair.of(config, CLOCK).run();

    assertThat(r.ledgerFile()).isEqualTo(dir.resolve("ledger.mv.db"));
    assertThat(r.damagedCopy()).isEqualTo(dir.resolve("ledger-damaged-20261126-150000.mv.db"));
    assertThat(Files.readAllBytes(r.damagedCopy())).as("the file as it was").isEqualTo(before);
    String kept = "jdbc:h2:file:" + dir.resolve("ledger-damaged-20261126-150000");
    try (Ledger old = Ledger.open(kept, null, null, CLOCK)) {
      assertThatThrownBy(() -> new BackupFileStore(old).list(CENTER))
          .as("the copy kept is the ledger as it was, damage included")
          .isInstanceOfSatisfying(
              CloudsyncException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_DAMAGED));
    }
    assertThat(r.rows()).containsEntry("backup_files", 2L).containsEntry("centers", 1L);
    assertThat(r.rows()).containsKey("flyway_schema_history");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no export or half-built file left beside the ledger")
          .noneMatch(n -> n.contains("-repair-"));
    }
    try (Ledger ledger = Ledger.open(config, CLOCK)) {
      BackupFileStore files = new BackupFileStore(ledger);
      assertThat(files.list(CENTER))
          .extracting(BackupFileRecord::entryPath)
          .containsExactly("a.trn", "c.trn");
      long blob = new BlobStore(ledger).list(CENTER).get(0).id();
      files.recordFound(CENTER, blob, "b.trn");
      assertThat(files.list(CENTER))
          .extracting(BackupFileRecord::entryPath)
          .containsExactly("a.trn", "c.trn", "b.trn");
    }
  }

  @Test
  void aLedgerInUseByAnotherProcessIsLeftAlone() throws Exception {
    damage("b.trn");
    byte[] before = Files.readAllBytes(dir.resolve("ledger.mv.db"));
    Process holder =
        ChildJvm.builder(HoldOpen.class.getName(), false, List.of(url))
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(5))).isEqualTo("open\n");
      assertThatThrownBy(() -> H2LedgerRepair.of(config, CLOCK).run())
          .isInstanceOfSatisfying(
              CloudsyncException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_UNAVAILABLE);
                assertThat(e.getMessage()).contains("is in use by another process");
                assertThat(e.hints())
                    .anySatisfy(h -> assertThat(h).contains("stop every cloudsync process"));
              });
    } finally {
      holder.destroyForcibly();
      holder.waitFor();
    }
    assertThat(Files.readAllBytes(dir.resolve("ledger.mv.db"))).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains("-repair-") || n.contains("-damaged-"));
    }
  }

  @Test
  void onlyAnH2FileLedgerCanBeRepaired() {
    assertThat(H2LedgerRepair.fileBase("jdbc:h2:file:/srv/cs/ledger;AUTO_SERVER=TRUE"))
        .isEqualTo(Path.of("/srv/cs/ledger"));
    assertThat(H2LedgerRepair.fileBase("jdbc:h2:/srv/cs/ledger"))
        .isEqualTo(Path.of("/srv/cs/ledger"));
    assertThat(H2LedgerRepair.fileBase("jdbc:h2:~/ledger"))
        .isEqualTo(Path.of(System.getProperty("user.home"), "ledger"));
    for (String other :
        List.of(
            "jdbc:h2:mem:ledger",
            "jdbc:h2:tcp://db/ledger;USER=u;PASSWORD=s3cret",
            "jdbc:postgresql://db/cs?user=u&password=s3cret")) {
      assertThatThrownBy(() -> H2LedgerRepair.fileBase(other))
          .isInstanceOfSatisfying(
              CloudsyncException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                assertThat(e.getMessage())
                    .contains("this ledger is jdbc:")
                    .doesNotContain("s3cret");
                assertThat(e.hints())
                    .contains(
                        "only an H2 file ledger can be repaired; PostgreSQL"
                            + " recovers from its own write-ahead log");
              });
    }
  }

  /** Removes the row of {@code entry} from {@code backup_files}' primary index alone. */
  private void damage(String entry) throws Exception {
    long id;
    try (Ledger ledger = Ledger.open(config, CLOCK)) {
      id =
          new BackupFileStore(ledger)
              .list(CENTER).stream()
                  .filter(f -> f.entryPath().equals(entry))
                  .findFirst()
                  .orElseThrow()
                  .id();
    }
    H2Damage.removeFromPrimaryIndex(url, "BACKUP_FILES", id);
  }

  /** Child: holds the ledger open, as {@code cloudsync serve} does, until it is killed. */
  static final class HoldOpen {
    private HoldOpen() {}

    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection(args[0])) {
        System.out.print("open\n");
        System.out.flush();
        Thread.sleep(120_000);
      }
    }
  }
}
