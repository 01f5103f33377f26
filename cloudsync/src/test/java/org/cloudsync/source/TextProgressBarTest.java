package org.cloudsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextProgressBarTest {
  @Test
  void drawsInPlaceAndEndsTheLineWhenDone() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextProgressBar bar =
        new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "a.bak", true);

    bar.progress(0, 2 * 1048576);
    bar.progress(2 * 1048576, 2 * 1048576);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\ra.bak [").contains("  0% 0.0 MiB/2.0 MiB");
    assertThat(out)
        .contains("\ra.bak [" + "#".repeat(30) + "] 100% 2.0 MiB/2.0 MiB")
        .endsWith(System.lineSeparator());
  }

  @Test
  void drawsNothingWhenDisabled() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextProgressBar bar =
        new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "a.bak", false);
    bar.progress(5, 10);
    bar.progress(10, 10);
    assertThat(bytes.size()).isZero();
  }

  @Test
  void rendersHalfway() {
    TextProgressBar bar = new TextProgressBar(System.err, "x", false);
    assertThat(bar.render(50, 100))
        .isEqualTo("\rx [" + "#".repeat(15) + " ".repeat(15) + "]  50% 0.0 MiB/0.0 MiB");
  }

  @Test
  void aPercentageBarShowsNoBytesAndEndsALineLeftOpen() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextProgressBar bar =
        TextProgressBar.percentages(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), "restoring a.bak", true);
    assertThat(bar.render(40, 100))
        .isEqualTo("\rrestoring a.bak [" + "#".repeat(12) + " ".repeat(18) + "]  40%");
    bar.end();
    assertThat(bytes.size()).as("nothing drawn, nothing to end").isZero();
    bar.progress(40, 100);
    bar.end();
    bar.end();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(bar.render(40, 100) + System.lineSeparator());
  }
}
