package org.cloudsync.restore.sqlserver;

import java.util.Arrays;
import java.util.Objects;

/**
 * The TDE credentials eCW sends for a center: the certificate (DER or PEM), its private key in
 * Microsoft's {@code .pvk} form, and the password the key is encrypted with. The key and password
 * are secrets: {@link #toString()} shows only the thumbprint, and {@link #wipe()} clears them once
 * installed. Accessors return copies.
 */
public final class TdeCredentials {
  private final byte[] certificateDer;
  private final byte[] privateKeyPvk;
  private final char[] password;
  private final Thumbprint thumbprint;

  /**
   * @param what names the certificate in messages
   * @throws org.cloudsync.format.CloudsyncException {@code TDE_CREDENTIALS_INVALID} when the
   *     certificate is not one, or the key or password is empty
   */
  public TdeCredentials(String what, byte[] certificate, byte[] privateKeyPvk, char[] password) {
    Objects.requireNonNull(privateKeyPvk, "privateKeyPvk");
    Objects.requireNonNull(password, "password");
    this.certificateDer = Thumbprint.certificateDer(what, certificate);
    this.thumbprint = Thumbprint.ofCertificate(what, certificateDer);
    if (privateKeyPvk.length == 0 || password.length == 0) {
      throw new org.cloudsync.format.CloudsyncException(
          org.cloudsync.format.ErrorCode.TDE_CREDENTIALS_INVALID,
          "the TDE private key or its password for '" + what + "' is empty",
          "give the .pvk file and the password eCW sent with the certificate");
    }
    this.privateKeyPvk = privateKeyPvk.clone();
    this.password = password.clone();
  }

  public Thumbprint thumbprint() {
    return thumbprint;
  }

  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  byte[] privateKeyPvk() {
    return privateKeyPvk.clone();
  }

  char[] password() {
    return password.clone();
  }

  /** Clears the key and password held here. */
  public void wipe() {
    Arrays.fill(privateKeyPvk, (byte) 0);
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "TdeCredentials[certificate " + thumbprint + ", private key ***, password ***]";
  }
}
