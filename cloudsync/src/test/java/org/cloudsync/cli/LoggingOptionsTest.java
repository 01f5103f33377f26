package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingOptionsTest {
  @TempDir Path tmp;

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level testLevel;

  /** Tests log at INFO (logback-test.xml); the shipped logback.xml says WARN, as here. */
  @BeforeEach
  void shippedLevel() {
    testLevel = root.getLevel();
    root.setLevel(Level.WARN);
  }

  @AfterEach
  void restoreLevel() {
    root.setLevel(testLevel);
  }

  @Test
  void shippedConfigurationLogsWarningsToStderrOnly() throws JoranException {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Main.class.getResource("/logback.xml"));
    Logger shippedRoot = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(shippedRoot.getLevel()).isEqualTo(Level.WARN);
    ConsoleAppender<?> appender = (ConsoleAppender<?>) shippedRoot.getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    context.stop();
  }

  private List<String> logged(String... args) {
    Logger logger = (Logger) LoggerFactory.getLogger(BackupScanner.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).isZero();
    } finally {
      logger.detachAppender(appender);
    }
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void skippedFilesAreLoggedOnlyWhenVerbose() throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "not a backup");
    String skipped = "skipped 'notes.txt': not a backup name (.bak, .trn, .zip) or signature";
    assertThat(logged("inspect", tmp.toString())).isEmpty();
    assertThat(logged("inspect", "--verbose", tmp.toString())).containsExactly(skipped);
    assertThat(logged("--verbose", "inspect", tmp.toString())).containsExactly(skipped);
    assertThat(logged("--debug", "inspect", tmp.toString())).contains(skipped);
    // The level is set per run: the next quiet run is quiet again.
    assertThat(logged("inspect", tmp.toString())).isEmpty();
  }
}
