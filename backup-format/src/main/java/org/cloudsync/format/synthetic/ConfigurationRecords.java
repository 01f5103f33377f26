package org.cloudsync.format.synthetic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;

/**
 * The body of an {@code MQCI} stream: SQL Server's configuration records for one backup set, one
 * {@code SCIN}, one {@code SFGI} per filegroup, one {@code SFIN} per database file, laid out as SQL
 * Server 2008 R2 lays them out. Offsets are those of the format document.
 *
 * <p>The {@code MSCI} copy is provisional (written before the backup ran): no finish date and no
 * sizes. The {@code MSLS} copy is final.
 */
final class ConfigurationRecords {
  private static final int SCIN_FIXED = 0x16C;
  private static final int SFGI_FIXED = 0x30;
  private static final int SFIN_FIXED = 0x400;
  private static final int FLAG_BASE = 0x200;
  private static final int FLAG_DIFFERENTIAL = 0x800;
  private static final int FLAG_CHECKSUMS = 0x10;
  private static final int STATUS_TRUNCATE_LOG_ON_CHECKPOINT = 0x08;
  private static final int STATUS_SELECT_INTO_BULKCOPY = 0x04;
  private static final int SORT_ORDER = 0x34;
  private static final int LOCALE_EN_US = 0x409;
  private static final int COMPARISON_STYLE = 0x30001;
  private static final int PAGE_SIZE = 8192;

  /** Synthetic databases are all "created" at this time; the header does not carry it. */
  static final LocalDateTime DATABASE_CREATION = LocalDateTime.of(2000, 1, 1, 0, 0);

  private ConfigurationRecords() {}

