package org.cloudsync.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cloudsync.format.testing.Corpus;
import org.junit.jupiter.api.Test;

/** The reader against the real corpus: {@code headers.tsv} reproduced exactly, every way in. */
class CorpusHeadersTest {

  static List<Path> backupFiles() throws IOException {
    Path root = Corpus.backups();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("headers.tsv"))
          .sorted(Comparator.comparing(p -> relative(root, p)))
          .toList();
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static List<BackupHeader> headers(ReadResult result, String path) {
    assertThat(result).as(path).isInstanceOf(ReadResult.Headers.class);
    return ((ReadResult.Headers) result).sets();
  }

  @Test
  void reproducesHeadersTsvExactly() throws IOException {
    Path root = Corpus.backups();
    List<String> expected = Files.readAllLines(root.resolve("headers.tsv"), StandardCharsets.UTF_8);
    List<String> actual = new ArrayList<>();
    actual.add(HeaderTsv.headerLine());
    record Row(String path, int position, String line) {}
    List<Row> rows = new ArrayList<>();
    for (Path file : backupFiles()) {
      String path = relative(root, file);
      for (BackupHeader h : headers(BackupReader.read(file, path), path)) {
        rows.add(new Row(path, h.position(), HeaderTsv.row(path, h)));
      }
    }
    rows.sort(Comparator.comparing(Row::path).thenComparingInt(Row::position));
    rows.forEach(r -> actual.add(r.line()));
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void streamAndFileGiveTheSameHeaders() throws IOException {
    Path root = Corpus.backups();
    for (Path file : backupFiles()) {
      String path = relative(root, file);
      List<BackupHeader> fromFile = headers(BackupReader.read(file, path), path);
      List<BackupHeader> fromStream;
      try (InputStream in = Files.newInputStream(file)) {
        fromStream = headers(BackupReader.read(in, path), path);
        assertThat(in.read()).as("stream read to its end: " + path).isEqualTo(-1);
      }
      assertThat(fromStream).as(path).isEqualTo(fromFile);
    }
  }

  @Test
  void everySetListsItsDataAndLogFiles() throws IOException {
    Path root = Corpus.backups();
    for (Path file : backupFiles()) {
      String path = relative(root, file);
      for (BackupHeader h : headers(BackupReader.read(file, path), path)) {
        assertThat(h.source()).isEqualTo(HeaderSource.OFFLINE);
        assertThat(h.files()).as(path).hasSizeGreaterThanOrEqualTo(2);
        assertThat(h.files()).as(path).anyMatch(DatabaseFile::isLog);
        assertThat(h.files()).as(path).anyMatch(f -> !f.isLog() && f.fileId() == 1);
        assertThat(h.files())
            .as(path)
            .allSatisfy(
                f -> {
                  assertThat(f.logicalName()).isNotBlank();
                  assertThat(f.physicalName()).isNotBlank();
                  assertThat(f.sizeBytes()).isPositive();
                });
        assertThat(h.unknownFields()).as(path).containsExactly("copy_only");
        assertThat(h.recoveryForkId()).as(path).isNotNull();
        assertThat(h.userName()).as(path).isNotBlank();
        assertThat(h.copyOnly()).isNull();
        assertThat(h.mediaSetId()).isNotNull();
        assertThat(h.mediaFamilyId()).isNotNull();
        assertThat(h.timeZoneOffset()).as(path).isNotNull();
        assertThat(h.backupSize()).as(path).isPositive();
        assertThat(h.machineName()).as(path).isNotBlank();
      }
    }
  }
}
