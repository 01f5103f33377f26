package org.cloudsync.format.mtf;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;

/**
 * Turns one backup set's blocks into a {@link BackupHeader}: the media from {@code TAPE} and its
 * {@code RAID} stream, the set from its own {@code SSET}, {@code VOLB}, {@code MSCI} and the
 * trailing {@code MSLS}, whose copy of the configuration holds the final values.
 *
 * <p>Where each field is, and how sure we are. <b>Verified</b> means it matches what SQL Server
 * reported (public test-suite texts, restore results) or the corpus's {@code headers.tsv} for every
 * file with a cross-check outside the parser; <b>inferred</b> means it fits every sample but has no
 * SQL Server confirmation.
 *
 * <ul>
 *   <li>TAPE: media family id u32 @52 (inferred: differs per stripe); password encryption algorithm
 *       u16 @62, non-zero only in the media-password sample (inferred); MTF major version u8 @93, 1
 *       everywhere (MTF 1.00a).
 *   <li>RAID stream body: media set id GUID @0 (inferred); family count u16 @20 and family sequence
 *       number u16 @24 (verified on stripes 1/2 and 2/2).
 *   <li>SSET: attributes u32 @52, 8 differential, 4 normal (verified; only the differential bit is
 *       checked against the SCIN type, as copy-only backups may set others); position u16 @62
 *       (inferred: 1 in every uncompressed sample, 1 and 2 in the compressed one); user name
 *       string @76 (inferred); software major/minor u8 @93/@94 (equal to the SCIN version
 *       everywhere); the time zone, signed 8-bit @95 (0x5F) in 15-minute units east of UTC, 127
 *       meaning unknown (inferred from MTF 1.00a and the samples: 0, 4 and 8 only; a UK set reads 0
 *       in December and 4 in April to October); BackupSetGUID @100 (verified: diffs and logs point
 *       at it).
 *   <li>VOLB: machine name string @64 (inferred).
 *   <li>SCIN record (MSLS copy): flags u32 @0x08, 0x10 = page checksums (inferred); version build
 *       u16 @0x18, minor u8 @0x1A, major u8 @0x1B (verified); First/Last/Checkpoint/DatabaseBackup
 *       LSN @0x20/0x2A/0x34/0x3E (verified); start date @0x4D (verified), finish date @0x52 (MSLS
 *       copy only; inferred); type character @0x57 D/I/L (verified); backup size u64 @0x60
 *       (inferred); database and server name strings @0x68/@0x6C (verified); recovery fork
 *       GUID @0x9C (inferred); base full's BackupSetGUID @0xC8 (verified); status u16 @0xF4, bit
 *       0x08 = SIMPLE, 0x04 = BULK_LOGGED (inferred); differential base LSN/GUID @0x104/@0x110
 *       (verified on diffs); compressed backup size u64 @0x158 (inferred).
 *   <li>SFIN records: file id u32 @0x14, filegroup id u32 @0x24, size u64 @0x28, logical and
 *       physical name strings @0x30/@0x34 (all inferred).
 * </ul>
 *
 * <p>Not determined offline, so listed in {@link BackupHeader#unknownFields()}: {@code copy_only}
 * always (no sample; MTF's SSET copy bit 0x2 is a hypothesis only), {@code time_zone_offset} when
 * the byte says unknown, and any optional field the file leaves empty ({@code machine_name}, {@code
 * user_name}, {@code server_name}, {@code recovery_fork_id}, {@code base_backup_set_guid}). The
 * compatibility level (SCIN u8 @0x5B, 100 in every sample) is not carried: {@link BackupHeader} has
 * no field for it.
 */
final class SetAssembler {
  private static final int SSET_DIFFERENTIAL = 0x8;
  private static final int MTF_UNICODE = 2;
  private static final int TZ_UNKNOWN = 127;
  private static final int TZ_LIMIT = 14 * 4;

  private SetAssembler() {}

  /** The media-level facts shared by every set on one media. */
  record Media(
      long familyId,
      boolean passwordProtected,
      UUID mediaSetId,
      int familyCount,
      int familySequenceNumber) {}

  static Media media(MtfBlock tape) {
    FieldView t = tape.fixed();
    int mtfMajor = t.u8(93, "mtf major version");
    if (mtfMajor != 1) {
      throw new OfflineUnreadable(
          ErrorCode.UNSUPPORTED_CONTAINER,
          "TAPE block at 0x0: mtf major version " + mtfMajor + ", only 1 is known");
    }
    requireUnicode(tape);
    long familyId = t.u32(52, "media family id");
    boolean password = t.u16(62, "password encryption algorithm") != 0;
    FieldView raid = tape.keptStreams().get("RAID");
    if (raid == null) {
      throw tape.fixed().invalid("no RAID stream (media set id, family count)");
    }
    UUID mediaSetId = raid.guid(0, "media set id");
    int count = raid.u16(20, "family count");
    int sequence = raid.u16(24, "family sequence number");
    if (count < 1 || sequence < 1 || sequence > count) {
      throw raid.invalid("media family " + sequence + " of " + count + " is impossible");
    }
    return new Media(familyId, password, mediaSetId, count, sequence);
  }

