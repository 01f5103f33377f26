/**
 * The replay: each center's engine ({@link org.cloudsync.replay.Engines}), where it stands ({@link
 * org.cloudsync.replay.StatusReader}), and the apply phase the sync cycle runs after planning.
 */
package org.cloudsync.replay;
