package org.cloudsync.format.synthetic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.SoftwareVersion;

/**
 * Writes small, header-only SQL Server backup files in Microsoft Tape Format from {@link
 * BackupHeader}s: the blocks, streams and configuration records of a SQL Server 2008 R2 backup
 * ({@code TAPE(RAID) SFMB SSET VOLB MSCI(MQCI) [MSDA] MSTL… MSLS(MQCI) SFMB ESET ESET SFMB}), with
 * valid block and stream header checksums, and no database pages: the data stream is zero-filled
 * and as long as {@link #withDataBytes(long)} says. SQL Server cannot restore these files; they
 * exist so that readers, planners and feeds can be tested on backups built in code.
 *
 * <p>Fields a header leaves null are written as the values {@link #completed(BackupHeader)}
 * reports, so that {@code completed(h)} is exactly what an offline reader should read back.
 *
 * <p>Immutable and thread-safe.
 */
public final class SyntheticBackupWriter {
  /** The server and machine name written when a header names none. */
  public static final String SERVER_NAME = "SYNTHETIC";

  /** The user name written when a header names none. */
  public static final String USER_NAME = "cloudsync-synthetic";

  /** The media description in every synthetic file's TAPE block. */
  public static final String MEDIA_DESCRIPTION =
      "cloudsync synthetic backup: header only, no database pages; SQL Server cannot restore it";

  /** The version written when a header names none: SQL Server 2008 R2 RTM. */
  public static final SoftwareVersion DEFAULT_VERSION = new SoftwareVersion(10, 50, 1600);

  /** The time-zone byte MTF uses for "local time, offset not recorded". */
  static final int TIME_ZONE_UNKNOWN = 127;

  private static final int SET_UNIT = 1024;
  private static final int SFMB_SIZE = 512;
  private static final int SFMB_ENTRIES = 55;
  private static final int VENDOR_MICROSOFT = 0x1200;
  private static final int PASSWORD_ALGORITHM = 5;
  private static final String SOFTWARE_NAME = "Microsoft SQL Server";

  private final long dataBytes;

  private SyntheticBackupWriter(long dataBytes) {
    if (dataBytes < 0) {
      throw new IllegalArgumentException("data bytes must not be negative: " + dataBytes);
    }
    this.dataBytes = dataBytes;
  }

  /** A writer whose files hold no data: a few kilobytes each. */
  public static SyntheticBackupWriter headerOnly() {
    return new SyntheticBackupWriter(0);
  }

  /**
   * The same writer with a zero-filled data stream of {@code bytes} per backup set (the {@code
   * MQDA} stream of a full or differential, the {@code MQTL} stream of a log), so that files can be
   * made as large as a test or benchmark needs. See {@link SyntheticBackup#writeSparseTo(Path)}.
   */
  public SyntheticBackupWriter withDataBytes(long bytes) {
    return new SyntheticBackupWriter(bytes);
  }

  /** The zero-filled data per backup set, in bytes. */
  public long dataBytes() {
    return dataBytes;
  }

