package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void demoSyncsASyntheticFeedNightByNightOnTheVerifyEngineThenRemovesIt() {
    CliRun r = CliRun.of("demo");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("cloudsync demo: a SYNTHETIC feed, not real data, on the VERIFY ENGINE")
        .contains("NOTHING IS RESTORED and no SQL Server is contacted")
        .contains("$ cloudsync center add demo --name 'Demo Clinic' --source ")
        .contains(
            "added health center demo (no SQL Server: the verify engine; nothing is restored)")
        .contains(
            "== night 0: DemoClinic_FULL_20260104_220000_1of2.bak,"
                + " DemoClinic_FULL_20260104_220000_2of2.bak arrive\n$ cloudsync sync\n"
                + "verify engine: verified 2 file(s)")
        .contains("== night 5: DemoClinic_20260109.zip arrives\n$ cloudsync sync\n")
        .contains(
            "verify engine: verified 6 file(s): DemoClinic_LOG_20260109_000000.trn .."
                + " DemoClinic_LOG_20260109_200000.trn (nothing restored)")
        .contains("current through 2026-01-09T20:00:0")
        .doesNotContain("last error")
        .endsWith(
            "The verify engine checked every step by SQL Server's rules: nothing was restored,"
                + " and no SQL Server was contacted.\n");
    // Every night moves the restore point on, and nothing stays pending.
    Matcher lsn = Pattern.compile("restore_lsn (\\d+), current through").matcher(r.out());
    java.math.BigInteger last = java.math.BigInteger.ZERO;
    int nights = 0;
    while (lsn.find()) {
      java.math.BigInteger p = new java.math.BigInteger(lsn.group(1));
      assertThat(p).isGreaterThan(last);
      last = p;
      nights++;
    }
    assertThat(nights).isEqualTo(6);
    assertThat(r.out()).doesNotContain("file(s) pending; ").contains("; 0 file(s) pending\n");
    Matcher home = Pattern.compile("CLOUDSYNC_HOME=(\\S+) cloudsync init").matcher(r.out());
    assertThat(home.find()).isTrue();
    assertThat(Path.of(home.group(1))).doesNotExist();
  }

  @Test
  void demoKeepsTheFeedInAGivenDirectory() {
    Path feed = tmp.resolve("feed");
    CliRun r = CliRun.of("demo", "--dir", feed.toString(), "--days", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("== night 1: DemoClinic_20260105.zip arrives");
    assertThat(feed.resolve("generated").resolve("SYNTHETIC-README.txt")).exists();
    assertThat(feed.resolve("source").resolve("DemoClinic_20260105.zip")).exists();
  }

  @Test
  void daysOutOfRangeIsAUsageError() {
    CliRun r = CliRun.of("demo", "--days", "-1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: USAGE: --days must be between 0 and 365, not -1\n");
    assertThat(Files.exists(tmp.resolve("feed"))).isFalse();
  }
}
