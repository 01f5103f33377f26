package org.cloudsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static final String AAD = "center:riverside-chc:tde_password";
  private final SecretBox box = new SecretBox(MasterKey.generate());

  @Test
  void sealedTextOpensToTheSameBytesAndHidesThem() {
    String plain = "Tr0ub4dor&3-RECOGNISABLE";
    String sealed = box.seal(Secret.of(plain), AAD);
    assertThat(sealed).startsWith("v1:").doesNotContain(plain);
    assertThat(box.openText(sealed, AAD).reveal()).isEqualTo(plain);
    byte[] binary = {0, 1, 2, (byte) 0xff};
    assertThat(box.open(box.seal(binary, AAD), AAD)).containsExactly(binary);
  }

  @Test
  void everySealUsesAFreshNonce() {
    String a = box.seal(Secret.of("same"), AAD);
    String b = box.seal(Secret.of("same"), AAD);
    assertThat(a).isNotEqualTo(b);
    byte[] ra = Base64.getDecoder().decode(a.split(":")[2]);
    byte[] rb = Base64.getDecoder().decode(b.split(":")[2]);
    assertThat(java.util.Arrays.copyOf(ra, 12)).isNotEqualTo(java.util.Arrays.copyOf(rb, 12));
  }

  @Test
  void aTamperedValueFailsWithAClearError() {
    String sealed = box.seal(Secret.of("password"), AAD);
    String[] parts = sealed.split(":");
    byte[] raw = Base64.getDecoder().decode(parts[2]);
    raw[raw.length - 20] ^= 1;
    String tampered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> box.open(tampered, AAD))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("secret '" + AAD + "' cannot be decrypted")
        .hasMessageContaining("altered")
        .hasNoCause()
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.SECRET_UNREADABLE);
  }

  @Test
  void aValueMovedToAnotherFieldDoesNotOpen() {
    String sealed = box.seal(Secret.of("password"), AAD);
    assertThatThrownBy(() -> box.open(sealed, "center:other-chc:tde_password"))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining("belongs to another field");
  }

  @Test
  void aWrongMasterKeySaysSoWithAHint() {
    String sealed = box.seal(Secret.of("password"), AAD);
    SecretBox other = new SecretBox(MasterKey.generate());
    CloudsyncException e = (CloudsyncException) catchThrown(() -> other.open(sealed, AAD));
    assertThat(e.code()).isEqualTo(ErrorCode.SECRET_UNREADABLE);
    assertThat(e.code().exitStatus().code()).isEqualTo(3);
    assertThat(e.getMessage()).contains("encrypted under master key " + sealed.split(":")[1]);
    assertThat(e.describe()).contains("hint: set CLOUDSYNC_MASTER_KEY_FILE");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void damagedFormatsAreRefusedClearly() {
    for (String bad : new String[] {"", "plain text", "v2:abc:def", "v1:" + keyId() + ":%%%"}) {
      assertThatThrownBy(() -> box.open(bad, AAD))
          .isInstanceOf(CloudsyncException.class)
          .hasMessageStartingWith("secret '" + AAD + "' cannot be decrypted");
    }
    assertThatThrownBy(() -> box.open(null, AAD)).isInstanceOf(CloudsyncException.class);
  }

  private String keyId() {
    return box.seal(new byte[0], AAD).split(":")[1];
  }

  @Test
  void masterKeysParseOnlyAs32BytesOfBase64AndNeverPrint() {
    MasterKey key = MasterKey.generate();
    MasterKey same = MasterKey.fromBase64(key.toBase64() + "\n", "test");
    assertThat(
            new SecretBox(same)
                .openText(new SecretBox(key).seal(Secret.of("x"), AAD), AAD)
                .reveal())
        .isEqualTo("x");
    assertThat(key.toString()).doesNotContain(key.toBase64());
    String shortKey =
        Base64.getEncoder().encodeToString("short".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> MasterKey.fromBase64(shortKey, "file 'k'"))
        .hasMessage("the master key from file 'k' is unusable: it decodes to 5 bytes, not 32")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.MASTER_KEY_INVALID);
    assertThatThrownBy(() -> MasterKey.fromBase64("not base64!", "x"))
        .hasMessageContaining("not valid base64");
    assertThat(Secret.of("hunter2").toString()).isEqualTo("***");
  }

  private static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("nothing thrown");
  }
}
