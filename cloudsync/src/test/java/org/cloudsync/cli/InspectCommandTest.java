package org.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path tmp;

  private static List<String> expectedLines() throws IOException {
    return Files.readAllLines(Corpus.backups().resolve("headers.tsv"), StandardCharsets.UTF_8);
  }

  /** The expected TSV rows of the corpus files under {@code prefix}, renamed by {@code rename}. */
  private static List<String> expectedRows(String prefix, String newPrefix) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : expectedLines().subList(1, expectedLines().size())) {
      if (line.startsWith(prefix)) {
        rows.add(newPrefix + line.substring(prefix.length()));
      }
    }
    return rows;
  }

  private static Path zipOf(Path zip, String folder, String... extraEntryText) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      try (var files = Files.list(Corpus.backups().resolve(folder))) {
        for (Path f : files.sorted().toList()) {
          z.putNextEntry(new ZipEntry(folder + "/" + f.getFileName()));
          Files.copy(f, z);
          z.closeEntry();
        }
      }
      for (int i = 0; i < extraEntryText.length; i += 2) {
        z.putNextEntry(new ZipEntry(extraEntryText[i]));
        z.write(extraEntryText[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void tsvOverTheCorpusReproducesHeadersTsvByteForByte() throws IOException {
    Path backups = Corpus.backups();
    CliRun r = CliRun.of("inspect", "--format", "tsv", backups.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(backups.resolve("headers.tsv")));
  }

  @Test
  void zipEntriesAreReadInPlaceAndNamedZipBangEntry() throws IOException {
    Path zip =
        zipOf(
            tmp.resolve("day1.zip"),
            "RestoreTimeClean",
            "readme.txt",
            "synthetic manifest, not a backup");
    CliRun r = CliRun.of("inspect", "--format", "tsv", zip.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    List<String> expected = new ArrayList<>();
    expected.add(expectedLines().get(0));
    expected.addAll(expectedRows("RestoreTimeClean/", zip + "!RestoreTimeClean/"));
    assertThat(r.out()).isEqualTo(String.join("\n", expected) + "\n");
    assertThat(expected).hasSize(9);

    // Under a directory argument the zip is named relative to it.
    CliRun d = CliRun.of("inspect", "--format", "tsv", tmp.toString());
    assertThat(d.exit()).isZero();
    assertThat(d.out().lines().skip(1).toList())
        .isEqualTo(expectedRows("RestoreTimeClean/", "day1.zip!RestoreTimeClean/"));
  }

  @Test
  void damagedZipEntryIsReportedAndTheOtherEntriesStillPrinted() throws IOException {
    Path zip = tmp.resolve("damaged.zip");
    Path log = Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_1.trn");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("a.trn"));
      Files.copy(log, z);
      z.closeEntry();
      z.putNextEntry(new ZipEntry("b.trn"));
      Files.copy(log, z);
      z.closeEntry();
    }
    long dataStart;
    long compressed;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      ZipEntry a = zf.getEntry("a.trn");
      compressed = a.getCompressedSize();
      dataStart = 30 + "a.trn".length() + (a.getExtra() == null ? 0 : a.getExtra().length);
    }
    byte[] bytes = Files.readAllBytes(zip);
    for (long i = dataStart + compressed / 2; i < dataStart + compressed / 2 + 64; i++) {
      bytes[(int) i] = (byte) 0xFF;
    }
    Files.write(zip, bytes);

    CliRun r = CliRun.of("inspect", "--format", "tsv", zip.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out().lines().skip(1).toList())
        .isEqualTo(expectedRows("RestoreTimeClean/RestoreTimeClean_1.trn", zip + "!b.trn"));
    assertThat(r.err())
        .containsPattern("(?m)^inspect: '" + quote(zip + "!a.trn") + "': [A-Z_]+: .+$");
  }

  @Test
  void truncatedZipIsReportedAsInvalid() throws IOException {
    Path zip = zipOf(tmp.resolve("cut.zip"), "DoubleDiffing");
    byte[] bytes = Files.readAllBytes(zip);
    Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CliRun r = CliRun.of("inspect", zip.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("inspect: '" + zip + "': ZIP_INVALID: not a readable zip archive: ")
        .contains("hint: the zip is damaged or incomplete");
  }

  @Test
  void unreadableFilesAreReportedOnStderrWhileTheOthersArePrinted() throws IOException {
    Path garbage = tmp.resolve("garbage.trn");
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Files.write(garbage, noise);
    Path empty = Files.createFile(tmp.resolve("empty.bak"));
    Path log = Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_1.trn");
    Path missing = tmp.resolve("missing.trn");

    CliRun r =
        CliRun.of(
            "inspect",
            "--format",
            "tsv",
            garbage.toString(),
            log.toString(),
            empty.toString(),
            missing.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out().lines().skip(1).toList())
        .isEqualTo(expectedRows("RestoreTimeClean/RestoreTimeClean_1.trn", log.toString()));
    assertThat(r.err())
        .containsPattern("(?m)^inspect: '" + quote(garbage.toString()) + "': [A-Z_]+: .+$")
        .containsPattern("(?m)^inspect: '" + quote(empty.toString()) + "': [A-Z_]+: .+$")
        .contains("inspect: '" + missing + "': FILE_UNREADABLE: no such file or directory\n");
  }

  @Test
  void inDirectoriesOnlyBackupNamesAndBackupSignaturesAreRead() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("feed/sub"));
    Files.writeString(dir.resolve("notes.txt"), "not a backup");
    Files.writeString(tmp.resolve("feed/data.csv"), "a,b\n");
    Files.copy(
        Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_2.trn"),
        dir.resolve("log.000"));
    CliRun r = CliRun.of("inspect", "--format", "tsv", tmp.resolve("feed").toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().skip(1).toList())
        .isEqualTo(expectedRows("RestoreTimeClean/RestoreTimeClean_2.trn", "sub/log.000"));
  }

  @Test
  void jsonHasEveryFieldWithLsnsAsStrings() throws IOException {
    CliRun r =
        CliRun.of(
            "inspect",
            "--format",
            "json",
            Corpus.backups().resolve("compressed").toString(),
            Corpus.backups().resolve("RestoreTimeClean").toString());
    assertThat(r.exit()).isZero();
    JsonNode a = new ObjectMapper().readTree(r.out());
    assertThat(a.isArray()).isTrue();
    assertThat(a).hasSize(10);
    JsonNode first = a.get(0);
    assertThat(first.get("path").asText()).isEqualTo("RestoreTimeClean.bak");
    assertThat(first.get("type").asText()).isEqualTo("full");
    assertThat(first.get("first_lsn").isTextual()).isTrue();
    assertThat(first.get("first_lsn").asText()).isEqualTo("25000000006200170");
    assertThat(first.get("backup_start_date").asText()).isEqualTo("2017-06-01T12:59:12");
    assertThat(first.get("backup_set_guid").asText())
        .isEqualTo("5af3e50d-a4e0-4e9b-8aef-fe52898c6359");
    assertThat(first.get("files").size()).isGreaterThanOrEqualTo(2);
    assertThat(first.get("files").get(0).get("logical_name").asText()).isNotEmpty();
    assertThat(first.has("unknown_fields")).isTrue();
    for (String field :
        List.of(
            "database_name",
            "server_name",
            "checkpoint_lsn",
            "database_backup_lsn",
            "family_count",
            "position",
            "recovery_model",
            "software_version",
            "has_checksums",
            "media_password_protected",
            "media_set_id",
            "time_zone_offset")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    // The compressed sample's LSNs exceed a long: still exact strings.
    JsonNode compressed = a.get(8);
    assertThat(compressed.get("path").asText()).isEqualTo("SharePoint_Config.bak");
    assertThat(compressed.get("position").asInt()).isEqualTo(1);
    assertThat(a.get(9).get("position").asInt()).isEqualTo(2);
    String expected = expectedRows("compressed/SharePoint_Config.bak", "").get(0).split("\t")[4];
    assertThat(compressed.get("first_lsn").asText()).isEqualTo(expected);
  }

  @Test
  void tableAlignsOneRowPerSet() {
    CliRun r = CliRun.of("inspect", Corpus.backups().resolve("DoubleDiffing").toString());
    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).split(" {2,}"))
        .containsExactly(
            "path", "type", "database", "first_lsn", "last_lsn", "start", "family", "pos", "flags");
    assertThat(lines.get(3).split(" {2,}"))
        .containsExactly(
            "difftest-full.bak",
            "full",
            "doublediff",
            "24000000006800099",
            "24000000010900001",
            "2018-12-21 11:26:31",
            "1/1",
            "1",
            "-");
    int typeColumn = lines.get(0).indexOf("type");
    for (String line : lines) {
      assertThat(line.charAt(typeColumn - 1)).isEqualTo(' ');
      assertThat(line.charAt(typeColumn)).isNotEqualTo(' ');
    }
  }

  private static String quote(String s) {
    return java.util.regex.Pattern.quote(s);
  }

  @Test
  void aLineEndInAZipEntryNameCannotForgeRows() throws IOException {
    Path zip = tmp.resolve("evil.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("a\nforged\trow.trn"));
      Files.copy(Corpus.backups().resolve("RestoreTimeClean/RestoreTimeClean_2.trn"), z);
      z.closeEntry();
    }
    CliRun r = CliRun.of("inspect", "--format", "tsv", tmp.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().skip(1).toList())
        .isEqualTo(
            expectedRows("RestoreTimeClean/RestoreTimeClean_2.trn", "evil.zip!a?forged?row.trn"));
  }
}
