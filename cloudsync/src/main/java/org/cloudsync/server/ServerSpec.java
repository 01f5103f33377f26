package org.cloudsync.server;

import java.util.List;
import java.util.Objects;
import org.cloudsync.config.Secret;

/**
 * What {@code cloudsync server add} registers. {@code toString} never shows the password.
 *
 * @param jdbcUrl a {@code jdbc:sqlserver://host:port;...} URL
 * @param dataDir server-side directory for restored data files
 * @param logDir server-side directory for restored log files
 * @param standbyDir server-side directory for {@code STANDBY} undo files, null for none
 * @param pathMaps {@code LOCAL=REMOTE} pairs: where the server sees staged files
 * @param maxConcurrentRestores restores run at once on the instance, across all its centers
 */
public record ServerSpec(
    String name,
    String jdbcUrl,
    String user,
    Secret password,
    String dataDir,
    String logDir,
    String standbyDir,
    List<String> pathMaps,
    int maxConcurrentRestores) {

  public ServerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    pathMaps = pathMaps == null ? List.of() : List.copyOf(pathMaps);
  }

  @Override
  public String toString() {
    return "ServerSpec[" + name + ", " + user + ", password ***]";
  }
}
