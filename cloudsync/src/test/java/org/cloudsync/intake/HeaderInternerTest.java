package org.cloudsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.restore.SyntheticSteps;
import org.junit.jupiter.api.Test;

class HeaderInternerTest {
  private final UUID fork = UUID.randomUUID();

  /** Equal values read from two files are distinct objects, as the header reader makes them. */
  private BackupHeader log(long first, long last) {
    return SyntheticSteps.header(BackupType.LOG, new String("eCW_riverside"), first, last)
        .serverName(new String("ECWSQL01"))
        .recoveryForkId(UUID.fromString(fork.toString()))
        .files(
            List.of(
                new DatabaseFile(
                    1, 1, new String("eCW"), new String("D:\\data\\eCW.mdf"), 1L << 30),
                new DatabaseFile(2, 0, new String("eCW_log"), new String("L:\\eCW.ldf"), 1L << 28)))
        .build();
  }

  @Test
  void headersOfOneZipShareWhatTheyHaveInCommonAndKeepTheirValues() {
    HeaderInterner interner = new HeaderInterner();
    BackupHeader a = log(100, 200);
    BackupHeader b = log(200, 300);
    assertThat(a.databaseName()).isNotSameAs(b.databaseName());

    BackupHeader sharedA = interner.intern(List.of(a)).get(0);
    BackupHeader sharedB = interner.intern(b);

    assertThat(sharedA).isEqualTo(a);
    assertThat(sharedB).isEqualTo(b);
    assertThat(sharedB.databaseName()).isSameAs(sharedA.databaseName());
    assertThat(sharedB.serverName()).isSameAs(sharedA.serverName());
    assertThat(sharedB.recoveryForkId()).isSameAs(sharedA.recoveryForkId());
    assertThat(sharedB.softwareVersion()).isSameAs(sharedA.softwareVersion());
    assertThat(sharedB.files()).isSameAs(sharedA.files());
    assertThat(sharedB.firstLsn()).isNotEqualTo(sharedA.firstLsn());
  }

  @Test
  void aValueThatDiffersIsKeptAsItIs() {
    HeaderInterner interner = new HeaderInterner();
    BackupHeader a = interner.intern(log(100, 200));
    BackupHeader other = log(200, 300).toBuilder().serverName("ECWSQL02").build();
    BackupHeader b = interner.intern(other);
    assertThat(b).isEqualTo(other);
    assertThat(b.serverName()).isEqualTo("ECWSQL02");
    assertThat(b.databaseName()).isSameAs(a.databaseName());
  }
}
