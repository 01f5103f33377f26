/**
 * The sync cycle: for each health center, the phases {@link org.cloudsync.sync.DiscoverPhase
 * discover} → {@link org.cloudsync.sync.FetchPhase fetch} → {@link org.cloudsync.sync.UnpackPhase
 * unpack} → {@link org.cloudsync.sync.ValidatePhase validate} → {@link org.cloudsync.sync.PlanPhase
 * plan}, run by {@link org.cloudsync.sync.SyncCycle} and reported as a {@link
 * org.cloudsync.sync.SyncReport}, then (with {@link org.cloudsync.sync.SyncCycle#withReplay}) the
 * apply phase of {@link org.cloudsync.replay.ApplyPhase}.
 *
 * <h2>Every phase resumes from the ledger</h2>
 *
 * A phase reads the rows in the state it starts from and moves each one on, one transaction per
 * row, after the file operation it records is durable (staged files are written through a temp name
 * and renamed). A process killed anywhere leaves rows in the state of the last finished step, and
 * the next run simply continues:
 *
 * <pre>
 * blob:  discovered ──fetch──▶ fetched ──unpack──▶ unpacked | ignored (not a backup)
 *            │                    │                          | quarantined (bad zip, bad plain file)
 *            └──▶ gone (deleted or replaced before download)  └──▶ discovered (staged copy lost)
 * file:  discovered ──unpack──▶ staged ──validate──▶ validated | quarantined (reason, code)
 *            └──▶ quarantined (damaged entry, unsafe name, CRC)
 * </pre>
 *
 * A file only SQL Server can read (encrypted, other compression) stays {@code staged} with the
 * reader's code as its reason: it waits for a header from the server (next issue), and is neither
 * validated nor quarantined.
 *
 * <p>A downloaded zip is removed once its blob is {@code unpacked} (its files are staged); a
 * quarantined blob's download is kept as the evidence.
 *
 * <p>Blob rows are unique by (center, name, etag) and file rows by (center, blob, entry), so a
 * repeated step finds its row instead of adding one.
 */
package org.cloudsync.sync;
