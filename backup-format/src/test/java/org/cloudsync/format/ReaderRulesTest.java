package org.cloudsync.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import org.cloudsync.format.testing.ByteArrayChannel;
import org.cloudsync.format.testing.Corpus;
import org.cloudsync.format.testing.MtfLayout;
import org.junit.jupiter.api.Test;

/**
 * Rules on corpus files edited in memory: backups recognised but not readable offline get a typed
 * result naming what was recognised; fields whose value says "unknown" are reported as unknown, not
 * guessed; several sets on one media are each read from their own blocks.
 */
class ReaderRulesTest {
  private static final String LOG = "RestoreTimeClean/RestoreTimeClean_1.trn";
  private static final int SSET = 0x600;
  private static final int MSCI_MQCI_STREAM = 0xE38;

  private static byte[] corpus(String path) throws IOException {
    return Files.readAllBytes(Corpus.backups().resolve(path));
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static void putU16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  /** Rewrites the XOR checksum after the first {@code words} words at {@code at}. */
  private static void fixChecksum(byte[] b, int at, int words) {
    int x = 0;
    for (int i = 0; i < words; i++) {
      x ^= u16(b, at + 2 * i);
    }
    putU16(b, at + 2 * words, x);
  }

  private static ReadResult.NotReadableOffline notReadable(byte[] bytes) {
    ReadResult fromFile = BackupReader.read(new ByteArrayChannel(bytes), "x.bak");
    ReadResult fromStream = BackupReader.read(new ByteArrayInputStream(bytes), "x.bak");
    assertThat(fromStream).isEqualTo(fromFile);
    assertThat(fromFile).isInstanceOf(ReadResult.NotReadableOffline.class);
    return (ReadResult.NotReadableOffline) fromFile;
  }

  private static BackupHeader single(byte[] bytes) {
    ReadResult r = BackupReader.read(new ByteArrayChannel(bytes), "x.bak");
    assertThat(r).isInstanceOf(ReadResult.Headers.class);
    return ((ReadResult.Headers) r).sets().get(0);
  }

  @Test
  void anEncryptedStreamIsReportedAsBackupEncryption() throws IOException {
    byte[] b = corpus(LOG);
    putU16(b, MSCI_MQCI_STREAM + 16, 1); // stream encryption algorithm
    fixChecksum(b, MSCI_MQCI_STREAM, 10);
    ReadResult.NotReadableOffline r = notReadable(b);
    assertThat(r.reason()).isEqualTo(ErrorCode.BACKUP_ENCRYPTED);
    assertThat(r.detail()).contains("MSCI block at 0xe00").contains("MQCI").contains("encryption");
  }

  @Test
  void aCompressedStreamIsReportedAsUnsupportedCompression() throws IOException {
    byte[] b = corpus(LOG);
    putU16(b, MSCI_MQCI_STREAM + 18, 3); // stream compression algorithm
    fixChecksum(b, MSCI_MQCI_STREAM, 10);
    ReadResult.NotReadableOffline r = notReadable(b);
    assertThat(r.reason()).isEqualTo(ErrorCode.UNSUPPORTED_COMPRESSION);
    assertThat(r.detail()).contains("compression algorithm 3");
  }

  @Test
  void anUnknownCompressedContainerIsUnsupported() throws IOException {
    byte[] b = corpus("compressed/SharePoint_Config.bak");
    b[12] = 7; // the container header field that reads 3 in the one known sample
    ReadResult.NotReadableOffline r = notReadable(b);
    assertThat(r.reason()).isEqualTo(ErrorCode.UNSUPPORTED_CONTAINER);
    assertThat(r.detail()).contains("MSSQLBAK");
  }

  @Test
  void anotherMtfVersionOrAFileBackupIsAnUnsupportedContainer() throws IOException {
    byte[] version = corpus(LOG);
    version[93] = 2; // TAPE: MTF major version
    fixChecksum(version, 0, 25);
    assertThat(notReadable(version).reason()).isEqualTo(ErrorCode.UNSUPPORTED_CONTAINER);

    byte[] dirb = corpus(LOG);
    int volb = 0xA00;
    System.arraycopy("DIRB".getBytes(StandardCharsets.US_ASCII), 0, dirb, volb, 4);
    fixChecksum(dirb, volb, 25);
    ReadResult.NotReadableOffline r = notReadable(dirb);
    assertThat(r.reason()).isEqualTo(ErrorCode.UNSUPPORTED_CONTAINER);
    assertThat(r.detail()).contains("DIRB block at 0xa00");
  }

  @Test
  void aFileOrPartialBackupTypeIsNotGuessed() throws IOException {
    byte[] b = corpus(LOG);
    byte[] scin = "SCIN".getBytes(StandardCharsets.US_ASCII);
    int found = 0;
    for (int i = 0; i + 4 <= b.length; i++) {
      if (java.util.Arrays.equals(b, i, i + 4, scin, 0, 4)) {
        b[i + 0x57] = 'F';
        found++;
      }
    }
    assertThat(found).isEqualTo(2); // MSCI and MSLS copies
    ReadResult.NotReadableOffline r = notReadable(b);
    assertThat(r.reason()).isEqualTo(ErrorCode.UNSUPPORTED_CONTAINER);
    assertThat(r.detail()).contains("backup type 'F'");
  }

  @Test
  void theTimeZoneByteAtSsetOffset0x5fGivesTheOffset() throws IOException {
    assertThat(single(corpus(LOG)).timeZoneOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(single(corpus("sql2008-backups/StopAt/StopAt_1.trn")).timeZoneOffset())
        .isEqualTo(ZoneOffset.ofHours(1));
    BackupHeader stripe =
        single(corpus("sql2008-backups/RestoreTimeStripe/Stripe1/RestoreTimeStripe_1.trn"));
    assertThat(stripe.timeZoneOffset()).isEqualTo(ZoneOffset.UTC);
    assertThat(stripe.backupStartInstant().toInstant())
        .isEqualTo(stripe.backupStartDate().toInstant(ZoneOffset.UTC));

    byte[] b = corpus(LOG);
    b[SSET + 0x5F] = (byte) -20; // UTC-05:00
    fixChecksum(b, SSET, 25);
    assertThat(single(b).timeZoneOffset()).isEqualTo(ZoneOffset.ofHours(-5));

    b[SSET + 0x5F] = 127; // MTF: local time zone unknown
    fixChecksum(b, SSET, 25);
    BackupHeader unknown = single(b);
    assertThat(unknown.timeZoneOffset()).isNull();
    assertThat(unknown.unknownFields()).contains("time_zone_offset", "copy_only");
    assertThat(unknown.backupStartInstant()).isNull();
  }

  @Test
  void twoSetsAppendedOnOneMediaAreReadEachFromItsOwnBlocks() throws IOException {
    byte[] first = corpus(LOG);
    byte[] second = corpus("RestoreTimeClean/RestoreTimeClean_2.trn");
    byte[] media = new byte[first.length + second.length - SSET];
    System.arraycopy(first, 0, media, 0, first.length);
    System.arraycopy(second, SSET, media, first.length, second.length - SSET);
    int secondSset = first.length;
    media[secondSset + 62] = 2; // SSET position
    fixChecksum(media, secondSset, 25);

    java.util.List<BackupHeader> sets =
        ((ReadResult.Headers) BackupReader.read(new ByteArrayChannel(media), "two.bak")).sets();
    assertThat(sets).extracting(BackupHeader::position).containsExactly(1, 2);
    assertThat(sets.get(0).toBuilder().unknownFields(null).build())
        .isEqualTo(single(first).toBuilder().unknownFields(null).build());
    BackupHeader alone = single(second);
    assertThat(sets.get(1).firstLsn()).isEqualTo(alone.firstLsn());
    assertThat(sets.get(1).lastLsn()).isEqualTo(alone.lastLsn());
    assertThat(sets.get(1).backupSetGuid()).isEqualTo(alone.backupSetGuid());
    assertThat(sets.get(1).backupFinishDate()).isEqualTo(alone.backupFinishDate());
    assertThat(BackupReader.read(new ByteArrayInputStream(media), "two.bak"))
        .isEqualTo(new ReadResult.Headers(sets));

    media[secondSset + 62] = 1; // two sets claiming position 1
    fixChecksum(media, secondSset, 25);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BackupReader.read(new ByteArrayChannel(media), "two.bak"))
        .isInstanceOfSatisfying(
            BackupFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MTF_FIELD_INVALID);
              assertThat(e.getMessage()).contains("position 1");
            });
  }

  @Test
  void aBlockWhoseLastStreamEndsOnABoundaryNeedsNoSpad() throws IOException {
    byte[] b = corpus(LOG);
    BackupHeader expected = single(b);
    int body = MSCI_MQCI_STREAM + 22;
    int blockEnd = 0x1A00; // the MSCI block's SPAD stream pads to here
    java.util.Arrays.fill(b, body + 2968, blockEnd, (byte) 0); // drop the SPAD stream
    int length = blockEnd - body; // the MQCI stream now ends on the boundary
    b[MSCI_MQCI_STREAM + 8] = (byte) length;
    b[MSCI_MQCI_STREAM + 9] = (byte) (length >>> 8);
    fixChecksum(b, MSCI_MQCI_STREAM, 10);
    assertThat(single(b)).isEqualTo(expected);
    assertThat(BackupReader.read(new ByteArrayInputStream(b), "x.bak"))
        .isEqualTo(new ReadResult.Headers(java.util.List.of(expected)));
  }

  @Test
  void mediaPasswordProtectionIsReadableAndFlagged() throws IOException {
    BackupHeader h = single(corpus("backuppassword/passwd.bak"));
    assertThat(h.mediaPasswordProtected()).isTrue();
    assertThat(h.databaseName()).isNotBlank();
    assertThat(single(corpus(LOG)).mediaPasswordProtected()).isFalse();
  }

  @Test
  void aDataStreamRunningPastTheEndIsTruncatedAndAHugeConfigurationIsRefused() throws IOException {
    int mqtl = 0x1DE8; // the log's data stream, in the MSTL block at 0x1a00
    byte[] b = corpus(LOG);
    assertThat(MtfLayout.of(b).streamHeaders()).contains((long) mqtl, (long) MSCI_MQCI_STREAM);
    b[mqtl + 12] = 0x01; // length += 2^32, checksum kept valid
    fixChecksum(b, mqtl, 10);
    for (java.util.function.Supplier<ReadResult> read :
        java.util.List.<java.util.function.Supplier<ReadResult>>of(
            () -> BackupReader.read(new ByteArrayChannel(b), "x.trn"),
            () -> BackupReader.read(new ByteArrayInputStream(b), "x.trn"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(read::get)
          .isInstanceOfSatisfying(
              BackupFormatException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.TRUNCATED);
                assertThat(e.getMessage()).contains("MSTL block at 0x1a00");
              });
    }

    byte[] c = corpus(LOG);
    c[MSCI_MQCI_STREAM + 11] = 0x10; // a 256 MiB configuration stream: never allocated
    fixChecksum(c, MSCI_MQCI_STREAM, 10);
    for (java.util.function.Supplier<ReadResult> read :
        java.util.List.<java.util.function.Supplier<ReadResult>>of(
            () -> BackupReader.read(new ByteArrayChannel(c), "x.trn"),
            () -> BackupReader.read(new ByteArrayInputStream(c), "x.trn"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(read::get)
          .isInstanceOfSatisfying(
              BackupFormatException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MTF_FIELD_INVALID);
                assertThat(e.getMessage()).contains("MSCI block at 0xe00").contains("16 MiB");
              });
    }
  }
}
