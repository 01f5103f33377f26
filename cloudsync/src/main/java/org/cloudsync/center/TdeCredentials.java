package org.cloudsync.center;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import org.cloudsync.config.Secret;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The TDE credentials eCW sends for a health center: the certificate (not secret), its private key
 * (as received, e.g. a {@code .pvk} file) and the private key's password. {@link #toString()} shows
 * only the certificate's thumbprint.
 */
public final class TdeCredentials {
  private final byte[] certificateDer;
  private final byte[] privateKey;
  private final Secret password;

  /**
   * @param certificateDer the X.509 certificate in DER form
   * @param privateKey the private key file's bytes
   * @param password the private key's password
   */
  public TdeCredentials(byte[] certificateDer, byte[] privateKey, Secret password) {
    this.certificateDer = parse(certificateDer, "certificate").clone();
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey").clone();
    this.password = Objects.requireNonNull(password, "password");
  }

  /**
   * Reads the three files: the certificate in PEM or DER form, the key as is, the password as the
   * file's text without its final line break.
   *
   * @throws CloudsyncException {@code FILE_UNREADABLE} naming the file, {@code CERTIFICATE_INVALID}
   */
  public static TdeCredentials read(Path certificate, Path privateKey, Path passwordFile) {
    byte[] cert = OptionFiles.read(certificate, "--tde-cert");
    byte[] der;
    try {
      der = x509(cert).getEncoded();
    } catch (CertificateException e) {
      throw new CloudsyncException(
          ErrorCode.CERTIFICATE_INVALID,
          "--tde-cert '" + certificate + "' is not an X.509 certificate in PEM or DER form",
          "give the certificate file eCW sent (.cer, .crt or .pem), not the private key");
    }
    byte[] key = OptionFiles.read(privateKey, "--tde-key");
    String pw =
        new String(OptionFiles.read(passwordFile, "--tde-password-file"), StandardCharsets.UTF_8);
    return new TdeCredentials(der, key, Secret.of(pw.replaceFirst("\\r?\\n$", "")));
  }

  private static byte[] parse(byte[] der, String what) {
    try {
      return x509(der).getEncoded();
    } catch (CertificateException e) {
      throw new CloudsyncException(
          ErrorCode.CERTIFICATE_INVALID, "the TDE " + what + " is not an X.509 certificate");
    }
  }

  private static X509Certificate x509(byte[] bytes) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(bytes));
  }

  /** The SHA-1 of the DER certificate in upper-case hex, as SQL Server shows thumbprints. */
  public static String thumbprint(byte[] certificateDer) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(certificateDer));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is unavailable in this JVM", e);
    }
  }

  public String thumbprint() {
    return thumbprint(certificateDer);
  }

  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  /** The private key's bytes. Never log, print or store them unencrypted. */
  public byte[] privateKey() {
    return privateKey.clone();
  }

  public Secret password() {
    return password;
  }

  @Override
  public String toString() {
    return "TdeCredentials[certificate " + thumbprint() + ", key ***, password ***]";
  }
}
