package org.cloudsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryPathTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "../x.trn|'..'",
        "a/../../x.trn|'..'",
        "a/..|'..'",
        "/etc/x.trn|absolute",
        "C:/x.trn|drive letter",
        "d:x.trn|drive letter",
        "a\\b.trn|backslash",
        "..\\x.trn|backslash",
        "''|empty",
        "./|directory",
      })
  void unsafeNamesAreRefusedWithTheRuleTheyBreak(String name, String rule) throws Exception {
    if (name.equals("./")) {
      // Not unsafe: a directory entry for the staging directory itself.
      assertThat(EntryPath.parse(name).isDirectory()).isTrue();
      return;
    }
    assertThatThrownBy(() -> EntryPath.parse(name))
        .isInstanceOf(EntryPath.UnsafeName.class)
        .hasMessageContaining(rule);
  }

  @Test
  void plainRelativeNamesAreNormalized() throws Exception {
    assertThat(EntryPath.parse("a/./b//x.trn").normalized()).isEqualTo("a/b/x.trn");
    assertThat(EntryPath.parse("..x.trn").normalized()).isEqualTo("..x.trn");
    assertThat(EntryPath.parse("a/x..trn").fileName()).isEqualTo("x..trn");
  }

  @Test
  void systemMetadataIsRecognised() throws Exception {
    assertThat(EntryPath.parse("__MACOSX/logs/._x.trn").isSystemMetadata()).isTrue();
    assertThat(EntryPath.parse("logs/.DS_Store").isSystemMetadata()).isTrue();
    assertThat(EntryPath.parse("Thumbs.db").isSystemMetadata()).isTrue();
    assertThat(EntryPath.parse("logs/x.trn").isSystemMetadata()).isFalse();
  }

  @Test
  void duplicateNamesGetANumberBeforeTheExtension() {
    assertThat(ZipExtraction.suffixed("logs/x.trn", 2)).isEqualTo("logs/x~2.trn");
    assertThat(ZipExtraction.suffixed("x", 3)).isEqualTo("x~3");
    assertThat(ZipExtraction.suffixed("a.b/x", 2)).isEqualTo("a.b/x~2");
    assertThat(ZipExtraction.suffixed(".hidden", 2)).isEqualTo(".hidden~2");
  }
}
