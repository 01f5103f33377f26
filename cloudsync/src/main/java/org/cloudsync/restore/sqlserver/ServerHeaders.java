package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.BackupType;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.DatabaseFile;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.HeaderSource;
import org.cloudsync.format.Lsn;
import org.cloudsync.format.RecoveryModel;
import org.cloudsync.format.SoftwareVersion;
import org.cloudsync.restore.Refusal;

/**
 * Headers from the server, for files the offline reader cannot read (compressed with another
 * algorithm, encrypted {@code WITH ENCRYPTION}): {@code RESTORE LABELONLY} (media family), {@code
 * RESTORE HEADERONLY} (one row per backup set) and {@code RESTORE FILELISTONLY} (files and TDE
 * thumbprint of each set), mapped to {@link BackupHeader} with source {@link HeaderSource#SERVER}.
 * The rest of the cycle does not care where a header came from.
 */
public final class ServerHeaders {
  private ServerHeaders() {}

  /**
   * One backup set as the server describes it.
   *
   * @param tdeThumbprint the certificate that encrypts the set's data (FILELISTONLY's {@code
   *     TDEThumbprint}), null when not TDE-encrypted
   */
  public record ServerBackupSet(BackupHeader header, Thumbprint tdeThumbprint) {}

  static String labelOnly(String serverPath) {
    return "RESTORE LABELONLY FROM DISK = " + SqlText.string("backup file path", serverPath);
  }

  static String headerOnly(String serverPath) {
    return "RESTORE HEADERONLY FROM DISK = " + SqlText.string("backup file path", serverPath);
  }

  static String fileListOnly(String serverPath, int position) {
    return fileListOnly(List.of(serverPath), position);
  }

  /** FILELISTONLY of a set given by all its media families. */
  static String fileListOnly(List<String> serverPaths, int position) {
    StringBuilder sb = new StringBuilder("RESTORE FILELISTONLY FROM ");
    for (int i = 0; i < serverPaths.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("DISK = ").append(SqlText.string("backup file path", serverPaths.get(i)));
    }
    return sb.append(" WITH FILE = ").append(position).toString();
  }

  /** The TDE thumbprint among FILELISTONLY rows, or null when the set is not TDE-encrypted. */
  static Thumbprint tdeThumbprint(List<Row> fileRows) {
    for (Row f : fileRows) {
      byte[] tp = f.has("TDEThumbprint") ? f.bytes("TDEThumbprint") : null;
      if (tp != null && tp.length == 20) {
        return new Thumbprint(tp);
      }
    }
    return null;
  }

  /**
   * Every backup set in the file SQL Server reads at {@code serverPath}.
   *
   * @param file the file as a person knows it, for messages
   * @throws CloudsyncException with the mapped code when SQL Server cannot read it
   */
  public static List<ServerBackupSet> read(SqlSession session, String file, String serverPath) {
    try {
      List<Row> label = session.query(labelOnly(serverPath));
      List<Row> sets = session.query(headerOnly(serverPath));
      List<ServerBackupSet> out = new ArrayList<>();
      for (Row set : sets) {
        int position = set.integer("Position");
        List<Row> files = session.query(fileListOnly(serverPath, position));
        out.add(map(file, label.isEmpty() ? null : label.get(0), set, files));
      }
      return out;
    } catch (SQLException e) {
      Refusal r = ServerErrors.map(e, List.of());
      throw new CloudsyncException(
          r.code(),
          "'" + file + "': SQL Server cannot read its header: " + r.reason(),
          r.hints(),
          null);
    }
  }

  /** FILELISTONLY rows as database files (type {@code L} is a log file). */
  static List<DatabaseFile> databaseFiles(List<Row> fileRows) {
    List<DatabaseFile> files = new ArrayList<>();
    for (Row f : fileRows) {
      String t = f.string("Type");
      int groupId = "L".equals(t) ? 0 : f.integer("FileGroupId");
      files.add(
          new DatabaseFile(
              f.integer("FileId"),
              groupId,
              f.string("LogicalName"),
              f.string("PhysicalName"),
              f.longValue("Size")));
    }
    return files;
  }

  static ServerBackupSet map(String file, Row label, Row set, List<Row> fileRows) {
    int code = set.integer("BackupType");
    BackupType type;
    try {
      type = BackupType.fromHeaderOnlyCode(code);
    } catch (IllegalArgumentException e) {
      throw new CloudsyncException(
          ErrorCode.UNSUPPORTED_CONTAINER,
          "'"
              + file
              + "': backup type "
              + code
              + " ("
              + set.string("BackupTypeDescription")
              + ") is neither full, differential nor log",
          "cloudsync restores database, differential and log backups only");
    }
    List<DatabaseFile> files = databaseFiles(fileRows);
    String recovery = set.string("RecoveryModel");
    BackupHeader.Builder b =
        BackupHeader.builder()
            .source(HeaderSource.SERVER)
            .position(set.integer("Position"))
            .backupType(type)
            .databaseName(set.string("DatabaseName"))
            .serverName(set.string("ServerName"))
            .machineName(set.string("MachineName"))
            .userName(set.string("UserName"))
            .firstLsn(set.lsn("FirstLSN"))
            .lastLsn(set.lsn("LastLSN"))
            .checkpointLsn(set.lsn("CheckpointLSN"))
            .databaseBackupLsn(orZero(set.lsn("DatabaseBackupLSN")))
            .differentialBaseLsn(
                type == BackupType.DIFFERENTIAL ? set.lsn("DifferentialBaseLSN") : null)
            .differentialBaseGuid(
                type == BackupType.DIFFERENTIAL ? set.uuid("DifferentialBaseGUID") : null)
            .backupStartDate(set.dateTime("BackupStartDate"))
            .backupFinishDate(set.dateTime("BackupFinishDate"))
            .backupSetGuid(set.uuid("BackupSetGUID"))
            .recoveryForkId(set.uuid("RecoveryForkID"))
            .recoveryModel(
                recovery == null ? null : RecoveryModel.valueOf(recovery.replace('-', '_')))
            .softwareVersion(
                new SoftwareVersion(
                    set.integer("SoftwareVersionMajor"),
                    set.integer("SoftwareVersionMinor"),
                    set.integer("SoftwareVersionBuild")))
            .hasChecksums(Boolean.TRUE.equals(set.bool("HasBackupChecksums")))
            .compressed(Boolean.TRUE.equals(set.bool("Compressed")))
            .copyOnly(set.bool("IsCopyOnly"))
            .backupSize(set.longValue("BackupSize"))
            .compressedBackupSize(set.longValue("CompressedBackupSize"))
            .files(files);
    if (label != null) {
      b.familyCount(label.integer("FamilyCount"))
          .familySequenceNumber(label.integer("FamilySequenceNumber"))
          .mediaSetId(label.uuid("MediaSetId"));
    }
    return new ServerBackupSet(b.build(), tdeThumbprint(fileRows));
  }

  private static Lsn orZero(Lsn l) {
    return l == null ? Lsn.ZERO : l;
  }
}
