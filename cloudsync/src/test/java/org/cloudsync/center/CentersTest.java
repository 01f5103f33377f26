package org.cloudsync.center;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.cloudsync.config.MasterKey;
import org.cloudsync.config.Secret;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.ChecklistItem;
import org.cloudsync.ledger.Ledger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API the web layer uses. */
class CentersTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
  static final String SAS = "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sig=S1G";
  static final CenterId A = new CenterId("a-chc");
  static final CenterId B = new CenterId("b-chc");

  @TempDir Path tmp;
  Ledger ledger;
  Centers centers;

  @BeforeEach
  void open() {
    ledger = Ledger.open("jdbc:h2:file:" + tmp.resolve("ledger"), null, null, CLOCK);
    centers = new Centers(ledger, new SecretBox(MasterKey.generate()), SasUrlCheck.NONE, CLOCK);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private TdeCredentials tde(String password) throws Exception {
    byte[] der = Files.readAllBytes(Path.of(getClass().getResource("/tde/test-tde.der").toURI()));
    return new TdeCredentials(
        der, "PVK-BYTES".getBytes(StandardCharsets.US_ASCII), Secret.of(password));
  }

  @Test
  void secretsComeBackOnlyThroughTheirAccessors() throws Exception {
    centers.add(
        A,
        new CenterSettings()
            .name("A")
            .sasUrl(Secret.of(SAS))
            .tde(tde("pw-a"))
            .timeZone(ZoneId.of("America/New_York")));
    Center a = centers.get(A);
    assertThat(a.sasUrlRedacted()).isEqualTo(SAS.replace("S1G", "***"));
    assertThat(a.tdeCertThumbprint()).isEqualTo("31481D8B20E0A97C3ECA1026B4C8AC5AC7242FE6");
    assertThat(a.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(a.toString()).doesNotContain("S1G").doesNotContain("pw-a");
    assertThat(centers.sasUrl(A).orElseThrow().reveal()).isEqualTo(SAS);
    TdeCredentials back = centers.tdeCredentials(A).orElseThrow();
    assertThat(back.password().reveal()).isEqualTo("pw-a");
    assertThat(back.privateKey()).isEqualTo("PVK-BYTES".getBytes(StandardCharsets.US_ASCII));
    assertThat(back.thumbprint()).isEqualTo(a.tdeCertThumbprint());
    assertThat(back.toString()).doesNotContain("pw-a").doesNotContain("PVK");
  }

  @Test
  void aSecretCopiedOntoAnotherCenterDoesNotOpen() {
    centers.add(A, new CenterSettings().name("A").sasUrl(Secret.of(SAS)));
    centers.add(B, new CenterSettings().name("B").sasUrl(Secret.of(SAS.replace("S1G", "OTHER"))));
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE centers SET sas_url_encrypted ="
                      + " (SELECT sas_url_encrypted FROM centers WHERE id = 'a-chc')"
                      + " WHERE id = 'b-chc'")) {
            return ps.executeUpdate();
          }
        });
    assertThat(centers.sasUrl(A).orElseThrow().reveal()).isEqualTo(SAS);
    assertThatThrownBy(() -> centers.sasUrl(B))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("secret 'center:b-chc:sas_url' cannot be decrypted")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SECRET_UNREADABLE);
  }

  @Test
  void switchingSourcesDropsTheOtherOne(@TempDir Path drop) {
    centers.add(A, new CenterSettings().name("A").sasUrl(Secret.of(SAS)));
    centers.edit(A, new CenterSettings().sourceDirectory(drop));
    Center a = centers.get(A);
    assertThat(a.sourceKind()).isEqualTo("directory");
    assertThat(a.sasUrlRedacted()).isNull();
    assertThat(centers.sasUrl(A)).isEmpty();
    centers.edit(A, new CenterSettings().sasUrl(Secret.of(SAS)));
    assertThat(centers.get(A).sourceDirectory()).isNull();
    assertThat(centers.sasUrl(A).orElseThrow().reveal()).isEqualTo(SAS);
  }

  @Test
  void checklistPauseAndRemoveThroughTheApi(@TempDir Path drop) {
    centers.add(A, new CenterSettings().name("A").sourceDirectory(drop).publicIp("2001:db8::7"));
    assertThat(centers.get(A).publicIp()).isEqualTo("2001:db8::7");
    centers.edit(A, new CenterSettings().publicIp(""));
    assertThat(centers.get(A).publicIp()).isNull();
    Center checked = centers.check(A, ChecklistItem.INITIAL_DUMP, LocalDate.of(2026, 11, 20));
    assertThat(checked.checklist())
        .containsEntry(ChecklistItem.INITIAL_DUMP, LocalDate.of(2026, 11, 20));
    assertThat(centers.check(A, ChecklistItem.INITIAL_DUMP, null).checklist()).isEmpty();
    assertThat(centers.pause(A)).isTrue();
    assertThat(centers.list()).singleElement().extracting(Center::paused).isEqualTo(true);
    assertThat(centers.resume(A)).isTrue();
    centers.remove(A);
    assertThat(centers.find(A)).isEmpty();
    assertThatThrownBy(() -> centers.check(A, ChecklistItem.SAS_URL, LocalDate.of(2026, 1, 1)))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.CENTER_NOT_FOUND);
  }

  @Test
  void aRefusingSasCheckStoresNothing() {
    Centers strict =
        new Centers(
            ledger,
            new SecretBox(MasterKey.generate()),
            (url, ip) -> {
              throw new CloudsyncException(ErrorCode.SAS_EXPIRED, "the SAS token expired");
            },
            CLOCK);
    assertThatThrownBy(() -> strict.add(A, new CenterSettings().name("A").sasUrl(Secret.of(SAS))))
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SAS_EXPIRED);
    assertThat(strict.list()).isEmpty();
  }
}