  /**
   * The header as this writer writes it: server and machine name {@value #SERVER_NAME}, user name
   * {@value #USER_NAME}, version {@link #DEFAULT_VERSION}, checkpoint LSN = first LSN, database
   * backup LSN 0, media set id and media family id derived from the backup set GUID and family
   * number, recovery fork derived from the database name, backup size = {@link #dataBytes()},
   * compressed size = backup size, finish = start, wherever the header leaves them null.
   *
   * @throws IllegalArgumentException when the header cannot be written (no start date, a compressed
   *     backup, a time-zone offset that is not a multiple of 15 minutes)
   */
  public BackupHeader completed(BackupHeader h) {
    Objects.requireNonNull(h, "header");
    if (h.backupStartDate() == null) {
      throw new IllegalArgumentException("a synthetic backup needs a start date");
    }
    if (h.compressed()) {
      throw new IllegalArgumentException(
          "the synthetic writer writes uncompressed MTF only; compressed must be false");
    }
    ZoneOffset tz = h.timeZoneOffset();
    if (tz != null && tz.getTotalSeconds() % 900 != 0) {
      throw new IllegalArgumentException(
          "a backup's time-zone offset is stored in 15-minute units: " + tz);
    }
    UUID mediaSet = h.mediaSetId() != null ? h.mediaSetId() : derivedMediaSet(h.backupSetGuid());
    long family =
        h.mediaFamilyId() != null
            ? h.mediaFamilyId()
            : derivedFamilyId(mediaSet, h.familySequenceNumber());
    long size = h.backupSize() != null ? h.backupSize() : dataBytes;
    String server = h.serverName() != null ? h.serverName() : SERVER_NAME;
    return h.toBuilder()
        .serverName(server)
        .machineName(h.machineName() != null ? h.machineName() : SERVER_NAME)
        .userName(h.userName() != null ? h.userName() : USER_NAME)
        .softwareVersion(h.softwareVersion() != null ? h.softwareVersion() : DEFAULT_VERSION)
        .checkpointLsn(h.checkpointLsn() != null ? h.checkpointLsn() : h.firstLsn())
        .databaseBackupLsn(h.databaseBackupLsn() != null ? h.databaseBackupLsn() : Lsn.ZERO)
        .backupFinishDate(h.backupFinishDate() != null ? h.backupFinishDate() : h.backupStartDate())
        .mediaSetId(mediaSet)
        .mediaFamilyId(family)
        .recoveryForkId(
            h.recoveryForkId() != null ? h.recoveryForkId() : derivedFork(h.databaseName()))
        .backupSize(size)
        .compressedBackupSize(h.compressedBackupSize() != null ? h.compressedBackupSize() : size)
        .build();
  }

