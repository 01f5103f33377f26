package org.cloudsync.center;

import java.util.List;

/** A center after an add or edit, with notes for the operator (e.g. from the SAS URL check). */
public record CenterChange(Center center, List<String> notes) {
  public CenterChange {
    notes = List.copyOf(notes);
  }
}
