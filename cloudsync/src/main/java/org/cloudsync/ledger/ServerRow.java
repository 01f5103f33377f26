package org.cloudsync.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A registered SQL Server instance as stored: the password only as {@code SecretBox} ciphertext.
 * {@code toString} leaves the ciphertext out.
 *
 * @param name the operator's name for the instance (the same form as a center id)
 * @param pathMaps {@code LOCAL=REMOTE} pairs: where the server sees staged files
 * @param standbyDir null when no center on it keeps a readable standby
 */
public record ServerRow(
    String name,
    String jdbcUrl,
    String login,
    String passwordEncrypted,
    String dataDir,
    String logDir,
    String standbyDir,
    List<String> pathMaps,
    int maxConcurrentRestores,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public ServerRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(passwordEncrypted, "passwordEncrypted");
    pathMaps = pathMaps == null ? List.of() : List.copyOf(pathMaps);
  }

  @Override
  public String toString() {
    return "ServerRow[" + name + ", " + login + ", password ***]";
  }
}
