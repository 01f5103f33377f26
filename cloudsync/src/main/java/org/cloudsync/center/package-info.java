/**
 * Health centers: the {@link org.cloudsync.center.Centers} service (add, list, get, edit, pause,
 * resume, remove, checklist) that the command line and the web layer share. Secrets are sealed with
 * {@link org.cloudsync.config.SecretBox} before they reach the ledger; {@link
 * org.cloudsync.center.Center} carries none of them.
 */
package org.cloudsync.center;
