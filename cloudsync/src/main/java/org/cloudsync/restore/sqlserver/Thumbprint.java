package org.cloudsync.restore.sqlserver;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * A certificate's thumbprint as SQL Server reports it in {@code sys.certificates.thumbprint} and
 * {@code RESTORE FILELISTONLY}'s {@code TDEThumbprint}: the SHA-1 of the DER-encoded certificate,
 * shown as {@code 0x} and upper-case hex. Not a secret.
 */
public record Thumbprint(byte[] bytes) {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  public Thumbprint {
    if (bytes == null || bytes.length != 20) {
      throw new IllegalArgumentException(
          "a thumbprint has 20 bytes, not " + (bytes == null ? "none" : bytes.length));
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The thumbprint of a certificate given as DER or PEM ({@code -----BEGIN CERTIFICATE-----}).
   *
   * @param what names the certificate in messages (e.g. its file name)
   * @throws CloudsyncException {@code CERTIFICATE_INVALID} when it is not an X.509 certificate
   */
  public static Thumbprint ofCertificate(String what, byte[] derOrPem) {
    return new Thumbprint(sha1(certificateDer(what, derOrPem)));
  }

  /** The DER encoding of a certificate given as DER or PEM, checked to be an X.509 certificate. */
  public static byte[] certificateDer(String what, byte[] derOrPem) {
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      X509Certificate c =
          (X509Certificate) f.generateCertificate(new ByteArrayInputStream(derOrPem));
      return c.getEncoded();
    } catch (CertificateException | RuntimeException e) {
      String head =
          new String(derOrPem, 0, Math.min(derOrPem.length, 64), StandardCharsets.US_ASCII);
      String kind = head.contains("PRIVATE KEY") ? " (it looks like a private key)" : "";
      throw new CloudsyncException(
          ErrorCode.CERTIFICATE_INVALID,
          "'" + what + "' is not an X.509 certificate in DER or PEM form" + kind,
          "give the certificate file eCW sent (.cer), not the private key (.pvk)");
    }
  }

  /** Parses {@code 0x...} (or bare) hex, as SQL Server shows it, in any case. */
  public static Thumbprint parse(String hex) {
    String s = hex.strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    try {
      return new Thumbprint(HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a thumbprint: '" + hex + "'", e);
    }
  }

  private static byte[] sha1(byte[] der) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(der);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Thumbprint t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code 0x} and upper-case hex, as in {@code sys.certificates}. */
  @Override
  public String toString() {
    return "0x" + HEX.formatHex(bytes);
  }
}
