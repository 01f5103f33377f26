package org.cloudsync.restore.sqlserver;

import java.util.List;

/**
 * A statement that carries secrets as constants (a private key, a password). Its text is reachable
 * only inside this package, to hand to {@link SqlSession#execute}; {@link #toString()} shows only
 * the redacted summary, so it cannot reach a log or a message by accident.
 */
final class SensitiveSql {
  private final String text;
  private final String summary;
  private final List<String> secrets;

  /**
   * @param summary what to show instead, e.g. {@code CREATE CERTIFICATE [x] ... (redacted)}
   * @param secrets the secret values as they appear in the text, for scrubbing server messages
   */
  SensitiveSql(String text, String summary, List<String> secrets) {
    this.text = text;
    this.summary = summary;
    this.secrets = List.copyOf(secrets);
  }

  String text() {
    return text;
  }

  List<String> secrets() {
    return secrets;
  }

  @Override
  public String toString() {
    return summary;
  }
}