  static byte[] encode(BackupHeader h, boolean finalCopy) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(scin(h, finalCopy));
    SortedSet<Integer> groups = new TreeSet<>();
    for (DatabaseFile f : h.files()) {
      if (!f.isLog()) {
        groups.add(f.fileGroupId());
      }
    }
    for (int group : groups) {
      out.writeBytes(sfgi(group));
    }
    for (DatabaseFile f : h.files()) {
      out.writeBytes(sfin(h, f, finalCopy));
    }
    return out.toByteArray();
  }

  private static byte[] scin(BackupHeader h, boolean finalCopy) {
    byte[] db = MtfBytes.utf16(h.databaseName());
    byte[] server = MtfBytes.utf16(h.serverName());
    byte[] r = new byte[SCIN_FIXED + db.length + server.length];
    MtfBytes.putAscii(r, 0, "SCIN");
    MtfBytes.putU32(r, 0x04, r.length);
    int flags = FLAG_BASE;
    if (h.backupType() == BackupType.DIFFERENTIAL) {
      flags |= FLAG_DIFFERENTIAL;
    }
    if (h.hasChecksums()) {
      flags |= FLAG_CHECKSUMS;
    }
    MtfBytes.putU32(r, 0x08, flags);
    MtfBytes.putU32(r, 0x0C, 1);
    MtfBytes.putU32(r, 0x10, 1);
    MtfBytes.putU32(r, 0x14, h.databaseName().hashCode());
    SoftwareVersion v = h.softwareVersion();
    MtfBytes.putU16(r, 0x18, v.build());
    MtfBytes.putU8(r, 0x1A, v.minor());
    MtfBytes.putU8(r, 0x1B, v.major());
    MtfBytes.putU32(r, 0x1C, 9);
    h.firstLsn().toBytes(r, 0x20);
    h.lastLsn().toBytes(r, 0x2A);
    h.checkpointLsn().toBytes(r, 0x34);
    h.databaseBackupLsn().toBytes(r, 0x3E);
    MtfBytes.putDate(r, 0x48, DATABASE_CREATION);
    MtfBytes.putDate(r, 0x4D, h.backupStartDate());
    if (finalCopy) {
      MtfBytes.putDate(r, 0x52, h.backupFinishDate());
    }
    r[0x57] = (byte) h.backupType().mtfCode();
    MtfBytes.putU8(r, 0x58, SORT_ORDER);
    MtfBytes.putU8(r, 0x59, 1);
    MtfBytes.putU8(r, 0x5B, 100);
    MtfBytes.putU16(r, 0x5C, 0x10);
    MtfBytes.putU16(r, 0x5E, databaseVersion(v));
    if (finalCopy) {
      MtfBytes.putU64(r, 0x60, h.backupSize());
    }
    int strings = SCIN_FIXED;
    MtfBytes.putU16(r, 0x68, db.length);
    MtfBytes.putU16(r, 0x6A, strings);
    System.arraycopy(db, 0, r, strings, db.length);
    strings += db.length;
    MtfBytes.putU16(r, 0x6C, server.length);
    MtfBytes.putU16(r, 0x6E, strings);
    System.arraycopy(server, 0, r, strings, server.length);
    MtfBytes.putU32(r, 0x74, LOCALE_EN_US);
    MtfBytes.putU32(r, 0x78, COMPARISON_STYLE);
    MtfBytes.putGuid(r, 0x7C, databaseGuid(h.databaseName()));
    h.lastLsn().toBytes(r, 0x90);
    MtfBytes.putGuid(r, 0x9C, h.recoveryForkId());
    if (h.baseBackupSetGuid() != null) {
      MtfBytes.putGuid(r, 0xC8, h.baseBackupSetGuid());
    }
    MtfBytes.putU16(r, 0xD8, LOCALE_EN_US);
    MtfBytes.putU16(r, 0xDA, 0xD0);
    MtfBytes.putU32(r, 0xDC, SORT_ORDER);
    MtfBytes.putGuid(r, 0xE0, h.recoveryForkId());
    MtfBytes.putU16(r, 0xF2, 1);
    MtfBytes.putU16(r, 0xF4, status(h.recoveryModel()));
    MtfBytes.putU16(r, 0xF6, 1);
    if (h.differentialBaseLsn() != null) {
      h.differentialBaseLsn().toBytes(r, 0x104);
    }
    if (h.differentialBaseGuid() != null) {
      MtfBytes.putGuid(r, 0x110, h.differentialBaseGuid());
    }
    if (finalCopy) {
      MtfBytes.putU64(r, 0x158, h.compressedBackupSize());
    }
    return r;
  }

  private static int status(RecoveryModel model) {
    return switch (model) {
      case FULL -> 0;
      case BULK_LOGGED -> STATUS_SELECT_INTO_BULKCOPY;
      case SIMPLE -> STATUS_TRUNCATE_LOG_ON_CHECKPOINT | 0x01;
    };
  }

  /** SQL Server's internal database version for a release (661 for 2008 R2, 852 for 2016). */
  private static int databaseVersion(SoftwareVersion v) {
    return switch (v.major()) {
      case 9 -> 611;
      case 10 -> v.minor() >= 50 ? 661 : 655;
      case 11 -> 706;
      case 12 -> 782;
      case 13 -> 852;
      case 14 -> 869;
      case 15 -> 904;
      default -> 957;
    };
  }

  /** A stable id per database name, standing in for SQL Server's database GUID. */
  static UUID databaseGuid(String databaseName) {
    return UUID.nameUUIDFromBytes(
        ("cloudsync-synthetic-database:" + databaseName).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sfgi(int groupId) {
    byte[] name = MtfBytes.utf16(groupId == 1 ? "PRIMARY" : "FG" + groupId);
    byte[] r = new byte[SFGI_FIXED + name.length];
    MtfBytes.putAscii(r, 0, "SFGI");
    MtfBytes.putU32(r, 0x04, r.length);
    MtfBytes.putU32(r, 0x08, 0x10);
    MtfBytes.putU32(r, 0x0C, 1);
    MtfBytes.putU16(r, 0x10, name.length);
    MtfBytes.putU16(r, 0x12, SFGI_FIXED);
    MtfBytes.putU32(r, 0x14, groupId);
    System.arraycopy(name, 0, r, SFGI_FIXED, name.length);
    return r;
  }

  private static byte[] sfin(BackupHeader h, DatabaseFile f, boolean finalCopy) {
    byte[] logical = MtfBytes.utf16(f.logicalName());
    byte[] physical = MtfBytes.utf16(f.physicalName());
    byte[] r = new byte[SFIN_FIXED + logical.length + physical.length];
    MtfBytes.putAscii(r, 0, "SFIN");
    MtfBytes.putU32(r, 0x04, r.length);
    MtfBytes.putU32(r, 0x08, f.isLog() ? 0x0C : 0x84);
    MtfBytes.putU32(r, 0x10, PAGE_SIZE);
    MtfBytes.putU32(r, 0x14, f.fileId());
    MtfBytes.putU32(r, 0x1C, f.isLog() ? 2 : 1);
    MtfBytes.putU32(r, 0x20, 512);
    MtfBytes.putU32(r, 0x24, f.fileGroupId());
    MtfBytes.putU64(r, 0x28, f.sizeBytes());
    MtfBytes.putU16(r, 0x30, logical.length);
    MtfBytes.putU16(r, 0x32, SFIN_FIXED);
    MtfBytes.putU16(r, 0x34, physical.length);
    MtfBytes.putU16(r, 0x36, SFIN_FIXED + logical.length);
    MtfBytes.putU64(r, 0x56, f.isLog() ? 0x200_0000_0000L : 0x1FFF_FFFF_E000L);
    MtfBytes.putU32(r, 0x60, f.isLog() ? 0 : 0x10);
    if (finalCopy && !f.isLog()) {
      Lsn baseLsn = h.backupType() == BackupType.FULL ? h.checkpointLsn() : h.differentialBaseLsn();
      UUID baseGuid =
          h.backupType() == BackupType.FULL ? h.backupSetGuid() : h.differentialBaseGuid();
      if (h.backupType() != BackupType.LOG && baseLsn != null && baseGuid != null) {
        baseLsn.toBytes(r, 0x9E);
        MtfBytes.putGuid(r, 0xAA, baseGuid);
      }
    }
    MtfBytes.putGuid(
        r,
        0xBA,
        UUID.nameUUIDFromBytes(
            ("cloudsync-synthetic-file:" + h.databaseName() + ":" + f.fileId())
                .getBytes(StandardCharsets.UTF_8)));
    h.lastLsn().toBytes(r, 0xDA);
    h.checkpointLsn().toBytes(r, 0xEA);
    if (finalCopy) {
      MtfBytes.putU64(r, 0xFA, f.isLog() ? 0 : f.sizeBytes());
    }
    System.arraycopy(logical, 0, r, SFIN_FIXED, logical.length);
    System.arraycopy(physical, 0, r, SFIN_FIXED + logical.length, physical.length);
    return r;
  }
}
