package org.cloudsync.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Encrypts secrets for storage: AES-256-GCM under the {@link MasterKey}, a fresh random 96-bit
 * nonce per value, and associated data naming the value's owner and field (e.g. {@code
 * center:clinic-a:sas_url}), so that a ciphertext copied onto another row or field fails to open.
 *
 * <p>Stored form (text, safe for any column): {@code v1:KEYID:BASE64} where {@code KEYID} is the
 * master key's public fingerprint and {@code BASE64} holds the nonce followed by the ciphertext and
 * its 128-bit tag. The version and key id are part of the associated data too.
 */
public final class SecretBox {
  static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final MasterKey key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(MasterKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = key.id();
  }

  /** Encrypts {@code plain} for the field named by {@code aad}. */
  public String seal(byte[] plain, String aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(keyId, aad));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  /** Encrypts a text secret. */
  public String seal(Secret plain, String aad) {
    return seal(plain.reveal().getBytes(StandardCharsets.UTF_8), aad);
  }

  /**
   * Decrypts a value made by {@link #seal}.
   *
   * @throws CloudsyncException {@code SECRET_UNREADABLE} for a wrong master key, an altered value,
   *     a value moved to another field, or an unknown format; the message names the field only
   */
  public byte[] open(String stored, String aad) {
    String[] parts = stored == null ? new String[0] : stored.split(":", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw unreadable(aad, "its format is not " + VERSION + ":KEYID:BASE64", formatHint());
    }
    if (!parts[1].equals(keyId)) {
      throw unreadable(
          aad,
          "it was encrypted under master key "
              + parts[1]
              + " but the loaded key ("
              + key.origin()
              + ") is "
              + keyId,
          "set "
              + MasterKey.ENV_KEY_FILE
              + " or restore master.key from the backup of key "
              + parts[1],
          "if that key is lost, enter the secret again (e.g. 'cloudsync center edit')");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw unreadable(aad, "its body is not valid base64", formatHint());
    }
    if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
      throw unreadable(aad, "it is too short (" + raw.length + " bytes)", formatHint());
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(keyId, aad));
      return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw unreadable(
          aad,
          "its authentication tag does not match: the value was altered or belongs to another"
              + " field",
          "enter the secret again (e.g. 'cloudsync center edit')");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  /** Decrypts a text secret. */
  public Secret openText(String stored, String aad) {
    return Secret.of(new String(open(stored, aad), StandardCharsets.UTF_8));
  }

  private static byte[] associatedData(String keyId, String aad) {
    return ("cloudsync:" + VERSION + ":" + keyId + ":" + aad).getBytes(StandardCharsets.UTF_8);
  }

  private static String formatHint() {
    return "the stored value is damaged: enter the secret again (e.g. 'cloudsync center edit')";
  }

  private static CloudsyncException unreadable(String aad, String why, String... hints) {
    return new CloudsyncException(
        ErrorCode.SECRET_UNREADABLE, "secret '" + aad + "' cannot be decrypted: " + why, hints);
  }

  @Override
  public String toString() {
    return "SecretBox[key " + keyId + "]";
  }
}
