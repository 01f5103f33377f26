/**
 * Registered SQL Server instances ({@code cloudsync server ...}): their settings and encrypted
 * credentials ({@link org.cloudsync.server.Servers}), and the one {@link
 * org.cloudsync.restore.sqlserver.SqlServerEngine} per instance the replay cycle restores with.
 */
package org.cloudsync.server;
