/**
 * The SQL Server engine ({@link org.cloudsync.restore.sqlserver.SqlServerEngine}) over mssql-jdbc,
 * and what surrounds it: the {@code RESTORE} statements ({@link
 * org.cloudsync.restore.sqlserver.RestoreStatements}), position reconciliation, version and edition
 * rules, TDE ({@link org.cloudsync.restore.sqlserver.Tde}), re-baseline statements ({@link
 * org.cloudsync.restore.sqlserver.Rebaseline}), the service login's permissions ({@link
 * org.cloudsync.restore.sqlserver.PermissionCheck}) and path mapping ({@link
 * org.cloudsync.restore.sqlserver.PathMap}). Every statement goes through the {@link
 * org.cloudsync.restore.sqlserver.SqlSession} seam, which tests script since no SQL Server can run
 * on the build machines; the gated suite runs the real thing.
 */
package org.cloudsync.restore.sqlserver;