  static BackupHeader assemble(
      Media media, MtfBlock sset, MtfBlock volb, MtfBlock msci, MtfBlock msls, boolean compressed) {
    requireUnicode(sset);
    FieldView s = sset.fixed();
    long attributes = s.u32(52, "SSET attributes");
    int position = s.u16(62, "position (data set number)");
    if (position < 1) {
      throw s.invalid("position 0: sets are numbered from 1");
    }
    int ssetMajor = s.u8(93, "software major version");
    int ssetMinor = s.u8(94, "software minor version");
    int tz = s.s8(95, "time zone");
    UUID backupSetGuid = s.guid(100, "backup set guid");
    String userName = s.utf16(76, "user name");

    String machineName = null;
    if (volb != null) {
      requireUnicode(volb);
      machineName = volb.fixed().utf16(64, "machine name");
    }

    ConfigRecords provisional = ConfigRecords.parse(mqci(msci));
    ConfigRecords fin = ConfigRecords.parse(mqci(msls));
    FieldView c = fin.scin();

    char typeChar = (char) c.u8(0x57, "backup type");
    BackupType type = BackupType.fromMtfCode(typeChar);
    if (type == null) {
      throw new OfflineUnreadable(
          ErrorCode.UNSUPPORTED_CONTAINER,
          "MSLS block at 0x"
              + Long.toHexString(msls.offset())
              + ": backup type '"
              + printable(typeChar)
              + "' is not a full (D), differential (I) or log (L) backup");
    }
    boolean diffBit = (attributes & SSET_DIFFERENTIAL) != 0;
    if (diffBit != (type == BackupType.DIFFERENTIAL)) {
      throw s.invalid(
          "attributes 0x"
              + Long.toHexString(attributes)
              + " do not match backup type '"
              + typeChar
              + "' of the set's configuration record");
    }

    int build = c.u16(0x18, "software build");
    int minor = c.u8(0x1A, "software minor version");
    int major = c.u8(0x1B, "software major version");
    if (major != ssetMajor || minor != ssetMinor) {
      throw c.invalid(
          "software version "
              + major
              + "."
              + minor
              + " differs from the SSET block's "
              + ssetMajor
              + "."
              + ssetMinor);
    }
    String databaseName = c.utf16(0x68, "database name");
    if (databaseName == null || databaseName.isEmpty()) {
      throw c.invalid("the database name is empty");
    }
    String serverName = c.utf16(0x6C, "server name");
    crossCheck(provisional.scin(), c, msci, databaseName, serverName);
    long flags = c.u32(0x08, "flags");
    int status = c.u16(0xF4, "database status");
    RecoveryModel recovery =
        (status & 0x08) != 0
            ? RecoveryModel.SIMPLE
            : (status & 0x04) != 0 ? RecoveryModel.BULK_LOGGED : RecoveryModel.FULL;
    LocalDateTime start = c.mtfDate(0x4D, "backup start date");
    LocalDateTime finish = c.mtfDate(0x52, "backup finish date");
    if (start == null || finish == null) {
      throw c.invalid("the backup " + (start == null ? "start" : "finish") + " date is zero");
    }

    UUID recoveryForkId = c.guidOrNull(0x9C, "recovery fork id");
    Set<String> unknown = new LinkedHashSet<>();
    unknown.add("copy_only");
    ZoneOffset offset = null;
    if (tz == TZ_UNKNOWN || tz < -TZ_LIMIT || tz > TZ_LIMIT) {
      unknown.add("time_zone_offset");
    } else {
      offset = ZoneOffset.ofTotalSeconds(tz * 15 * 60);
    }

    BackupHeader.Builder b =
        BackupHeader.builder()
            .source(HeaderSource.OFFLINE)
            .position(position)
            .backupType(type)
            .databaseName(databaseName)
            .serverName(serverName)
            .machineName(machineName)
            .userName(userName)
            .firstLsn(c.lsn(0x20, "first lsn"))
            .lastLsn(c.lsn(0x2A, "last lsn"))
            .checkpointLsn(c.lsn(0x34, "checkpoint lsn"))
            .databaseBackupLsn(c.lsn(0x3E, "database backup lsn"))
            .backupStartDate(start)
            .backupFinishDate(finish)
            .timeZoneOffset(offset)
            .familyCount(media.familyCount())
            .familySequenceNumber(media.familySequenceNumber())
            .mediaFamilyId(media.familyId())
            .mediaSetId(media.mediaSetId())
            .backupSetGuid(backupSetGuid)
            .recoveryForkId(recoveryForkId)
            .recoveryModel(recovery)
            .softwareVersion(new SoftwareVersion(major, minor, build))
            .hasChecksums((flags & 0x10) != 0)
            .mediaPasswordProtected(media.passwordProtected())
            .compressed(compressed)
            .copyOnly(null)
            .backupSize(c.u64(0x60, "backup size"))
            .compressedBackupSize(c.u64(0x158, "compressed backup size"))
            .files(files(fin));
    UUID baseBackupSetGuid = null;
    if (type != BackupType.FULL) {
      baseBackupSetGuid = c.guidOrNull(0xC8, "base backup set guid");
      b.baseBackupSetGuid(baseBackupSetGuid);
    }
    if (type == BackupType.DIFFERENTIAL) {
      Lsn base = c.lsn(0x104, "differential base lsn");
      UUID baseGuid = c.guidOrNull(0x110, "differential base guid");
      if (base.isZero() || baseGuid == null) {
        throw c.invalid("a differential backup without a differential base lsn and guid");
      }
      b.differentialBaseLsn(base).differentialBaseGuid(baseGuid);
    }
    if (machineName == null) {
      unknown.add("machine_name");
    }
    if (userName == null) {
      unknown.add("user_name");
    }
    if (serverName == null) {
      unknown.add("server_name");
    }
    if (recoveryForkId == null) {
      unknown.add("recovery_fork_id");
    }
    if (type != BackupType.FULL && baseBackupSetGuid == null) {
      unknown.add("base_backup_set_guid");
    }
    return b.unknownFields(unknown).build();
  }

