package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.UUID;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.restore.Refusal;
import org.junit.jupiter.api.Test;

class RebaselineTest {
  @Test
  void namesAndSwapStatements() {
    String temp = Rebaseline.temporaryName("Sa]les");
    String retired = Rebaseline.retiredName("Sa]les", LocalDateTime.of(2026, 11, 26, 3, 7, 59));
    assertThat(temp).isEqualTo("Sa]les_cloudsync_new");
    assertThat(retired).isEqualTo("Sa]les_cloudsync_old_202611260307");
    assertThat(Rebaseline.swapStatements("Sa]les", temp, retired))
        .containsExactly(
            "ALTER DATABASE [Sa]]les] MODIFY NAME = [Sa]]les_cloudsync_old_202611260307]",
            "ALTER DATABASE [Sa]]les_cloudsync_new] MODIFY NAME = [Sa]]les]");
    assertThat(Rebaseline.undoStatement("Sa]les", retired))
        .isEqualTo("ALTER DATABASE [Sa]]les_cloudsync_old_202611260307] MODIFY NAME = [Sa]]les]");
  }

  @Test
  void dropStatementEscapesHostileNamesAndRefusesControlCharacters() {
    assertThat(Rebaseline.dropStatement("Sales_cloudsync_old_202611260307"))
        .isEqualTo("DROP DATABASE [Sales_cloudsync_old_202611260307]");
    assertThat(Rebaseline.dropStatement("x]; DROP DATABASE [master]--"))
        .isEqualTo("DROP DATABASE [x]]; DROP DATABASE [master]]--]");
    assertThat(Rebaseline.dropStatement("Sá'les_ü_old")).isEqualTo("DROP DATABASE [Sá'les_ü_old]");
    assertThatThrownBy(() -> Rebaseline.dropStatement("a\nb"))
        .isInstanceOf(CloudsyncException.class)
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SQL_TEXT_UNSAFE);
  }

  @Test
  void aRetiredNameLongerThanSqlServerAllowsIsRefused() {
    String longest = "d".repeat(128 - "_cloudsync_old_202611260307".length());
    assertThat(Rebaseline.retiredName(longest, LocalDateTime.of(2026, 11, 26, 3, 7))).hasSize(128);
    assertThatThrownBy(
            () -> Rebaseline.retiredName(longest + "d", LocalDateTime.of(2026, 11, 26, 3, 7)))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("SQL Server names have 1 to 128");
  }

  @Test
  void sideBySideIsRefusedWithoutDirectories() {
    SqlServerSettings noDirs = SqlServerSettings.defaults();
    SqlServerSettings dirs = noDirs.withDirectories("/data", "/log");
    Refusal r = Rebaseline.checkSideBySide(noDirs);
    assertThat(r.code()).isEqualTo(ErrorCode.REBASELINE_UNSUPPORTED);
    assertThat(r.message()).contains("data and log directories");
    assertThat(Rebaseline.checkSideBySide(dirs)).isNull();
  }

  @Test
  void eachNewFullGetsItsOwnTemporaryName() {
    UUID a = UUID.fromString("5AF3E50D-A4E0-4E9B-8AEF-FE52898C6359");
    assertThat(Rebaseline.temporaryName("Sales", a)).isEqualTo("Sales_cloudsync_new_5af3e50d");
    assertThat(Rebaseline.temporaryName("Sales", UUID.randomUUID()))
        .isNotEqualTo(Rebaseline.temporaryName("Sales", a));
    String longest = "d".repeat(128 - "_cloudsync_new_5af3e50d".length());
    assertThat(Rebaseline.temporaryName(longest, a)).hasSize(128);
    assertThatThrownBy(() -> Rebaseline.temporaryName(longest + "d", a))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("SQL Server names have 1 to 128");
  }
}
