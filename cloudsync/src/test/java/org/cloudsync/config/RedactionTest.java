package org.cloudsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void replacesTheSignatureWherever_itStands() {
    String sig = "RECOGNISABLE%2Bsig%3D";
    assertThat(
            Redaction.redact(
                "https://a.blob.core.windows.net/c?sv=2022-11-02&sr=c&sig=" + sig + "&sp=rl"))
        .isEqualTo("https://a.blob.core.windows.net/c?sv=2022-11-02&sr=c&sig=***&sp=rl")
        .doesNotContain(sig);
    assertThat(Redaction.redact("GET /c?restype=container&SIG=" + sig + " failed"))
        .isEqualTo("GET /c?restype=container&SIG=*** failed");
  }

  @Test
  void leavesOtherTextAlone() {
    assertThat(Redaction.redact("no secrets here; signature=x"))
        .isEqualTo("no secrets here; signature=x");
    assertThat(Redaction.redact(null)).isNull();
  }
}
