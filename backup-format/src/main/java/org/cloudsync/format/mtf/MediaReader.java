package org.cloudsync.format.mtf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cloudsync.format.BackupHeader;
import org.cloudsync.format.ErrorCode;

/**
 * Reads one MTF media front to back and returns a header per backup set, each built from that set's
 * own blocks.
 *
 * <p>Block order seen in every sample: {@code TAPE(RAID) SFMB}, then per set {@code SSET VOLB
 * MSCI(MQCI) [MSDA…] MSTL… MSLS(MQCI) SFMB ESET ESET SFMB}. Inside a set the known blocks must come
 * in that order (only {@code MSDA} and {@code MSTL} repeat, {@code VOLB} may be absent), so that
 * blocks with valid checksums in the wrong place, such as a swapped {@code MSCI} and {@code MSTL},
 * are a structure error and not a header. A media ends cleanly only right after an {@code SFMB}
 * that follows a set's {@code ESET}; ending anywhere else is a truncation. Blocks of a file backup
 * ({@code DIRB}, {@code FILE}, …: another program's MTF) make the media an unsupported container;
 * unknown block types inside a set are passed over.
 */
final class MediaReader {
  private static final Set<String> FILE_BACKUP_BLOCKS =
      Set.of("DIRB", "FILE", "CFIL", "ESPB", "EOTM");

  /** A set's blocks before its ESET, in their order. */
  private static final List<String> SET_ORDER =
      List.of("SSET", "VOLB", "MSCI", "MSDA", "MSTL", "MSLS", "SFMB");

  private static final String ORDER_RULE =
      "a set's blocks run SSET VOLB MSCI [MSDA…] MSTL… MSLS SFMB ESET";

  private final BlockWalker walker;
  private final boolean compressed;

  MediaReader(BlockWalker walker, boolean compressed) {
    this.walker = walker;
    this.compressed = compressed;
  }

  List<BackupHeader> read() throws IOException {
    ReadContext ctx = walker.context();
    MtfBlock tape = walker.next();
    if (tape == null || !tape.type().equals("TAPE") || tape.offset() != 0) {
      throw ctx.fail(
          ErrorCode.MTF_STRUCTURE,
          tape == null ? null : tape.type(),
          0,
          "expected a TAPE block first");
    }
    SetAssembler.Media media = SetAssembler.media(tape);
    List<BackupHeader> sets = new ArrayList<>();
    OpenSet open = null;
    String last = "TAPE";
    while (true) {
      MtfBlock block = walker.next();
      if (block == null) {
        if (open == null && !sets.isEmpty() && last.equals("SFMB")) {
          return sets;
        }
        String where =
            open != null
                ? "inside backup set " + (sets.size() + 1) + " (no " + open.missing() + ")"
                : sets.isEmpty() ? "before the first backup set" : "after an ESET without its SFMB";
        throw ctx.fail(
            ErrorCode.TRUNCATED,
            null,
            walker.position(),
            "the data ends at a block boundary " + where);
      }
      String type = block.type();
      if (FILE_BACKUP_BLOCKS.contains(type)) {
        throw new OfflineUnreadable(
            ErrorCode.UNSUPPORTED_CONTAINER,
            type
                + " block at 0x"
                + Long.toHexString(block.offset())
                + ": an mtf file backup (another program's tape format), not a sql server backup");
      }
      switch (type) {
        case "SFMB" -> {
          if (open != null) {
            open.advance(ctx, block);
          }
        }
        case "SSET" -> {
          if (open != null) {
            throw structure(ctx, block, "a new set starts before the previous set's ESET");
          }
          open = new OpenSet(block);
        }
        case "VOLB" -> requireOpen(ctx, open, block).advance(ctx, block).volb = block;
        case "MSCI" -> requireOpen(ctx, open, block).advance(ctx, block).msci = block;
        case "MSDA", "MSTL" -> requireOpen(ctx, open, block).advance(ctx, block);
        case "MSLS" -> requireOpen(ctx, open, block).advance(ctx, block).msls = block;
        case "ESET" -> {
          if (open != null) {
            if (open.msci == null || open.msls == null) {
              throw structure(ctx, block, "the set ends without its " + open.missing());
            }
            BackupHeader set =
                SetAssembler.assemble(
                    media, open.sset, open.volb, open.msci, open.msls, compressed);
            if (!sets.isEmpty() && set.position() <= sets.get(sets.size() - 1).position()) {
              throw ctx.fail(
                  ErrorCode.MTF_FIELD_INVALID,
                  "SSET",
                  open.sset.offset(),
                  "position "
                      + set.position()
                      + " does not follow the previous set's position "
                      + sets.get(sets.size() - 1).position());
            }
            sets.add(set);
            open = null;
          } else if (sets.isEmpty()) {
            throw structure(ctx, block, "an ESET before any SSET");
          }
        }
        case "TAPE" -> throw structure(ctx, block, "a second TAPE block");
        default -> requireOpen(ctx, open, block);
      }
      last = type;
    }
  }

  private static OpenSet requireOpen(ReadContext ctx, OpenSet open, MtfBlock block) {
    if (open == null) {
      throw structure(ctx, block, "block outside a backup set (no SSET before it)");
    }
    return open;
  }

  private static RuntimeException structure(ReadContext ctx, MtfBlock block, String rule) {
    return ctx.fail(ErrorCode.MTF_STRUCTURE, block.type(), block.offset(), rule);
  }

  /** The blocks of the set being read. */
  private static final class OpenSet {
    final MtfBlock sset;
    MtfBlock volb;
    MtfBlock msci;
    MtfBlock msls;

    /** The last block of {@link #SET_ORDER} seen, by its index there. */
    private int stage;

    OpenSet(MtfBlock sset) {
      this.sset = sset;
    }

    /**
     * Checks that {@code block}, one of {@link #SET_ORDER} after the SSET, may follow the blocks
     * seen so far, and makes it the last one seen.
     */
    OpenSet advance(ReadContext ctx, MtfBlock block) {
      String type = block.type();
      int rank = SET_ORDER.indexOf(type);
      String last = SET_ORDER.get(stage);
      if (rank < stage) {
        throw structure(
            ctx, block, type + " block after the set's " + last + " block: " + ORDER_RULE);
      }
      if (rank == stage && !type.equals("MSDA") && !type.equals("MSTL")) {
        throw structure(ctx, block, "a second " + type + " block in one set: " + ORDER_RULE);
      }
      if (rank > SET_ORDER.indexOf("MSCI") && msci == null) {
        throw structure(ctx, block, type + " block before the set's MSCI block: " + ORDER_RULE);
      }
      if (type.equals("SFMB") && msls == null) {
        throw structure(ctx, block, "SFMB block before the set's MSLS block: " + ORDER_RULE);
      }
      stage = rank;
      return this;
    }

    String missing() {
      return msci == null ? "MSCI block" : msls == null ? "MSLS block" : "ESET block";
    }
  }
}
