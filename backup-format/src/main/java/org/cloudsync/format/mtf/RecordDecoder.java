package org.cloudsync.format.mtf;

/** Decompresses one record payload of a compressed backup into exactly {@code size} bytes. */
@FunctionalInterface
interface RecordDecoder {

  /**
   * @throws IllegalArgumentException (or any runtime exception) when the payload is not valid
   */
  byte[] decode(byte[] in, int off, int len, int size) throws Exception;
}
