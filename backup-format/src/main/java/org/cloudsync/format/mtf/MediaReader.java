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
 * MSCI(MQCI) [MSDA…] MSTL… MSLS(MQCI) SFMB ESET ESET SFMB}. A media ends cleanly only right after
 * an {@code SFMB} that follows a set's {@code ESET}; ending anywhere else is a truncation. Blocks
 * of a file backup ({@code DIRB}, {@code FILE}, …: another program's MTF) make the media an
 * unsupported container; unknown block types inside a set are passed over.
 */
final class MediaReader {
  private static final Set<String> FILE_BACKUP_BLOCKS =
      Set.of("DIRB", "FILE", "CFIL", "ESPB", "EOTM");

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
        case "SFMB" -> {}
        case "SSET" -> {
          if (open != null) {
            throw structure(ctx, block, "a new set starts before the previous set's ESET");
          }
          open = new OpenSet(block);
        }
        case "VOLB" -> requireOpen(ctx, open, block).volb = block;
        case "MSCI" -> {
          OpenSet set = requireOpen(ctx, open, block);
          if (set.msci != null) {
            throw structure(ctx, block, "a second MSCI block in one set");
          }
          set.msci = block;
        }
        case "MSLS" -> requireOpen(ctx, open, block).msls = block;
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

    OpenSet(MtfBlock sset) {
      this.sset = sset;
    }

    String missing() {
      return msci == null ? "MSCI block" : msls == null ? "MSLS block" : "ESET block";
    }
  }
}
