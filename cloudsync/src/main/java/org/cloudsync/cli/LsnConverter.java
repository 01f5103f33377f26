package org.cloudsync.cli;

import org.cloudsync.format.Lsn;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an LSN option in decimal ({@code 25000000015300001}) or hex ({@code 19:99:1}) form. */
final class LsnConverter implements ITypeConverter<Lsn> {
  @Override
  public Lsn convert(String value) {
    try {
      return Lsn.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
