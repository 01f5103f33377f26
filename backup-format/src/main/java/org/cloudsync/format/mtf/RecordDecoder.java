package org.cloudsync.format.mtf;

/**
 * Decompresses one record payload of a compressed backup into exactly {@code size} bytes (in
 * production MS-XCA LZ77+Huffman; tests wrap it to count what is decompressed).
 */
@FunctionalInterface
interface RecordDecoder {

  /**
   * @throws Exception when the payload is not valid for that size; the caller reports it as a
   *     damaged record
   */
  byte[] decode(byte[] in, int off, int len, int size) throws Exception;
}
