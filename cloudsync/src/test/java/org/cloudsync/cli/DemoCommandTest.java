package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void demoGeneratesInspectsAndPlansASyntheticFeedThenRemovesIt() {
    CliRun r = CliRun.of("demo");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("cloudsync demo: a SYNTHETIC feed, not real data")
        .contains("20 header-only backup files (no database pages)")
        .contains("DemoClinic_FULL_20260104_220000_1of2.bak")
        .contains("DemoClinic_20260105.zip!DemoClinic_LOG_20260105_000000.trn")
        .contains("plan for database DemoClinic: 19 steps")
        .contains("the chain is complete")
        .contains("cloudsync init")
        .contains("$ cloudsync center add demo --name 'Demo Clinic' --source ")
        .contains("$ cloudsync sync\n== center demo (directory ")
        // 2 stripes + 3 zips + the readme; every backup file validated, none quarantined.
        .contains("blobs: 6 new, 0 unchanged, 6 fetched")
        .contains("files: 20 staged, 20 validated, 0 quarantined in this run")
        .contains("ledger: 6 blob(s) (5 unpacked, 1 ignored); 20 file(s) (20 validated)")
        .contains("next to apply (applying comes with the restore engine):")
        .endsWith(
            "These files are synthetic and hold headers only: nothing was restored, and no"
                + " SQL Server was contacted.\n");
    Matcher m = Pattern.compile("\\$ cloudsync inspect (\\S+)").matcher(r.out());
    assertThat(m.find()).isTrue();
    assertThat(Path.of(m.group(1))).doesNotExist();
    Matcher home = Pattern.compile("CLOUDSYNC_HOME=(\\S+) cloudsync init").matcher(r.out());
    assertThat(home.find()).isTrue();
    assertThat(Path.of(home.group(1))).doesNotExist();
  }

  @Test
  void demoKeepsTheFeedInAGivenDirectory() {
    Path feed = tmp.resolve("feed");
    CliRun r = CliRun.of("demo", "--dir", feed.toString(), "--days", "1");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("plan for database DemoClinic: 7 steps");
    assertThat(feed.resolve("SYNTHETIC-README.txt")).exists();
    assertThat(feed.resolve("DemoClinic_20260105.zip")).exists();
    // The kept feed reads the same through the ordinary commands.
    CliRun plan = CliRun.of("plan", "--format", "tsql", feed.toString());
    assertThat(plan.exit()).isZero();
    List<String> statements = plan.out().lines().filter(l -> l.startsWith("RESTORE")).toList();
    assertThat(statements).hasSize(7);
    assertThat(statements.get(0))
        .isEqualTo(
            "RESTORE DATABASE [DemoClinic] FROM DISK = N'DemoClinic_FULL_20260104_220000_1of2.bak',"
                + " DISK = N'DemoClinic_FULL_20260104_220000_2of2.bak' WITH NORECOVERY, STATS = 10;");
    assertThat(plan.out()).startsWith("-- files named ZIP!ENTRY are inside zips");
  }

  @Test
  void daysOutOfRangeIsAUsageError() {
    CliRun r = CliRun.of("demo", "--days", "-1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: USAGE: --days must be between 0 and 365, not -1\n");
    assertThat(Files.exists(tmp.resolve("feed"))).isFalse();
  }
}
