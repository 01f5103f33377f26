package org.cloudsync.format;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one backup set is: the fields of {@code RESTORE HEADERONLY} that cloudsync relies on, plus
 * the file list of {@code RESTORE FILELISTONLY}. Independent of where it came from ({@link
 * #source()}): the offline reader, a SQL Server, or code.
 *
 * <p>Nullable components are those a source may not know; {@link #unknownFields()} names, in the
 * {@code headers.tsv} column spelling, every field the source could not determine.
 *
 * @param position the set's position on its media, the {@code FILE = n} of {@code RESTORE}
 * @param backupStartDate local wall-clock time of the server that took the backup
 * @param timeZoneOffset the offset the backup set appears to carry (SSET), null when unknown
 * @param differentialBaseLsn only for differentials (null otherwise, as HEADERONLY's NULL)
 * @param differentialBaseGuid only for differentials
 * @param baseBackupSetGuid the most recent full's BackupSetGUID recorded in a log or diff
 * @param mediaFamilyId the media family's id (differs per stripe), null when unknown
 * @param copyOnly null when the source cannot tell
 */
public record BackupHeader(
    HeaderSource source,
    int position,
    BackupType backupType,
    String databaseName,
    String serverName,
    String machineName,
    String userName,
    Lsn firstLsn,
    Lsn lastLsn,
    Lsn checkpointLsn,
    Lsn databaseBackupLsn,
    Lsn differentialBaseLsn,
    UUID differentialBaseGuid,
    UUID baseBackupSetGuid,
    LocalDateTime backupStartDate,
    LocalDateTime backupFinishDate,
    ZoneOffset timeZoneOffset,
    int familyCount,
    int familySequenceNumber,
    Long mediaFamilyId,
    UUID mediaSetId,
    UUID backupSetGuid,
    UUID recoveryForkId,
    RecoveryModel recoveryModel,
    SoftwareVersion softwareVersion,
    boolean hasChecksums,
    boolean mediaPasswordProtected,
    boolean compressed,
    Boolean copyOnly,
    Long backupSize,
    Long compressedBackupSize,
    List<DatabaseFile> files,
    Set<String> unknownFields) {

  public BackupHeader {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(backupType, "backupType");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(firstLsn, "firstLsn");
    Objects.requireNonNull(lastLsn, "lastLsn");
    Objects.requireNonNull(backupSetGuid, "backupSetGuid");
    if (position < 1) {
      throw new IllegalArgumentException("position must be at least 1: " + position);
    }
    if (familyCount < 1 || familySequenceNumber < 1 || familySequenceNumber > familyCount) {
      throw new IllegalArgumentException(
          "media family " + familySequenceNumber + " of " + familyCount + " is impossible");
    }
    files = files == null ? List.of() : List.copyOf(files);
    unknownFields = unknownFields == null ? Set.of() : Set.copyOf(unknownFields);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A log backup holding no log records ({@code FirstLSN == LastLSN}). */
  public boolean isEmptyLog() {
    return backupType == BackupType.LOG && firstLsn.equals(lastLsn);
  }

  /** The start time as an instant, when the time-zone offset is known. */
  public OffsetDateTime backupStartInstant() {
    return backupStartDate == null || timeZoneOffset == null
        ? null
        : backupStartDate.atOffset(timeZoneOffset);
  }

  /** The finish time as an instant, when the time-zone offset is known. */
  public OffsetDateTime backupFinishInstant() {
    return backupFinishDate == null || timeZoneOffset == null
        ? null
        : backupFinishDate.atOffset(timeZoneOffset);
  }

  /** Builds headers in code: for the synthetic writer, tests, and server-reported headers. */
  public static final class Builder {
    private HeaderSource source = HeaderSource.SYNTHETIC;
    private int position = 1;
    private BackupType backupType;
    private String databaseName;
    private String serverName;
    private String machineName;
    private String userName;
    private Lsn firstLsn;
    private Lsn lastLsn;
    private Lsn checkpointLsn;
    private Lsn databaseBackupLsn = Lsn.ZERO;
    private Lsn differentialBaseLsn;
    private UUID differentialBaseGuid;
    private UUID baseBackupSetGuid;
    private LocalDateTime backupStartDate;
    private LocalDateTime backupFinishDate;
    private ZoneOffset timeZoneOffset;
    private int familyCount = 1;
    private int familySequenceNumber = 1;
    private Long mediaFamilyId;
    private UUID mediaSetId;
    private UUID backupSetGuid;
    private UUID recoveryForkId;
    private RecoveryModel recoveryModel = RecoveryModel.FULL;
    private SoftwareVersion softwareVersion;
    private boolean hasChecksums;
    private boolean mediaPasswordProtected;
    private boolean compressed;
    private Boolean copyOnly;
    private Long backupSize;
    private Long compressedBackupSize;
    private List<DatabaseFile> files = List.of();
    private Set<String> unknownFields = Set.of();

    private Builder() {}

    private Builder(BackupHeader h) {
      source = h.source;
      position = h.position;
      backupType = h.backupType;
      databaseName = h.databaseName;
      serverName = h.serverName;
      machineName = h.machineName;
      userName = h.userName;
      firstLsn = h.firstLsn;
      lastLsn = h.lastLsn;
      checkpointLsn = h.checkpointLsn;
      databaseBackupLsn = h.databaseBackupLsn;
      differentialBaseLsn = h.differentialBaseLsn;
      differentialBaseGuid = h.differentialBaseGuid;
      baseBackupSetGuid = h.baseBackupSetGuid;
      backupStartDate = h.backupStartDate;
      backupFinishDate = h.backupFinishDate;
      timeZoneOffset = h.timeZoneOffset;
      familyCount = h.familyCount;
      familySequenceNumber = h.familySequenceNumber;
      mediaFamilyId = h.mediaFamilyId;
      mediaSetId = h.mediaSetId;
      backupSetGuid = h.backupSetGuid;
      recoveryForkId = h.recoveryForkId;
      recoveryModel = h.recoveryModel;
      softwareVersion = h.softwareVersion;
      hasChecksums = h.hasChecksums;
      mediaPasswordProtected = h.mediaPasswordProtected;
      compressed = h.compressed;
      copyOnly = h.copyOnly;
      backupSize = h.backupSize;
      compressedBackupSize = h.compressedBackupSize;
      files = h.files;
      unknownFields = h.unknownFields;
    }

    public Builder source(HeaderSource v) {
      source = v;
      return this;
    }

    public Builder position(int v) {
      position = v;
      return this;
    }

    public Builder backupType(BackupType v) {
      backupType = v;
      return this;
    }

    public Builder databaseName(String v) {
      databaseName = v;
      return this;
    }

    public Builder serverName(String v) {
      serverName = v;
      return this;
    }

    public Builder machineName(String v) {
      machineName = v;
      return this;
    }

    public Builder userName(String v) {
      userName = v;
      return this;
    }

    public Builder firstLsn(Lsn v) {
      firstLsn = v;
      return this;
    }

    public Builder lastLsn(Lsn v) {
      lastLsn = v;
      return this;
    }

    public Builder checkpointLsn(Lsn v) {
      checkpointLsn = v;
      return this;
    }

    public Builder databaseBackupLsn(Lsn v) {
      databaseBackupLsn = v;
      return this;
    }

    public Builder differentialBaseLsn(Lsn v) {
      differentialBaseLsn = v;
      return this;
    }

    public Builder differentialBaseGuid(UUID v) {
      differentialBaseGuid = v;
      return this;
    }

    public Builder baseBackupSetGuid(UUID v) {
      baseBackupSetGuid = v;
      return this;
    }

    public Builder backupStartDate(LocalDateTime v) {
      backupStartDate = v;
      return this;
    }

    public Builder backupFinishDate(LocalDateTime v) {
      backupFinishDate = v;
      return this;
    }

    public Builder timeZoneOffset(ZoneOffset v) {
      timeZoneOffset = v;
      return this;
    }

    public Builder familyCount(int v) {
      familyCount = v;
      return this;
    }

    public Builder familySequenceNumber(int v) {
      familySequenceNumber = v;
      return this;
    }

    public Builder mediaFamilyId(Long v) {
      mediaFamilyId = v;
      return this;
    }

    public Builder mediaSetId(UUID v) {
      mediaSetId = v;
      return this;
    }

    public Builder backupSetGuid(UUID v) {
      backupSetGuid = v;
      return this;
    }

    public Builder recoveryForkId(UUID v) {
      recoveryForkId = v;
      return this;
    }

    public Builder recoveryModel(RecoveryModel v) {
      recoveryModel = v;
      return this;
    }

    public Builder softwareVersion(SoftwareVersion v) {
      softwareVersion = v;
      return this;
    }

    public Builder hasChecksums(boolean v) {
      hasChecksums = v;
      return this;
    }

    public Builder mediaPasswordProtected(boolean v) {
      mediaPasswordProtected = v;
      return this;
    }

    public Builder compressed(boolean v) {
      compressed = v;
      return this;
    }

    public Builder copyOnly(Boolean v) {
      copyOnly = v;
      return this;
    }

    public Builder backupSize(Long v) {
      backupSize = v;
      return this;
    }

    public Builder compressedBackupSize(Long v) {
      compressedBackupSize = v;
      return this;
    }

    public Builder files(List<DatabaseFile> v) {
      files = v;
      return this;
    }

    public Builder unknownFields(Set<String> v) {
      unknownFields = v;
      return this;
    }

    public BackupHeader build() {
      return new BackupHeader(
          source,
          position,
          backupType,
          databaseName,
          serverName,
          machineName,
          userName,
          firstLsn,
          lastLsn,
          checkpointLsn == null ? firstLsn : checkpointLsn,
          databaseBackupLsn,
          differentialBaseLsn,
          differentialBaseGuid,
          baseBackupSetGuid,
          backupStartDate,
          backupFinishDate == null ? backupStartDate : backupFinishDate,
          timeZoneOffset,
          familyCount,
          familySequenceNumber,
          mediaFamilyId,
          mediaSetId,
          backupSetGuid,
          recoveryForkId,
          recoveryModel,
          softwareVersion,
          hasChecksums,
          mediaPasswordProtected,
          compressed,
          copyOnly,
          backupSize,
          compressedBackupSize,
          files,
          unknownFields);
    }
  }
}
