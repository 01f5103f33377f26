package org.cloudsync.format.mtf;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of an {@code MQCI} stream: SQL Server's configuration records, each a 4-character tag
 * and a u32 total length (verified on every corpus file): one {@code SCIN} (the backup set) first,
 * then {@code SFGI} per filegroup and {@code SFIN} per database file. Other tags are skipped.
 */
record ConfigRecords(FieldView scin, List<FieldView> files) {
  private static final int RECORD_HEADER = 8;

  static ConfigRecords parse(FieldView mqci) {
    FieldView scin = null;
    List<FieldView> files = new ArrayList<>();
    int at = 0;
    while (mqci.length() - at >= RECORD_HEADER) {
      if (mqci.u32(at, "record tag") == 0) {
        break; // zero padding after the last record
      }
      String tag = mqci.tag(at, "record tag");
      long length = mqci.u32(at + 4, "record length");
      if (length < RECORD_HEADER || length > mqci.length() - at) {
        throw mqci.invalid(
            tag
                + " record at +0x"
                + Integer.toHexString(at)
                + " has length 0x"
                + Long.toHexString(length)
                + ", outside 8..0x"
                + Integer.toHexString(mqci.length() - at));
      }
      FieldView record = mqci.slice(at, (int) length, tag, "record", " at MQCI+0x");
      if (tag.equals("SCIN")) {
        if (scin != null) {
          throw mqci.invalid("a second SCIN record at +0x" + Integer.toHexString(at));
        }
        scin = record;
      } else if (tag.equals("SFIN")) {
        files.add(record);
      }
      at += (int) length;
    }
    if (scin == null) {
      throw mqci.invalid("no SCIN (backup set) record");
    }
    return new ConfigRecords(scin, List.copyOf(files));
  }
}
