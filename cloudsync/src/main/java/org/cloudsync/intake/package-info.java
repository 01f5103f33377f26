/**
 * Intake: from a fetched blob to staged, validated backup files.
 *
 * <p>{@link org.cloudsync.intake.BlobUnpacker} takes one blob (a zip or a plain backup file),
 * unpacks it into the {@link org.cloudsync.intake.Staging} area and returns a {@link
 * org.cloudsync.intake.StagedBlob}: its {@link org.cloudsync.ledger.BlobKind}, one {@link
 * org.cloudsync.intake.StagedFile} per backup file (validated, or quarantined with an error code
 * and a reason) and the {@link org.cloudsync.intake.SkippedEntry entries left out}. The sync cycle
 * writes these to the ledger.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Kind by content.</b> A blob holding a validated full is an initial dump, even with logs
 *       beside it (logs taken while the dump was uploaded; the planner places them). Validated logs
 *       and no full: daily logs. Nothing validated: other. Quarantined files do not count.
 *   <li><b>Wrong type.</b> eCW sends fulls and logs; a differential is quarantined ({@code
 *       WRONG_BACKUP_TYPE}) unless the center's {@link org.cloudsync.intake.IntakeRules} accept it.
 *       A full inside a daily zip is not a wrong type: it makes the zip an initial dump.
 *   <li><b>Other database.</b> When the rules name the source database, a file of another one is
 *       quarantined ({@code OTHER_DATABASE}); names compare ignoring case, as SQL Server does.
 *   <li><b>Not a backup.</b> An entry whose bytes are not a backup is skipped and reported, unless
 *       it is named {@code .bak}/{@code .trn}: then it is a damaged backup and is quarantined.
 *       Directories, {@code __MACOSX/}, {@code ._*}, {@code .DS_Store}, {@code Thumbs.db} are
 *       skipped unread.
 *   <li><b>Not readable offline.</b> Encrypted backups and unknown compression or containers are
 *       quarantined with the reader's code and kept whole; {@link
 *       org.cloudsync.intake.StagedFile#needsServerHeader()} tells them apart for the later step
 *       that asks SQL Server.
 *   <li><b>Duplicate names in one zip.</b> The same bytes again are kept once (the second entry is
 *       reported as a duplicate); different bytes are both kept, the later as {@code name~2.ext}.
 *       The same log in two zips is staged from both (each blob has its own directory); the planner
 *       collapses them by header.
 *   <li><b>Partly bad zips.</b> Each bad entry is refused (unsafe name, bomb) or quarantined
 *       (damaged, CRC) alone and the other entries are unpacked. Only a spent total budget or a
 *       failing disk stops a zip part-way, reported as {@link
 *       org.cloudsync.intake.StagedBlob#problem()}, with everything staged before it kept. A zip
 *       without a readable central directory (truncated, corrupt) or over its declared limits is
 *       refused whole, before anything is written.
 *   <li><b>One read per entry.</b> The entry is inflated once; its bytes go to the temp file, to
 *       the CRC-32 and to the header reader together, then an atomic rename gives the final name.
 *       Zip entries' CRCs are checked by this package ({@link java.util.zip.ZipFile} does not).
 *   <li><b>Durability.</b> Staged files are not fsync'ed (neither does unzip): a killed process
 *       leaves only temp names, which the next run overwrites; after a power loss a staged file may
 *       need fetching again.
 * </ul>
 */
package org.cloudsync.intake;
