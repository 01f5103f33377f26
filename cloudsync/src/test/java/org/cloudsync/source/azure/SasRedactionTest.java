package org.cloudsync.source.azure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.source.Backoff;
import org.cloudsync.source.BlobFetcher;
import org.cloudsync.source.BlobInfo;
import org.cloudsync.source.ProgressListener;
import org.cloudsync.source.StagingDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A recognisable SAS signature goes through successes and every kind of failure with all logging
 * (the Azure SDK's HTTP log, Netty, Reactor) at TRACE; it must appear in no log line, no exception
 * message or cause, no description.
 */
class SasRedactionTest {
  private static final String SIG = ScriptedBlobService.SIGNATURE;

  @TempDir Path staging;
  private ScriptedBlobService service;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level rootLevel;
  private final List<String> printed = new ArrayList<>();

  @BeforeEach
  void captureAllLogging() throws IOException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    for (String name : List.of("io.netty", "reactor", "com.azure")) {
      context.getLogger(name).setLevel(Level.ALL);
    }
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    service = new ScriptedBlobService();
  }

  @AfterEach
  void restore() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    root.setLevel(rootLevel);
    for (String name : List.of("io.netty", "reactor", "com.azure")) {
      context.getLogger(name).setLevel(null);
    }
    service.close();
  }

  private void attempt(Runnable action) {
    try {
      action.run();
    } catch (CloudsyncException e) {
      printed.add(e.describe());
      for (Throwable t = e; t != null; t = t.getCause()) {
        printed.add(t.toString());
      }
    }
  }

  @Test
  void theSignatureAppearsNowhere() throws IOException {
    SasUrl sas = SasUrl.parse(service.sasUrl());
    AzureBlobSource source =
        new AzureBlobSource(
            sas, new AzureBlobSource.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), true));
    BlobFetcher fetcher =
        new BlobFetcher(
            source,
            staging,
            BlobFetcher.Options.DEFAULT
                .withReserve(0)
                .withBackoff(new Backoff(2, Duration.ZERO, Duration.ZERO)),
            StagingDisk.SYSTEM,
            d -> {},
            new Random(1));
    service.put("a.trn", new byte[100_000], true);
    BlobInfo blob = source.list().get(0);

    service.cutNextDownload(10_000);
    attempt(() -> fetcher.fetch(blob, ProgressListener.NONE));
    service.failNext(
        403,
        "AuthenticationFailed",
        "Server failed to authenticate the request.",
        "Signature did not match. String to sign used was rl");
    attempt(source::list);
    service.failNext(
        403,
        "AuthenticationFailed",
        "Server failed to authenticate the request.",
        "Signature not valid in the specified time frame: Start [x] - Expiry [y] - Current [z]");
    attempt(source::list);
    service.failNext(
        403,
        "AuthorizationSourceIPMismatch",
        "This request is not authorized to perform this operation using this source IP 203.0.113.9.",
        null);
    attempt(source::list);
    service.failNext(
        503, "ServerBusy", "The server is currently unable to receive requests.", null);
    service.failNext(
        503, "ServerBusy", "The server is currently unable to receive requests.", null);
    attempt(fetcher::list);
    service.delete("a.trn");
    attempt(() -> fetcher.fetch(blob, ProgressListener.NONE));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    AzureBlobSource nowhere =
        new AzureBlobSource(
            SasUrl.parse(
                service.sasUrl().replace(":" + service.port() + "/", ":" + closedPort + "/")));
    attempt(nowhere::list);
    attempt(() -> SasUrl.parse(service.sasUrl().replace("sr=c", "sr=b")));
    attempt(
        () ->
            SasUrl.parse(service.sasUrl().replace("2099-01-01", "2020-01-01"))
                .check(java.time.Clock.systemUTC(), null));
    printed.add(source.describe());
    printed.add(source.toString());
    printed.add(sas.toString());
    printed.add(sas.redacted());

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }

    assertThat(printed).hasSizeGreaterThan(15);
    assertThat(printed).noneSatisfy(p -> assertThat(p).contains(SIG));
    assertThat(lines).as("log lines captured").hasSizeGreaterThan(20);
    assertThat(lines)
        .as("the SDK's own HTTP log is captured and shows the request")
        .anySatisfy(l -> assertThat(l).contains("/account/container"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains(SIG));
  }
}
