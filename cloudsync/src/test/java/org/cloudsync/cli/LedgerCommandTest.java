package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cloudsync.config.CloudsyncHome;
import org.cloudsync.format.synthetic.SyntheticFeed;
import org.cloudsync.ledger.H2Damage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudsync ledger repair} as an operator meets it: a sync stopped by {@code
 * LEDGER_DAMAGED}, the command its hint names, and the next sync.
 */
class LedgerCommandTest {
  @TempDir Path tmp;

  @Test
  void aDamagedLedgerIsNamedAsSuchRepairedByTheHintedCommandAndTheNextSyncGoesOn()
      throws Exception {
    Cli cli = new Cli(tmp.resolve("home"));
    assertThat(cli.init().status()).isZero();
    Path drop = tmp.resolve("drop");
    SyntheticFeed.builder("riverside", LocalDateTime.of(2026, 11, 1, 22, 0), ZoneOffset.UTC, 7)
        .days(2)
        .logInterval(java.time.Duration.ofHours(4))
        .build()
        .writeTo(drop);
    assertThat(cli.center("add", "riverside", "--name", "R", "--source", "" + drop).status())
        .isZero();
    Cli.Result first = cli.sync();
    assertThat(first.status()).as(first.all()).isZero();

    H2Damage.removeFromPrimaryIndex(
        CloudsyncHome.at(cli.home).defaultLedgerUrl(), "BACKUP_FILES", 3);
    Cli.Result stopped = cli.sync();
    assertThat(stopped.status()).as(stopped.all()).isEqualTo(1);
    assertThat(stopped.err())
        .contains("error: LEDGER_DAMAGED: the ledger at jdbc:h2:file:")
        .contains("is damaged: Row \"3\" not found in primary index \"PUBLIC.BACKUP_FILES_DATA\"")
        .contains(
            "hint: stop every cloudsync process that uses this ledger, then run: cloudsync ledger repair")
        .doesNotContain("Timeout trying to lock")
        .doesNotContain("\tat ");

    Cli.Result repaired = cli.ledger("repair");
    assertThat(repaired.status()).as(repaired.all()).isZero();
    assertThat(repaired.out())
        .containsPattern("ledger .*ledger\\.mv\\.db rebuilt: \\d+ rows in \\d+ tables;")
        .contains("the file as it was is kept as " + cli.home.resolve("ledger-damaged-"))
        .contains("it opens at schema version 5")
        .contains("next: cloudsync sync");
    try (var files = Files.list(cli.home)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("ledger-damaged-") && n.endsWith(".mv.db"));
    }

    Cli.Result next = cli.sync();
    assertThat(next.status()).as(next.all()).isZero();
  }

  @Test
  void withoutASubcommandItSaysWhichOnesThereAre() {
    Cli.Result r = new Cli(tmp.resolve("home")).ledger();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("a subcommand is required: repair");
  }
}
