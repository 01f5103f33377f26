package org.cloudsync.restore.sqlserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.cloudsync.config.Secret;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Opens mssql-jdbc connections to one instance, in {@code master}. The password is never printed:
 * {@link #toString()} and every message show the URL without its properties, and a login failure's
 * text is scrubbed of it.
 */
public final class JdbcSqlSessionFactory implements SqlSessionFactory {
  private final String url;
  private final String user;
  private final Secret password;

  /**
   * @param url a {@code jdbc:sqlserver://host:port;...} URL (its properties may set {@code
   *     encrypt}, {@code trustServerCertificate}, ...)
   * @param password the login's password
   */
  public JdbcSqlSessionFactory(String url, String user, Secret password) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
  }

  @Override
  public SqlSession open() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password.reveal());
    p.setProperty("databaseName", "master");
    p.setProperty("applicationName", "cloudsync");
    try {
      Connection c = DriverManager.getConnection(url, p);
      return new JdbcSqlSession(c);
    } catch (SQLException e) {
      throw new CloudsyncException(
          ErrorCode.SERVER_UNREACHABLE,
          "cannot connect to SQL Server "
              + displayUrl(url)
              + " as '"
              + user
              + "': "
              + ServerErrors.scrub(e.getMessage(), List.of(password.reveal())),
          List.of(
              "check that the server is running and reachable from this host (port, firewall)",
              "check the login and its password file"),
          null);
    }
  }

  /** The URL up to its first {@code ;}: host and port, never properties such as a password. */
  static String displayUrl(String url) {
    int semi = url.indexOf(';');
    return semi < 0 ? url : url.substring(0, semi);
  }

  @Override
  public String toString() {
    return "JdbcSqlSessionFactory[" + displayUrl(url) + " as " + user + ", password ***]";
  }
}
