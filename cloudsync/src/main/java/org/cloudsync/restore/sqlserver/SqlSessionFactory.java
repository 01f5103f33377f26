package org.cloudsync.restore.sqlserver;

/** Opens sessions to one SQL Server instance. */
@FunctionalInterface
public interface SqlSessionFactory {
  /**
   * @throws org.cloudsync.format.CloudsyncException {@code SERVER_UNREACHABLE} when the server
   *     cannot be reached or refuses the login
   */
  SqlSession open();
}
