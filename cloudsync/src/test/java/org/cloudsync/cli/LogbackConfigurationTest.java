package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.cloudsync.config.SecretLogFilter;
import org.junit.jupiter.api.Test;

/** The command line's logback.xml: the secret filter is in place, the Azure stack is silent. */
class LogbackConfigurationTest {
  @Test
  void installsTheSecretFilterAndSilencesTheAzureStack() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback.xml"));

    assertThat(context.getTurboFilterList()).anyMatch(f -> f instanceof SecretLogFilter);
    for (String name : new String[] {"com.azure", "reactor.netty", "io.netty"}) {
      assertThat(context.getLogger(name + ".x").getEffectiveLevel()).isEqualTo(Level.OFF);
    }
    assertThat(context.getLogger("org.cloudsync.sync").getEffectiveLevel()).isEqualTo(Level.WARN);
  }
}
