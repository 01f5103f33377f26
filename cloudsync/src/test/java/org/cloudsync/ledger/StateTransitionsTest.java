package org.cloudsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateTransitionsTest {
  @Test
  void aBackupFileGoesForwardOnlyAndEndsInAFinalState() {
    assertThat(FileState.DISCOVERED.canMoveTo(FileState.STAGED)).isTrue();
    assertThat(FileState.STAGED.canMoveTo(FileState.VALIDATED)).isTrue();
    assertThat(FileState.VALIDATED.canMoveTo(FileState.APPLIED)).isTrue();
    assertThat(FileState.VALIDATED.canMoveTo(FileState.VERIFIED)).isTrue();
    for (FileState s : FileState.values()) {
      assertThat(s.canMoveTo(FileState.DISCOVERED)).as("back to discovered from " + s).isFalse();
      assertThat(s.canMoveTo(s)).as("to itself: " + s).isFalse();
      if (s.ordinal() < FileState.APPLIED.ordinal()) {
        assertThat(s.canMoveTo(FileState.QUARANTINED)).as(s + " may be quarantined").isTrue();
        assertThat(s.canMoveTo(FileState.SKIPPED)).as(s + " may be skipped").isTrue();
        assertThat(s.isFinal()).isFalse();
      } else {
        assertThat(s.isFinal()).as(s + " is final").isTrue();
      }
    }
    // Only a validated file is applied or verified.
    assertThat(
            Arrays.stream(FileState.values())
                .filter(s -> s.canMoveTo(FileState.APPLIED) || s.canMoveTo(FileState.VERIFIED)))
        .containsExactly(FileState.VALIDATED);
    assertThat(FileState.VALIDATED.label()).isEqualTo("validated");
    assertThat(FileState.fromLabel("quarantined")).isEqualTo(FileState.QUARANTINED);
  }

  @Test
  void aBlobIsFetchedBeforeItIsUnpackedAndOnlyAFetchedOneIsFetchedAgain() {
    assertThat(BlobState.DISCOVERED.canMoveTo(BlobState.UNPACKED)).isFalse();
    assertThat(BlobState.DISCOVERED.canMoveTo(BlobState.FETCHED)).isTrue();
    assertThat(BlobState.FETCHED.canMoveTo(BlobState.UNPACKED)).isTrue();
    assertThat(BlobState.FETCHED.canMoveTo(BlobState.DISCOVERED)).isTrue();
    assertThat(Arrays.stream(BlobState.values()).filter(s -> s.canMoveTo(BlobState.DISCOVERED)))
        .containsExactly(BlobState.FETCHED);
    for (BlobState end :
        new BlobState[] {
          BlobState.UNPACKED, BlobState.IGNORED, BlobState.GONE, BlobState.QUARANTINED
        }) {
      assertThat(Arrays.stream(BlobState.values()).filter(end::canMoveTo))
          .as(end.label())
          .isEmpty();
    }
  }
}
