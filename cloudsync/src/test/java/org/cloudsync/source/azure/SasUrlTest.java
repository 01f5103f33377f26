package org.cloudsync.source.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SasUrlTest {
  private static final String SIG = "Zm9vYmFyU0VDUkVUc2lnbmF0dXJlMTIzNA%3D%3D";
  private static final String BASE = "https://ecwfeeds.blob.core.windows.net/center42";
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static String url(String query) {
    return BASE + "?" + query + "&sig=" + SIG;
  }

  private static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  private static CloudsyncException failure(Runnable action) {
    try {
      action.run();
    } catch (CloudsyncException e) {
      assertThat(e.describe()).doesNotContain(SIG).doesNotContain("Zm9vYmFy");
      return e;
    }
    throw new AssertionError("expected a CloudsyncException");
  }

  @Test
  void parsesAContainerSasUrl() throws Exception {
    SasUrl sas =
        SasUrl.parse(
            url(
                "sv=2023-11-03&sr=c&sp=rl&st=2026-11-01T00:00:00Z&se=2027-03-01T00:00:00Z&spr=https&sip=203.0.113.7"));

    assertThat(sas.account()).isEqualTo("ecwfeeds");
    assertThat(sas.container()).isEqualTo("center42");
    assertThat(sas.expiry()).contains(Instant.parse("2027-03-01T00:00:00Z"));
    assertThat(sas.start()).contains(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(sas.permissions()).contains("rl");
    assertThat(sas.allowedIp()).contains("203.0.113.7");
    assertThat(sas.daysLeft(NOW)).contains(94L);
    assertThat(sas.check(NOW, ip("203.0.113.7"))).isEmpty();
    assertThat(sas.location()).isEqualTo(BASE);
  }

  @Test
  void everyPrintedFormIsRedacted() {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl&se=2027-03-01T00:00:00Z"));
    assertThat(sas.toString()).doesNotContain(SIG).contains("sig=***");
    assertThat(sas.redacted()).doesNotContain(SIG).endsWith("sig=***");
    assertThat(sas.secretUrl()).contains(SIG);
  }

  @Test
  void acceptsEmulatorStylePaths() {
    SasUrl sas =
        SasUrl.parse(
            "http://127.0.0.1:10000/devstoreaccount1/feed?sv=2023-11-03&sr=c&sp=rl&se=2027-01-01&sig="
                + SIG);
    assertThat(sas.account()).isEqualTo("devstoreaccount1");
    assertThat(sas.container()).isEqualTo("feed");
    assertThat(sas.expiry()).contains(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not a url at all|it is not a URL",
        "ftp://ecwfeeds.blob.core.windows.net/c?sr=c&sig=x|does not start with https://",
        "https://ecwfeeds.blob.core.windows.net/center42?sv=2023-11-03&sr=c&sp=rl|no signature",
        "https://ecwfeeds.blob.core.windows.net/center42/a.bak?sr=b&sp=r&sig=x|blob-level SAS",
        "https://ecwfeeds.blob.core.windows.net/?ss=b&srt=sco&sp=rl&sig=x|0 segment(s)",
        "https://ecwfeeds.blob.core.windows.net/center42/dir/a.bak?sp=r&sig=x|3 segment(s)",
      })
  void rejectsWhatIsNotAContainerSasUrl(String text, String reason) {
    CloudsyncException e = failure(() -> SasUrl.parse(text));
    assertThat(e.code()).isEqualTo(ErrorCode.SAS_INVALID);
    assertThat(e.getMessage()).contains(reason).doesNotContain("sig=x");
    assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("cloudsync center edit"));
  }

  @Test
  void anExpiredSasSaysWhenAndWhatToDo() {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl&se=2026-11-20T00:00:00Z"));
    CloudsyncException e = failure(() -> sas.check(NOW, null));
    assertThat(e.code()).isEqualTo(ErrorCode.SAS_EXPIRED);
    assertThat(e.getMessage()).contains("expired at 2026-11-20T00:00:00Z").contains("sig=***");
    assertThat(e.hints())
        .containsExactly(
            "ask eCW for a new SAS URL, then run `cloudsync center edit ID --sas-url-file FILE`");
    assertThat(sas.daysLeft(NOW)).contains(-6L);
  }

  @Test
  void expiringSoonIsAWarning() {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl&se=2026-12-06T10:00:00Z"));
    List<String> warnings = sas.check(NOW, null);
    assertThat(warnings).singleElement().asString().contains("in 10 day(s)").contains("ask eCW");
  }

  @Test
  void aFutureStartIsNotYetValid() {
    SasUrl sas =
        SasUrl.parse(
            url("sv=2023-11-03&sr=c&sp=rl&st=2026-12-01T00:00:00Z&se=2027-12-01T00:00:00Z"));
    assertThat(failure(() -> sas.check(NOW, null)).code()).isEqualTo(ErrorCode.SAS_NOT_YET_VALID);
  }

  @ParameterizedTest
  @CsvSource({"r,list (l)", "l,read (r)", "w,read (r) and list (l)"})
  void missingPermissionsAreNamed(String sp, String missing) {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&sp=" + sp + "&se=2027-12-01T00:00:00Z"));
    CloudsyncException e = failure(() -> sas.check(NOW, null));
    assertThat(e.code()).isEqualTo(ErrorCode.SAS_PERMISSION_MISSING);
    assertThat(e.getMessage()).contains("lack " + missing);
  }

  @ParameterizedTest
  @CsvSource({
    "203.0.113.7,203.0.113.7,true",
    "203.0.113.7,203.0.113.8,false",
    "203.0.113.0-203.0.113.255,203.0.113.77,true",
    "203.0.113.0-203.0.113.255,203.0.114.1,false",
    "10.0.0.1-10.0.0.9,9.255.255.255,false"
  })
  void comparesTheAllowedIpRangeWithThePublicIp(String sip, String publicIp, boolean allowed)
      throws Exception {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl&se=2027-12-01T00:00:00Z&sip=" + sip));
    if (allowed) {
      assertThat(sas.check(NOW, ip(publicIp))).isEmpty();
    } else {
      CloudsyncException e = failure(() -> sas.check(NOW, address(publicIp)));
      assertThat(e.code()).isEqualTo(ErrorCode.SAS_IP_NOT_ALLOWED);
      assertThat(e.getMessage()).contains("allows IP " + sip).contains(publicIp);
      assertThat(e.hints()).contains("ask eCW to allow-list this server's public IP " + publicIp);
    }
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void checksAgainstAPublicIpGivenAsText() {
    SasUrl sas =
        SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl&se=2027-12-01T00:00:00Z&sip=203.0.113.7"));
    assertThat(sas.checkAgainst(NOW, "203.0.113.7")).isEmpty();
    assertThat(failure(() -> sas.checkAgainst(NOW, "203.0.113.8")).code())
        .isEqualTo(ErrorCode.SAS_IP_NOT_ALLOWED);
    assertThat(sas.checkAgainst(NOW, " ")).singleElement().asString().contains("not compared");
    CloudsyncException e = failure(() -> sas.checkAgainst(NOW, "my.server.example"));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    assertThat(e.getMessage()).contains("'my.server.example'");
  }

  @Test
  void anIpRestrictionWithoutAConfiguredPublicIpIsAWarning() {
    SasUrl sas =
        SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl&se=2027-12-01T00:00:00Z&sip=203.0.113.7"));
    assertThat(sas.check(NOW, null))
        .singleElement()
        .asString()
        .contains("restricted to IP 203.0.113.7")
        .contains("not compared");
  }

  @Test
  void aStoredAccessPolicyMayCarryExpiryAndPermissions() {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&si=ecw-read"));
    assertThat(sas.storedAccessPolicy()).contains("ecw-read");
    List<String> warnings = sas.check(NOW, null);
    assertThat(warnings).hasSize(2);
    assertThat(warnings)
        .allSatisfy(
            w ->
                assertThat(w)
                    .contains("stored access policy 'ecw-read'")
                    .contains("real list call"));
  }

  @Test
  void withoutExpiryOrPolicyTheSasIsInvalid() {
    SasUrl sas = SasUrl.parse(url("sv=2023-11-03&sr=c&sp=rl"));
    CloudsyncException e = failure(() -> sas.check(NOW, null));
    assertThat(e.code()).isEqualTo(ErrorCode.SAS_INVALID);
    assertThat(e.getMessage()).contains("no expiry (se)");
  }

  @Test
  void aBadDateOrIpIsInvalid() {
    assertThat(failure(() -> SasUrl.parse(url("sr=c&sp=rl&se=tomorrow")).check(NOW, null)).code())
        .isEqualTo(ErrorCode.SAS_INVALID);
    assertThat(
            failure(
                    () ->
                        SasUrl.parse(url("sr=c&sp=rl&se=2027-01-01&sip=somewhere"))
                            .check(NOW, null))
                .getMessage())
        .contains("'sip=somewhere' is not an IP address or range");
  }
}
