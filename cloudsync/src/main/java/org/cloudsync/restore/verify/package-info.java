/**
 * The verify engine, the embedded default when a center has no SQL Server: it checks every step by
 * SQL Server's rules against the state SQL Server would have and restores nothing. Its state lives
 * behind {@link org.cloudsync.restore.verify.VerifyStateStore}; the ledger-backed store should save
 * it in the same transaction as the file's {@code verified} record.
 */
package org.cloudsync.restore.verify;
