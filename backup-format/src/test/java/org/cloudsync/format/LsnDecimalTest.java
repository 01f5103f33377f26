package org.cloudsync.format;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The decimal form is vlf * 10^15 + block * 10^5 + slot, printed without arithmetic overflow. */
class LsnDecimalTest {

  @Test
  void theDecimalFormOfTheExtremes() {
    assertThat(new Lsn(0, 0, 0).toDecimalString()).isEqualTo("0");
    assertThat(new Lsn(0, 0x99, 1).toDecimalString()).isEqualTo("15300001");
    assertThat(new Lsn(25, 0x99, 1).toDecimalString()).isEqualTo("25000000015300001");
    assertThat(new Lsn(1, 0, 0).toDecimalString()).isEqualTo("1000000000000000");
    assertThat(new Lsn(0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF).toDecimalString())
        .isEqualTo("4294967295429496729565535");
  }

  @Property(tries = 2000, seed = "20261126")
  void theDecimalFormIsTheSumAndParsesBack(
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long vlf,
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long block,
      @ForAll @IntRange(min = 0, max = 0xFFFF) int slot) {
    Lsn lsn = new Lsn(vlf, block, slot);
    assertThat(lsn.toDecimalString()).isEqualTo(lsn.toBigInteger().toString());
    assertThat(Lsn.parse(lsn.toDecimalString())).isEqualTo(lsn);
  }
}
