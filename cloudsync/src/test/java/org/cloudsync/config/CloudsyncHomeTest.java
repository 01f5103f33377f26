package org.cloudsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CloudsyncHomeTest {
  @TempDir Path tmp;

  @Test
  void theHomeComesFromTheEnvironmentOrTheUserHome() {
    assertThat(CloudsyncHome.locate(Map.of("CLOUDSYNC_HOME", tmp.toString())).root())
        .isEqualTo(tmp);
    assertThat(CloudsyncHome.locate(Map.of()).root())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cloudsync"));
  }

  @Test
  void aFreshConfigurationMeansTheEmbeddedLedger() {
    CloudsyncHome home = CloudsyncHome.at(tmp);
    home.initialise(false);
    assertThat(home.masterKeyFile()).doesNotExist();
    CloudsyncConfig config = home.loadConfig();
    assertThat(config.ledgerUrl())
        .isEqualTo("jdbc:h2:file:" + tmp.resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
    assertThat(config.ledgerUser()).isNull();
  }

  @Test
  void ledgerSettingsAreReadAndThePasswordNeverPrinted() throws Exception {
    CloudsyncHome home = CloudsyncHome.at(tmp);
    Files.writeString(
        home.configFile(),
        "ledger.url=jdbc:postgresql://db:5432/cloudsync\nledger.user=cs\nledger.password=p4ss\n");
    CloudsyncConfig config = home.loadConfig();
    assertThat(config.ledgerUrl()).isEqualTo("jdbc:postgresql://db:5432/cloudsync");
    assertThat(config.ledgerUser()).isEqualTo("cs");
    assertThat(config.ledgerPassword().reveal()).isEqualTo("p4ss");
    assertThat(config.toString()).doesNotContain("p4ss");
  }

  @Test
  void anUnknownLedgerUrlOrAMissingFileIsExplained() throws Exception {
    CloudsyncHome home = CloudsyncHome.at(tmp);
    assertThatThrownBy(home::loadConfig)
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("cloudsync.properties' does not exist")
        .extracting(e -> ((CloudsyncException) e).hints().get(0))
        .asString()
        .contains("cloudsync init");
    Files.writeString(home.configFile(), "ledger.url=jdbc:mysql://db/x\n");
    assertThatThrownBy(home::loadConfig)
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }

  @Test
  void aKeyFileOthersMayReadIsUsedWithAWarning() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(MasterKey.class);
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    logger.addAppender(appender);
    try {
      Path key = Files.writeString(tmp.resolve("open.key"), MasterKey.generate().toBase64());
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
      MasterKey.load(CloudsyncHome.at(tmp), Map.of(MasterKey.ENV_KEY_FILE, key.toString()));
      assertThat(appender.list)
          .singleElement()
          .satisfies(
              e -> assertThat(e.getFormattedMessage()).contains("open.key").contains("chmod 600"));
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void aKeyFileComesBeforeTheHomeKeyAndTheVariableBeforeBoth() throws Exception {
    CloudsyncHome home = CloudsyncHome.at(tmp);
    home.initialise(true);
    MasterKey own = MasterKey.load(home, Map.of());
    assertThat(own.origin()).contains("master.key");
    Path other = Files.writeString(tmp.resolve("other.key"), MasterKey.generate().toBase64());
    MasterKey fromFile = MasterKey.load(home, Map.of(MasterKey.ENV_KEY_FILE, other.toString()));
    assertThat(fromFile.id()).isNotEqualTo(own.id());
    MasterKey inline =
        MasterKey.load(
            home,
            Map.of(MasterKey.ENV_KEY_FILE, other.toString(), MasterKey.ENV_KEY, own.toBase64()));
    assertThat(inline.id()).isEqualTo(own.id());
    Files.delete(home.masterKeyFile());
    assertThatThrownBy(() -> MasterKey.load(home, Map.of()))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.MASTER_KEY_MISSING);
  }
}
