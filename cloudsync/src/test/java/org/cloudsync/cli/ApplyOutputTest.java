package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.replay.ApplyReport;
import org.cloudsync.restore.sqlserver.OrphanedUsers;
import org.junit.jupiter.api.Test;

/** What {@code sync} prints after an apply about users without a login. */
class ApplyOutputTest {
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-26T05:30:00Z");

  private static ApplyReport report(String engine, boolean restoresData, boolean dryRun) {
    return new ApplyReport(
        engine,
        restoresData,
        dryRun,
        null,
        null,
        List.of(engine + " engine: applied log 'a.trn' (LSN 1 to 2); 'Sales' standby at 2"),
        1,
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  private static String text(ApplyReport r) {
    StringWriter w = new StringWriter();
    ApplyText.print(new PrintWriter(w), r);
    return w.toString();
  }

  @Test
  void afterAnApplyOnSqlServerTheOrphansAndTheirLoginsArePrinted() {
    UserCheck check =
        new UserCheck(
            new CenterId("c1"),
            "sqlserver",
            "Sales",
            true,
            List.of(OrphanedUsers.Orphan.of("reader", "S", "0x0A0B")),
            null,
            AT);
    ApplyReport r = report("sqlserver", true, false).withUsers(check);
    assertThat(text(r))
        .contains(
            "    orphaned users: 1 database user has no login on this server:"
                + " reader (SQL user, SID 0x0A0B)\n"
                + "      hint: create the login with this SID: CREATE LOGIN [reader] WITH"
                + " PASSWORD = N'<choose a password>', SID = 0x0A0B\n");
    JsonNode users = ApplyJson.of(r).get("orphaned_users");
    assertThat(users.get("known").asBoolean()).isTrue();
    assertThat(users.get("users").get(0).get("sid").asText()).isEqualTo("0x0A0B");
  }

  @Test
  void theVerifyEngineSaysUnknownAndADryRunSaysNothing() {
    assertThat(text(report("verify", false, false)))
        .contains("    orphaned users: unknown (verify engine)\n");
    assertThat(
            ApplyJson.of(report("verify", false, false))
                .get("orphaned_users")
                .get("reason")
                .asText())
        .isEqualTo("unknown (verify engine)");
    assertThat(text(report("verify", false, true))).doesNotContain("orphaned users");
    assertThat(ApplyJson.of(report("verify", false, true)).get("orphaned_users").isNull()).isTrue();
    // On SQL Server, no check (the position was unknown): nothing is claimed.
    assertThat(text(report("sqlserver", true, false))).doesNotContain("orphaned users");
  }

  @Test
  void aDatabaseLeftRestoringSaysWhyItsUsersAreUnknown() {
    UserCheck check =
        new UserCheck(
            new CenterId("c1"),
            "sqlserver",
            "Sales",
            false,
            List.of(),
            "database 'Sales' is RESTORING: its users can be read only once it is in standby or"
                + " online",
            AT);
    assertThat(text(report("sqlserver", true, false).withUsers(check)))
        .contains(
            "    orphaned users: unknown (database 'Sales' is RESTORING: its users can be read only"
                + " once it is in standby or online; checked 2026-11-26T05:30:00Z)\n");
  }
}
