package org.cloudsync.format.mtf;

import java.util.Map;

/**
 * One MTF descriptor block: its type, where it starts, its fixed part (the bytes before its first
 * stream, header included) and the bodies of the streams the reader keeps ({@code RAID}, {@code
 * MQCI}); all other streams were skipped.
 */
record MtfBlock(String type, long offset, FieldView fixed, Map<String, FieldView> keptStreams) {}
