package org.cloudsync.restore;

/** Where a database stands, in SQL Server's terms. */
public enum DatabaseStatus {
  /** No database of that name exists. */
  ABSENT,
  /** {@code RESTORING}: restored {@code WITH NORECOVERY}; more backups can be applied. */
  RESTORING,
  /** {@code ONLINE} and {@code is_in_standby}: readable, and more logs can still be applied. */
  STANDBY,
  /** {@code ONLINE} and recovered: no further log or differential can be applied. */
  ONLINE
}
