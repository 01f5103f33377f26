package org.cloudsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.center.CenterSettings;
import org.cloudsync.config.Secret;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.ExitStatus;
import org.cloudsync.ledger.BlobState;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.RunOutcome;
import org.cloudsync.ledger.RunRecord;
import org.cloudsync.ledger.RunStore;
import org.cloudsync.source.azure.ScriptedBlobService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A center whose Azure source fails (the scripted stub answers with Azure's real errors) fails with
 * its code and exit status 5, and never blocks the other center, which syncs completely.
 */
class SyncSourceFailureTest {
  @TempDir Path tmp;
  SyncFixture fx;
  ScriptedBlobService azure;

  @BeforeEach
  void setUp() throws Exception {
    fx = new SyncFixture(tmp);
    azure = new ScriptedBlobService();
    Path feed = fx.generate("feed", SyncFixture.feed("riverside").days(1));
    Path drop = fx.directoryCenter("b-dir");
    try (Stream<Path> files = Files.list(feed)) {
      for (Path f : files.toList()) {
        Files.copy(f, drop.resolve(f.getFileName()));
        azure.put(f.getFileName().toString(), Files.readAllBytes(f), true);
      }
    }
  }

  @AfterEach
  void tearDown() {
    azure.close();
    fx.close();
  }

  private void azureCenter(String sasUrl) {
    fx.centers.add(
        new CenterId("a-azure"), new CenterSettings().name("a").sasUrl(Secret.of(sasUrl)));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            403,
            "AuthenticationFailed",
            "Server failed to authenticate the request. Make sure the value of Authorization"
                + " header is formed correctly including the signature.",
            "Signature did not match. String to sign used was rl",
            ErrorCode.SAS_SIGNATURE_MISMATCH),
        Arguments.of(
            403,
            "AuthorizationSourceIPMismatch",
            "This request is not authorized to perform this operation using this source IP"
                + " 203.0.113.7.",
            null,
            ErrorCode.SAS_IP_NOT_ALLOWED),
        Arguments.of(
            404,
            "ContainerNotFound",
            "The specified container does not exist.",
            null,
            ErrorCode.CONTAINER_NOT_FOUND));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failures")
  void aServiceRefusalFailsThatCenterOnly(
      int status, String code, String message, String detail, ErrorCode expected) {
    azureCenter(azure.sasUrl());
    azure.failNext(status, code, message, detail);

    SyncReport report = fx.sync();

    assertFailedAlone(report, expected);
  }

  @Test
  void anExpiredSasUrlFailsBeforeAnyRequest() {
    azureCenter(azure.sasUrl().replace("se=2099-01-01", "se=2020-01-01"));

    SyncReport report = fx.sync();

    assertFailedAlone(report, ErrorCode.SAS_EXPIRED);
    assertThat(azure.requests()).isEmpty();
  }

  @Test
  void aWorkingAzureCenterSyncsLikeADirectoryOne() {
    azureCenter(azure.sasUrl());

    SyncReport report = fx.sync();

    assertThat(report.exitStatus()).isEqualTo(ExitStatus.OK);
    CenterReport a = report.centers().get(0);
    assertThat(a.source()).contains("container").doesNotContain(ScriptedBlobService.SIGNATURE);
    assertThat(a.files()).hasSize(5).allMatch(f -> f.state().label().equals("validated"));
    assertThat(a.plan().steps()).hasSize(5);
    assertThat(a.blobs()).noneMatch(b -> b.state() == BlobState.DISCOVERED);
  }

  private void assertFailedAlone(SyncReport report, ErrorCode expected) {
    CenterReport a = report.centers().get(0);
    CenterReport b = report.centers().get(1);
    assertThat(a.center().value()).isEqualTo("a-azure");
    assertThat(a.failures()).hasSize(1);
    CenterReport.Failure f = a.failures().get(0);
    assertThat(f.code()).isEqualTo(expected);
    assertThat(f.hints()).isNotEmpty();
    assertThat(f.message()).doesNotContain(ScriptedBlobService.SIGNATURE);
    assertThat(String.join("\n", f.hints())).doesNotContain(ScriptedBlobService.SIGNATURE);
    assertThat(a.exitStatus()).isEqualTo(ExitStatus.SOURCE_UNREACHABLE);
    assertThat(a.blobs()).isEmpty();

    assertThat(b.failures()).isEmpty();
    assertThat(b.files()).hasSize(5);
    assertThat(b.plan().problems()).isEmpty();
    assertThat(b.exitStatus()).isEqualTo(ExitStatus.OK);
    assertThat(report.exitStatus()).isEqualTo(ExitStatus.SOURCE_UNREACHABLE);

    List<RunRecord> runs = new RunStore(fx.ledger).latest(2);
    assertThat(runs)
        .extracting(RunRecord::outcome)
        .containsExactly(RunOutcome.OK, RunOutcome.FAILED);
    assertThat(runs.get(1).counts()).contains(expected.name());
  }
}
