package org.cloudsync.format;

import java.util.List;

/**
 * A backup file that does not read as the format says: names the file, the MTF block (or record),
 * the byte offset and the rule that failed, e.g. {@code trn 'x_LOG_0101.trn': SSET block at 0x600:
 * header checksum 0x1a2b != 0x1a2c}.
 */
public final class BackupFormatException extends CloudsyncException {
  private final String file;
  private final String block;
  private final long offset;

  public BackupFormatException(
      ErrorCode code, String file, String block, long offset, String rule, Throwable cause) {
    super(code, format(file, block, offset, rule), hintsFor(code), cause);
    this.file = file;
    this.block = block;
    this.offset = offset;
  }

  public BackupFormatException(
      ErrorCode code, String file, String block, long offset, String rule) {
    this(code, file, block, offset, rule, null);
  }

  private static String format(String file, String block, long offset, String rule) {
    StringBuilder sb = new StringBuilder();
    sb.append('\'').append(file).append('\'');
    if (block != null) {
      sb.append(": ").append(block).append(" block");
    }
    if (offset >= 0) {
      sb.append(block != null ? " at 0x" : ": at 0x").append(Long.toHexString(offset));
    }
    sb.append(": ").append(rule);
    return sb.toString();
  }

  private static List<String> hintsFor(ErrorCode code) {
    return switch (code) {
      case TRUNCATED ->
          List.of("the file is incomplete; fetch it again or ask the sender to upload it again");
      case MTF_HEADER_CHECKSUM, MTF_STREAM_CHECKSUM, COMPRESSED_RECORD_INVALID, MTF_STRUCTURE ->
          List.of("the file is damaged; fetch it again or ask the sender for a new copy");
      case NOT_A_BACKUP -> List.of("only SQL Server backup files (.bak, .trn) can be read");
      default -> List.of();
    };
  }

  /** The file as named by the caller (a path, or {@code ZIP!ENTRY}). */
  public String file() {
    return file;
  }

  /** The MTF block type or record kind where reading failed, or null. */
  public String block() {
    return block;
  }

  /** The byte offset in the file where reading failed, or -1 when it does not apply. */
  public long offset() {
    return offset;
  }
}
