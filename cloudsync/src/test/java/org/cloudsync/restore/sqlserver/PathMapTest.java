package org.cloudsync.restore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.junit.jupiter.api.Test;

class PathMapTest {
  @Test
  void windowsShareGetsBackslashes() {
    PathMap m = PathMap.parse(List.of("/srv/staging=\\\\fileserver\\staging"));
    assertThat(m.toServer(Path.of("/srv/staging/c1/2026-11-01/Sales_LOG_0101.trn")))
        .isEqualTo("\\\\fileserver\\staging\\c1\\2026-11-01\\Sales_LOG_0101.trn");
  }

  @Test
  void driveLetterIsWindowsAndTrailingSeparatorIsNotDoubled() {
    PathMap m = PathMap.parse(List.of("/srv/staging/=D:\\Staging\\"));
    assertThat(m.toServer(Path.of("/srv/staging/a.bak"))).isEqualTo("D:\\Staging\\a.bak");
  }

  @Test
  void containerVolumeKeepsSlashes() {
    PathMap m = PathMap.parse(List.of("/srv/staging=/var/opt/mssql/staging"));
    assertThat(m.toServer(Path.of("/srv/staging/c1/a b'c.trn")))
        .isEqualTo("/var/opt/mssql/staging/c1/a b'c.trn");
  }

  @Test
  void longestLocalPrefixWinsAndPrefixesMatchWholeComponents() {
    PathMap m = PathMap.parse(List.of("/srv=/mnt/srv", "/srv/staging=/var/opt/mssql/staging"));
    assertThat(m.toServer(Path.of("/srv/staging/x.trn"))).isEqualTo("/var/opt/mssql/staging/x.trn");
    assertThat(m.toServer(Path.of("/srv/staging2/x.trn"))).isEqualTo("/mnt/srv/staging2/x.trn");
  }

  @Test
  void aFileOutsideEveryMappingIsRefusedWithTheMappings() {
    PathMap m = PathMap.parse(List.of("/srv/staging=/var/opt/mssql/staging"));
    assertThatThrownBy(() -> m.toServer(Path.of("/tmp/x.trn")))
        .isInstanceOf(CloudsyncException.class)
        .hasMessageContaining(
            "'/tmp/x.trn' lies under none of the mapped directories [/srv/staging]")
        .extracting(e -> ((CloudsyncException) e).code())
        .isEqualTo(ErrorCode.PATH_NOT_MAPPED);
  }

  @Test
  void withoutMappingsTheServerSeesTheLocalPath() {
    assertThat(PathMap.identity().toServer(Path.of("/srv/staging/../staging/x.trn")))
        .isEqualTo("/srv/staging/x.trn");
  }

  @Test
  void malformedPairsAreUsageErrors() {
    for (String bad : List.of("nomapping", "=D:\\x", "/srv=")) {
      assertThatThrownBy(() -> PathMap.parse(List.of(bad)))
          .as(bad)
          .extracting(e -> ((CloudsyncException) e).code())
          .isEqualTo(ErrorCode.USAGE);
    }
  }
}
