package org.cloudsync.server;

import org.cloudsync.config.Secret;
import org.cloudsync.restore.sqlserver.JdbcSqlSessionFactory;
import org.cloudsync.restore.sqlserver.SqlSessionFactory;

/**
 * Opens sessions to an instance from its stored settings: mssql-jdbc in production, a scripted
 * server in tests (no SQL Server can run on the build machines).
 */
@FunctionalInterface
public interface ServerConnector {
  /** mssql-jdbc. */
  ServerConnector JDBC = JdbcSqlSessionFactory::new;

  SqlSessionFactory sessions(String jdbcUrl, String user, Secret password);
}
