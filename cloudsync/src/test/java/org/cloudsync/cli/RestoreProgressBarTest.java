package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.plan.RestoreStep;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.replay.RunningStep;
import org.cloudsync.restore.DatabaseState;
import org.cloudsync.restore.Refusal;
import org.cloudsync.restore.StepOutcome;
import org.cloudsync.restore.StepProgress;
import org.cloudsync.restore.SyntheticSteps;
import org.junit.jupiter.api.Test;

class RestoreProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static RunningStep step(BackupType type, boolean restoresData) {
    RestoreStep s =
        type == BackupType.LOG
            ? SyntheticSteps.log("Sales", 1000, 2000)
            : SyntheticSteps.step(
                "full/Sales_FULL.bak",
                SyntheticSteps.header(type, "Sales", 1000, 2000)
                    .backupSetGuid(UUID.randomUUID())
                    .build());
    return new RunningStep(
        new CenterId("center-1"), restoresData ? "sqlserver" : "verify", restoresData, s, 1, 2);
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFullOnSqlServerDrawsItsPercentagesAndEndsTheLine() {
    RestoreProgressBar bars = new RestoreProgressBar(err, true);
    RunningStep full = step(BackupType.FULL, true);
    StepProgress p = bars.started(full);
    p.percent(0);
    p.percent(100);
    bars.finished(
        full,
        StepOutcome.success(
            "sqlserver", StepOutcome.Kind.APPLIED, full.step(), DatabaseState.absent("Sales")));
    assertThat(out())
        .startsWith("\rrestoring center-1: full Sales_FULL.bak (1/2) [")
        .contains("]   0%")
        .contains("[" + "#".repeat(30) + "] 100%" + System.lineSeparator())
        .doesNotContain("MiB");
    assertThat(out().split(System.lineSeparator(), -1)).hasSize(2);
  }

  @Test
  void aFailureMidwayEndsTheBarsLine() {
    RestoreProgressBar bars = new RestoreProgressBar(err, true);
    RunningStep full = step(BackupType.FULL, true);
    bars.started(full).percent(30);
    assertThat(out()).doesNotContain(System.lineSeparator());
    bars.finished(
        full,
        StepOutcome.failed(
            "sqlserver",
            full.step(),
            null,
            Refusal.of(ErrorCode.SERVER_DISK_FULL, 3257, "disk full", "free space")));
    assertThat(out()).contains(" 30%").endsWith(System.lineSeparator());
  }

  @Test
  void logsTheVerifyEngineAndNoTerminalDrawNothing() {
    new RestoreProgressBar(err, true).started(step(BackupType.LOG, true)).percent(100);
    new RestoreProgressBar(err, true).started(step(BackupType.FULL, false)).percent(100);
    new RestoreProgressBar(err, false).started(step(BackupType.FULL, true)).percent(100);
    assertThat(bytes.size()).isZero();
  }
}
