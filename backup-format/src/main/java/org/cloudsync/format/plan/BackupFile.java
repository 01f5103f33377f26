package org.cloudsync.format.plan;

import java.util.Objects;
import org.cloudsync.format.BackupHeader;

/**
 * One backup set found in one file: the planner's input. A striped set is several of these with the
 * same BackupSetGUID, one per media family.
 *
 * @param path how the file is named to a person (same form as {@code inspect}); opaque to the
 *     planner
 */
public record BackupFile(String path, BackupHeader header) {
  public BackupFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(header, "header");
  }
}
