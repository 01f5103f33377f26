/**
 * One process at a time per health center: {@link org.cloudsync.lock.CenterLocks} hands out a
 * {@link org.cloudsync.lock.CenterLock} that the sync cycle holds for a center's whole pass, or
 * refuses with {@code CENTER_BUSY} naming the {@link org.cloudsync.lock.LockHolder}.
 *
 * <p>The lock is an operating-system file lock on {@code <home>/locks/<center>.lock} and, when the
 * ledger is PostgreSQL (which several hosts may share), also a PostgreSQL advisory lock. Both end
 * with the process holding them, even when it is killed, so a lock is never stale and there is
 * nothing to clean up by hand.
 */
package org.cloudsync.lock;
