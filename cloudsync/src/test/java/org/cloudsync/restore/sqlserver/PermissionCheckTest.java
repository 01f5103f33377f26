package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;

class PermissionCheckTest {
  private static Row perms(int dbcreator, int msdb, int masterKey) {
    return Row.of(
        "create_any_database",
        dbcreator,
        "dbcreator",
        dbcreator,
        "sysadmin",
        0,
        "view_server_state",
        1,
        "alter_any_connection",
        1,
        "create_certificate",
        1,
        "control_master",
        0,
        "master_key_exists",
        masterKey,
        "read_restorehistory",
        msdb,
        "read_backupset",
        msdb);
  }

  @Test
  void leastPrivilegeLoginPasses() throws Exception {
    FakeSqlSession s = new FakeSqlSession().on(PermissionCheck.SQL, perms(1, 1, 1));
    assertThat(PermissionCheck.missing(s)).isEmpty();
    PermissionCheck.require(s, "cloudsync");
  }

  @Test
  void sysadminHasEverything() throws Exception {
    FakeSqlSession s =
        new FakeSqlSession()
            .on(PermissionCheck.SQL, Row.of("sysadmin", 1, "create_any_database", 0));
    assertThat(PermissionCheck.missing(s)).isEmpty();
  }

  @Test
  void eachMissingPermissionIsNamedWithTheGrantAsAHint() {
    FakeSqlSession s = new FakeSqlSession().on(PermissionCheck.SQL, perms(0, 0, 0));
    CloudsyncException e =
        catchThrowableOfType(
            CloudsyncException.class, () -> PermissionCheck.require(s, "cloud]sync"));
    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_PERMISSION_MISSING);
    assertThat(e.getMessage())
        .isEqualTo(
            "login 'cloud]sync' lacks: CREATE ANY DATABASE (dbcreator) (for restoring databases);"
                + " CONTROL on master (or an existing database master key) (for creating the"
                + " database master key that protects TDE certificates); SELECT on"
                + " msdb.dbo.restorehistory and msdb.dbo.backupset (for reconciling the restore"
                + " position)");
    assertThat(e.hints())
        .containsExactly(
            "ALTER SERVER ROLE dbcreator ADD MEMBER [cloud]]sync]",
            "have a DBA run CREATE MASTER KEY in master once, or GRANT CONTROL ON"
                + " DATABASE::master TO [cloud]]sync]",
            "USE msdb; CREATE USER [cloud]]sync] FOR LOGIN [cloud]]sync]; GRANT SELECT ON"
                + " dbo.restorehistory TO [cloud]]sync]; GRANT SELECT ON dbo.backupset TO"
                + " [cloud]]sync]");
  }
}
