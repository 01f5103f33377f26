package org.cloudsync.format;

/** The database's recovery model when the backup was taken. */
public enum RecoveryModel {
  FULL,
  BULK_LOGGED,
  SIMPLE
}
