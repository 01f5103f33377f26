/**
 * The ledger: what cloudsync has seen and done, so that nothing is fetched twice, skipped or lost.
 *
 * <p>{@link org.cloudsync.ledger.Ledger} opens the database (H2 file by default, PostgreSQL by JDBC
 * URL) and applies the Flyway migrations in {@code db/migration}. One store per role works on it
 * with plain JDBC: {@link org.cloudsync.ledger.CenterStore} (health centers, contacts, onboarding
 * checklist), {@link org.cloudsync.ledger.BlobStore} (one row per blob version: center, name,
 * etag), {@link org.cloudsync.ledger.BackupFileStore} (one row per backup file: center, blob,
 * entry) and {@link org.cloudsync.ledger.RunStore}. Unique constraints in the schema back the
 * "recorded once" rule; state changes check {@link org.cloudsync.ledger.BlobState#canMoveTo} and
 * {@link org.cloudsync.ledger.FileState#canMoveTo} under a row lock, each in one transaction, and
 * {@link org.cloudsync.ledger.Ledger#inTransaction} joins nested work into one.
 */
package org.cloudsync.ledger;
