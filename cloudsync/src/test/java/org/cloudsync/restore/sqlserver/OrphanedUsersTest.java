package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrphanedUsersTest {
  @Test
  void usersWithoutLoginsComeWithTheLoginToCreate() throws Exception {
    byte[] sid = {0x01, 0x05, (byte) 0xAB, 0x00};
    FakeSqlSession s =
        new FakeSqlSession()
            .onContaining(
                "sys.database_principals",
                Row.of("name", "report'er", "type", "S ", "sid", sid),
                Row.of("name", "CLINIC\\Readers", "type", "G", "sid", new byte[] {1}));
    List<OrphanedUsers.Orphan> orphans = OrphanedUsers.find(s, "Sa]les");
    assertThat(s.queried.get(0))
        .startsWith("SELECT dp.name, dp.type, dp.sid FROM [Sa]]les].sys.database_principals");
    assertThat(orphans).hasSize(2);
    assertThat(orphans.get(0).sidHex()).isEqualTo("0x0105AB00");
    assertThat(orphans.get(0).createLogin())
        .isEqualTo(
            "CREATE LOGIN [report'er] WITH PASSWORD = N'<choose a password>', SID = 0x0105AB00");
    assertThat(orphans.get(1).createLogin())
        .isEqualTo("CREATE LOGIN [CLINIC\\Readers] FROM WINDOWS");
  }

  @Test
  void anOrphanKeptAsHexComesBackEqualAndNamesItsType() {
    OrphanedUsers.Orphan a =
        new OrphanedUsers.Orphan("reader", "S", new byte[] {0x0A, (byte) 0xFF});
    OrphanedUsers.Orphan back = OrphanedUsers.Orphan.of("reader", "S", a.sidHex());
    assertThat(back).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(back.sidHex()).isEqualTo("0x0AFF");
    assertThat(back.toString()).isEqualTo("reader (SQL user, SID 0x0AFF)");
    assertThat(OrphanedUsers.Orphan.of("x", "U", "0x01").typeName()).isEqualTo("Windows user");
    assertThat(OrphanedUsers.Orphan.of("x", "G", "0X01").typeName()).isEqualTo("Windows group");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OrphanedUsers.Orphan.of("x", "S", "0105"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
