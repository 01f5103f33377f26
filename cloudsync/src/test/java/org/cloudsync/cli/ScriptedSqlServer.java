package org.cloudsync.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.cloudsync.config.Secret;
import org.cloudsync.restore.sqlserver.Row;
import org.cloudsync.restore.sqlserver.ServerMessage;
import org.cloudsync.restore.sqlserver.SqlSession;
import org.cloudsync.restore.sqlserver.SqlSessionFactory;
import org.cloudsync.server.ServerConnector;

/**
 * A SQL Server instance scripted at the session seam for the commands' tests (none can run on the
 * build machines): it answers the version and permission queries of {@code server add}, and records
 * the connections asked for.
 */
final class ScriptedSqlServer implements ServerConnector {
  String productVersion = "16.0.4135.4";
  int engineEdition = 3;
  boolean allPermissions = true;
  final List<String> connections = Collections.synchronizedList(new ArrayList<>());
  final List<String> passwords = Collections.synchronizedList(new ArrayList<>());

  @Override
  public SqlSessionFactory sessions(String jdbcUrl, String user, Secret password) {
    return () -> {
      connections.add(jdbcUrl + " as " + user);
      passwords.add(password.reveal());
      return new Session();
    };
  }

  private final class Session implements SqlSession {
    @Override
    public List<Row> query(String sql, Object... params) throws SQLException {
      if (sql.contains("SERVERPROPERTY('ProductVersion')")) {
        return List.of(
            Row.of(
                "ProductVersion",
                productVersion,
                "EngineEdition",
                engineEdition,
                "Edition",
                engineEdition == 3 ? "Developer Edition (64-bit)" : "Standard Edition (64-bit)"));
      }
      if (sql.contains("HAS_PERMS_BY_NAME")) {
        int v = allPermissions ? 1 : 0;
        return List.of(
            Row.of(
                "create_any_database", v,
                "dbcreator", v,
                "sysadmin", 0,
                "view_server_state", v,
                "alter_any_connection", v,
                "create_certificate", v,
                "control_master", v,
                "master_key_exists", v,
                "read_restorehistory", 1,
                "read_backupset", 1));
      }
      throw new SQLException("unscripted query: " + sql, "S0001", 208);
    }

    @Override
    public void execute(String sql, Consumer<ServerMessage> messages) throws SQLException {
      throw new SQLException("unscripted statement", "S0001", 208);
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {}
  }
}