  /**
   * The {@code count} media families of a striped backup set: the same set (same BackupSetGUID and
   * media set id), family 1 to {@code count} of {@code count}, each with its own media family id.
   * Write each with {@link #encode(BackupHeader)} to its own file.
   */
  public List<BackupHeader> stripes(BackupHeader set, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a backup has at least one media family: " + count);
    }
    BackupHeader base = completed(set.toBuilder().familyCount(1).familySequenceNumber(1).build());
    List<BackupHeader> out = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      out.add(
          base.toBuilder()
              .familyCount(count)
              .familySequenceNumber(k)
              .mediaFamilyId(derivedFamilyId(base.mediaSetId(), k))
              .build());
    }
    return out;
  }

  /** One backup set on its own media. */
  public SyntheticBackup encode(BackupHeader set) {
    return encode(List.of(set));
  }

  /**
   * Several backup sets one after another on the same media (positions 1 to n, the {@code FILE = n}
   * of {@code RESTORE}). The media (set id, family) is the first set's.
   *
   * @throws IllegalArgumentException when the sets are not at positions 1..n in order
   */
  public SyntheticBackup encode(List<BackupHeader> sets) {
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("a backup file holds at least one backup set");
    }
    List<BackupHeader> done = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      BackupHeader h = completed(sets.get(i));
      if (h.position() != i + 1) {
        throw new IllegalArgumentException(
            "backup set " + (i + 1) + " on the media has position " + h.position());
      }
      if (i > 0) {
        BackupHeader first = done.get(0);
        h =
            h.toBuilder()
                .mediaSetId(first.mediaSetId())
                .mediaFamilyId(first.mediaFamilyId())
                .familyCount(first.familyCount())
                .familySequenceNumber(first.familySequenceNumber())
                .mediaPasswordProtected(first.mediaPasswordProtected())
                .build();
      }
      done.add(h);
    }
    return new Layout(done).encode();
  }

  /** Writes one backup set to {@code file} (zero-filled data written out, not sparse). */
  public void write(BackupHeader set, Path file) {
    encode(set).writeTo(file);
  }

  static UUID derivedMediaSet(UUID backupSet) {
    return UUID.nameUUIDFromBytes(
        ("cloudsync-synthetic-media-set:" + backupSet).getBytes(StandardCharsets.UTF_8));
  }

  static UUID derivedFork(String database) {
    return UUID.nameUUIDFromBytes(
        ("cloudsync-synthetic-fork:" + database).getBytes(StandardCharsets.UTF_8));
  }

  static long derivedFamilyId(UUID mediaSet, int family) {
    byte[] b =
        ("cloudsync-synthetic-family:" + mediaSet + ":" + family).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(b).getMostSignificantBits() >>> 32;
  }

  /** Lays the blocks of a media out one after another, tracking offsets. */
  private final class Layout {
    private final List<BackupHeader> sets;
    private final List<EncodedBlock> blocks = new ArrayList<>();
    private final List<Long> filemarks = new ArrayList<>();
    private long offset;

    Layout(List<BackupHeader> sets) {
      this.sets = sets;
    }

    SyntheticBackup encode() {
      BackupHeader media = sets.get(0);
      add(tape(media));
      addFilemark();
      for (BackupHeader h : sets) {
        addSet(h);
      }
      return new SyntheticBackup(blocks, sets);
    }

    private void add(EncodedBlock b) {
      blocks.add(b);
      offset += b.length();
    }

    private void addFilemark() {
      long at = offset;
      add(sfmb());
      filemarks.add(0, at);
    }

    private void addSet(BackupHeader h) {
      long sset = offset;
      int cb = 0;
      add(sset(h, sset));
      add(volb(h, fla(sset), ++cb));
      add(configuration("MSCI", h, false, fla(sset), ++cb));
      if (h.backupType() != BackupType.LOG) {
        add(msda(h, fla(sset), ++cb));
        add(mstl(fla(sset), ++cb, 0));
      } else if (!h.isEmptyLog()) {
        add(mstl(fla(sset), ++cb, dataBytes));
      } else {
        add(mstl(fla(sset), ++cb, -1));
      }
      add(mstl(fla(sset), ++cb, -1));
      add(configuration("MSLS", h, true, fla(sset), ++cb));
      addFilemark();
      long eset = offset;
      add(eset(h, true, 0));
      add(eset(h, false, eset));
      addFilemark();
    }

    private long fla(long sset) {
      return (offset - sset) / SET_UNIT;
    }

    private EncodedBlock tape(BackupHeader h) {
      BlockBuilder b = new BlockBuilder("TAPE", 94).attributes(0x30000).unicodeStrings();
      byte[] f = b.fields();
      MtfBytes.putU32(f, 52, h.mediaFamilyId());
      MtfBytes.putU32(f, 56, 5);
      MtfBytes.putU16(f, 60, 1);
      MtfBytes.putU16(f, 62, h.mediaPasswordProtected() ? PASSWORD_ALGORITHM : 0);
      MtfBytes.putU16(f, 64, 1);
      MtfBytes.putU16(f, 66, 3);
      MtfBytes.putU16(f, 84, SET_UNIT);
      MtfBytes.putU16(f, 86, VENDOR_MICROSOFT);
      MtfBytes.putDate(f, 88, h.backupStartDate());
      MtfBytes.putU8(f, 93, 1);
      if (h.mediaPasswordProtected()) {
        b.string(76, passwordField(h.mediaSetId()));
      }
      b.string(80, SOFTWARE_NAME);
      b.string(72, MEDIA_DESCRIPTION);
      byte[] raid = new byte[32];
      MtfBytes.putGuid(raid, 0, h.mediaSetId());
      MtfBytes.putU32(raid, 16, 0xF00000ADL);
      MtfBytes.putU16(raid, 20, h.familyCount());
      MtfBytes.putU16(raid, 22, 1);
      MtfBytes.putU16(raid, 24, h.familySequenceNumber());
      MtfBytes.putU32(raid, 28, 0x10000);
      return b.stream("RAID", 0, raid).finish(SET_UNIT);
    }

    /** 16 bytes standing in for a password hash; no password is involved. */
    private byte[] passwordField(UUID mediaSet) {
      byte[] p = new byte[16];
      ByteBuffer.wrap(p)
          .putLong(~mediaSet.getMostSignificantBits())
          .putLong(~mediaSet.getLeastSignificantBits());
      return p;
    }

    private EncodedBlock sfmb() {
      BlockBuilder b = new BlockBuilder("SFMB", SFMB_SIZE).attributes(0x80000000L);
      byte[] f = b.fields();
      int used = Math.min(filemarks.size(), SFMB_ENTRIES);
      MtfBytes.putU32(f, 52, SFMB_ENTRIES);
      MtfBytes.putU32(f, 56, used);
      MtfBytes.putU32(f, 60, 72);
      for (int i = 0; i < used; i++) {
        MtfBytes.putU64(f, 72 + 8 * i, filemarks.get(i));
      }
      return b.finishWithoutStreams(SFMB_SIZE);
    }

    private EncodedBlock sset(BackupHeader h, long at) {
      BlockBuilder b = new BlockBuilder("SSET", 122).unicodeStrings().osData(21, 100);
      byte[] f = b.fields();
      MtfBytes.putU32(f, 52, h.backupType() == BackupType.DIFFERENTIAL ? 8 : 4);
      MtfBytes.putU16(f, 60, VENDOR_MICROSOFT);
      MtfBytes.putU16(f, 62, h.position());
      MtfBytes.putU64(f, 80, at);
      MtfBytes.putDate(f, 88, h.backupStartDate());
      MtfBytes.putU8(f, 93, h.softwareVersion().major());
      MtfBytes.putU8(f, 94, h.softwareVersion().minor());
      ZoneOffset tz = h.timeZoneOffset();
      MtfBytes.putU8(f, 95, tz == null ? TIME_ZONE_UNKNOWN : tz.getTotalSeconds() / 900);
      MtfBytes.putU8(f, 97, 2);
      MtfBytes.putGuid(f, 100, h.backupSetGuid());
      return b.string(76, h.userName()).finish(SET_UNIT);
    }

    private EncodedBlock volb(BackupHeader h, long fla, int cb) {
      BlockBuilder b = new BlockBuilder("VOLB", 73).unicodeStrings().address(fla, cb);
      byte[] f = b.fields();
      MtfBytes.putU32(f, 52, 2);
      MtfBytes.putDate(f, 68, h.backupStartDate());
      b.string(56, "C:").emptyStringHere(60).string(64, h.machineName());
      return b.finish(SET_UNIT);
    }

    private EncodedBlock configuration(
        String type, BackupHeader h, boolean finalCopy, long fla, int cb) {
      return new BlockBuilder(type, 56)
          .unicodeStrings().address(fla, cb).stream(
                  "MQCI", 0, ConfigurationRecords.encode(h, finalCopy))
              .finish(SET_UNIT);
    }

    private EncodedBlock msda(BackupHeader h, long fla, int cb) {
      BlockBuilder b =
          new BlockBuilder("MSDA", 0x3C)
              .address(fla, cb)
              .alignNextStreamTo(0x3E8)
              .dataStream("MQDA", h.hasChecksums() ? 0x102 : 0x2, dataBytes);
      if (h.hasChecksums()) {
        b.stream("CSUM", 0, new byte[4]);
      }
      return b.stream("MQDA", 0x6, new byte[0]).finish(SET_UNIT);
    }

    /** An MSTL block; {@code logBytes < 0} means one without a log stream. */
    private EncodedBlock mstl(long fla, int cb, long logBytes) {
      BlockBuilder b = new BlockBuilder("MSTL", 0x250).address(fla, cb);
      if (logBytes >= 0) {
        b.alignNextStreamTo(0x3E8).dataStream("MQTL", 0, logBytes);
      }
      return b.finish(SET_UNIT);
    }

    private EncodedBlock eset(BackupHeader h, boolean first, long previousEset) {
      BlockBuilder b = new BlockBuilder("ESET", 0x58);
      byte[] f = b.fields();
      MtfBytes.putU32(f, 52, 4);
      MtfBytes.putU64(f, 60, previousEset);
      MtfBytes.putU16(f, 78, h.position());
      MtfBytes.putDate(f, 80, h.backupStartDate());
      if (first) {
        b.stream("OTCP", 0, new byte[914]).stream("TSMP", 0, new byte[202]);
      }
      return b.finish(SET_UNIT);
    }
  }
}