  private static FieldView mqci(MtfBlock block) {
    FieldView body = block.keptStreams().get("MQCI");
    if (body == null) {
      throw block.fixed().invalid("no MQCI stream (sql server configuration)");
    }
    return body;
  }

  /**
   * The provisional (MSCI) and final (MSLS) copies must describe the same backup: the fields fixed
   * when a backup starts must agree byte for byte (a checkpoint during a long backup may move the
   * others). In every corpus file the two copies differ only in finish date and sizes.
   */
  private static final int[][] FIXED_AT_START = {
    {0x18, 4}, // software version
    {0x20, 10}, // first lsn
    {0x3E, 10}, // database backup lsn
    {0x48, 10}, // database creation date, backup start date
    {0x57, 1}, // backup type
    {0x9C, 16}, // recovery fork id
    {0xC8, 16}, // base full backup's set guid
    {0x104, 28}, // differential base lsn and guid
  };

  private static void crossCheck(
      FieldView first, FieldView last, MtfBlock msci, String databaseName, String serverName) {
    for (int[] r : FIXED_AT_START) {
      for (int i = 0; i < r[1]; i++) {
        if (first.u8(r[0] + i, "configuration field") != last.u8(r[0] + i, "configuration field")) {
          throw last.invalid(
              "the field at +0x"
                  + Integer.toHexString(r[0])
                  + " differs from the MSCI block's copy at 0x"
                  + Long.toHexString(msci.offset())
                  + ": the two configuration copies describe different backups");
        }
      }
    }
    String firstDatabase = first.utf16(0x68, "database name");
    if (!Objects.equals(firstDatabase, databaseName)) {
      throw last.invalid(
          "database name differs from the MSCI block's copy at 0x"
              + Long.toHexString(msci.offset()));
    }
    String firstServer = first.utf16(0x6C, "server name");
    if (!Objects.equals(firstServer, serverName)) {
      throw last.invalid(
          "server name differs from the MSCI block's copy at 0x" + Long.toHexString(msci.offset()));
    }
  }

  private static List<DatabaseFile> files(ConfigRecords records) {
    List<DatabaseFile> files = new ArrayList<>();
    for (FieldView f : records.files()) {
      long id = f.u32(0x14, "file id");
      long group = f.u32(0x24, "filegroup id");
      if (id > Integer.MAX_VALUE || group > Integer.MAX_VALUE) {
        throw f.invalid("file id " + id + " or filegroup id " + group + " out of range");
      }
      String logical = f.utf16(0x30, "logical name");
      String physical = f.utf16(0x34, "physical name");
      if (logical == null) {
        throw f.invalid("file " + id + " has no logical name");
      }
      files.add(
          new DatabaseFile((int) id, (int) group, logical, physical, f.u64(0x28, "file size")));
    }
    return files;
  }

  private static void requireUnicode(MtfBlock block) {
    int stringType = block.fixed().u8(48, "string type");
    if (stringType != MTF_UNICODE) {
      throw new OfflineUnreadable(
          ErrorCode.UNSUPPORTED_CONTAINER,
          block.type()
              + " block at 0x"
              + Long.toHexString(block.offset())
              + ": string type "
              + stringType
              + ", only 2 (UTF-16) is known");
    }
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c);
  }
}
