package org.cloudsync.config;

import java.util.Properties;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The settings in {@code cloudsync.properties} (a Java properties file in the home directory):
 *
 * <ul>
 *   <li>{@code ledger.url}: the ledger's JDBC URL; default the H2 file database in the home, e.g.
 *       {@code jdbc:postgresql://db.example.org:5432/cloudsync} for PostgreSQL;
 *   <li>{@code ledger.user}, {@code ledger.password}: credentials for that URL (the file is 0600).
 * </ul>
 *
 * @param ledgerUrl never null
 * @param ledgerUser null when none
 * @param ledgerPassword null when none
 */
public record CloudsyncConfig(String ledgerUrl, String ledgerUser, Secret ledgerPassword) {

  static CloudsyncConfig from(Properties props, CloudsyncHome home) {
    String url = blankToNull(props.getProperty("ledger.url"));
    if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new CloudsyncException(
          ErrorCode.CONFIG_INVALID,
          "ledger.url in '" + home.configFile() + "' is neither an H2 nor a PostgreSQL JDBC URL",
          "use jdbc:postgresql://HOST:PORT/DATABASE, or remove the line for the embedded H2 ledger");
    }
    String password = blankToNull(props.getProperty("ledger.password"));
    return new CloudsyncConfig(
        url == null ? home.defaultLedgerUrl() : url,
        blankToNull(props.getProperty("ledger.user")),
        password == null ? null : Secret.of(password));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static String template() {
    return String.join(
        "\n",
        "# cloudsync configuration (Java properties). See 'cloudsync init --help'.",
        "#",
        "# ledger.url: the ledger's JDBC URL. Unset: the H2 file database 'ledger' in this",
        "# directory. For PostgreSQL:",
        "#ledger.url=jdbc:postgresql://localhost:5432/cloudsync",
        "#ledger.user=cloudsync",
        "#ledger.password=",
        "");
  }
}
