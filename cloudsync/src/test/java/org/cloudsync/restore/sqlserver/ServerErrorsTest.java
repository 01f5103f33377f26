package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerErrorsTest {
  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of(4305, ErrorCode.LOG_TOO_RECENT),
        Arguments.of(4326, ErrorCode.LOG_TOO_EARLY),
        Arguments.of(3132, ErrorCode.MISSING_STRIPE),
        Arguments.of(3136, ErrorCode.DIFF_WRONG_BASE),
        Arguments.of(3117, ErrorCode.DATABASE_NOT_RESTORING),
        Arguments.of(3154, ErrorCode.OTHER_DATABASE),
        Arguments.of(3159, ErrorCode.DATABASE_ONLINE),
        Arguments.of(3101, ErrorCode.DATABASE_IN_USE),
        Arguments.of(3241, ErrorCode.BACKUP_MEDIA_INVALID),
        Arguments.of(3201, ErrorCode.SERVER_PATH_NOT_FOUND),
        Arguments.of(5133, ErrorCode.SERVER_PATH_NOT_FOUND),
        Arguments.of(3257, ErrorCode.SERVER_DISK_FULL),
        Arguments.of(1105, ErrorCode.SERVER_DISK_FULL),
        Arguments.of(9002, ErrorCode.SERVER_DISK_FULL),
        Arguments.of(3169, ErrorCode.SERVER_VERSION_TOO_OLD),
        Arguments.of(3180, ErrorCode.STANDBY_ACROSS_VERSIONS),
        Arguments.of(33111, ErrorCode.TDE_CERTIFICATE_MISMATCH),
        Arguments.of(3013, ErrorCode.RESTORE_FAILED),
        Arguments.of(9999, ErrorCode.RESTORE_FAILED));
  }

  @ParameterizedTest(name = "error {0} -> {1}")
  @MethodSource("numbers")
  void errorNumbersMapToCodesWithHints(int number, ErrorCode code) {
    Refusal r = ServerErrors.map(new SQLException("text " + number, "S0001", number), List.of());
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.sqlServerError()).isEqualTo(number);
    assertThat(r.reason()).isEqualTo("error " + number + ": text " + number);
    assertThat(r.hints()).isNotEmpty();
  }

  @Test
  void theSpecificErrorBefore3013WinsWhetherSeenAsMessageOrChained() {
    SQLException generic =
        new SQLException("RESTORE LOG is terminating abnormally.", "S0001", 3013);
    Refusal fromMessages =
        ServerErrors.map(
            generic,
            List.of(
                new ServerMessage(4305, 16, "The log in this backup set begins at LSN 2 ..."),
                new ServerMessage(3013, 16, "RESTORE LOG is terminating abnormally.")));
    assertThat(fromMessages.code()).isEqualTo(ErrorCode.LOG_TOO_RECENT);
    SQLException chained =
        new SQLException("RESTORE LOG is terminating abnormally.", "S0001", 3013);
    chained.setNextException(
        new SQLException("Exclusive access could not be obtained", "S0001", 3101));
    assertThat(ServerErrors.map(chained, List.of()).code()).isEqualTo(ErrorCode.DATABASE_IN_USE);
  }

  @Test
  void informationalMessagesAreNotErrors() {
    Refusal r =
        ServerErrors.map(
            new SQLException("x", "S0001", 3013),
            List.of(new ServerMessage(3211, 0, "10 percent processed.")));
    assertThat(r.sqlServerError()).isEqualTo(3013);
  }

  @Test
  void cancellationAndLostConnectionsHaveTheirOwnCodes() {
    assertThat(
            ServerErrors.map(new SQLException("The query was canceled.", "HY008"), List.of())
                .code())
        .isEqualTo(ErrorCode.RESTORE_CANCELLED);
    assertThat(ServerErrors.map(new SQLException("Connection reset", "08S01"), List.of()).code())
        .isEqualTo(ErrorCode.SERVER_UNREACHABLE);
  }

  @Test
  void scrubRemovesEverySecret() {
    assertThat(ServerErrors.scrub("a pw1 b pw1 c key", List.of("pw1", "key")))
        .isEqualTo("a *** b *** c ***");
    assertThat(ServerErrors.scrub(null, List.of("x"))).isEmpty();
  }
}
