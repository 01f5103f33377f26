package org.cloudsync.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.format.BackupHeader;

/**
 * Shares the parts that the headers of one zip's backups have in common (names, the file list, the
 * server's version, the fork and the base they follow) so that each header holds its own LSNs,
 * dates and identity but not another copy of those. The headers of a zip stay in memory until the
 * zip is recorded; a day's log backups repeat the same database, server and files in every header,
 * which is most of a header's size. One interner serves one zip: values seen once cost what they
 * cost before.
 */
final class HeaderInterner {
  private final Map<Object, Object> seen = new HashMap<>();

  List<BackupHeader> intern(List<BackupHeader> sets) {
    return sets.stream().map(this::intern).toList();
  }

  BackupHeader intern(BackupHeader h) {
    return h.toBuilder()
        .databaseName(shared(h.databaseName()))
        .serverName(shared(h.serverName()))
        .machineName(shared(h.machineName()))
        .userName(shared(h.userName()))
        .databaseBackupLsn(shared(h.databaseBackupLsn()))
        .differentialBaseLsn(shared(h.differentialBaseLsn()))
        .differentialBaseGuid(shared(h.differentialBaseGuid()))
        .baseBackupSetGuid(shared(h.baseBackupSetGuid()))
        .recoveryForkId(shared(h.recoveryForkId()))
        .softwareVersion(shared(h.softwareVersion()))
        .files(shared(h.files()))
        .unknownFields(shared(h.unknownFields()))
        .build();
  }

  @SuppressWarnings("unchecked")
  private <T> T shared(T value) {
    return value == null ? null : (T) seen.computeIfAbsent(value, v -> v);
  }
}
