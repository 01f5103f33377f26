/**
 * Microsoft's LZ77+Huffman decompression ([MS-XCA] section 2.2.4), which SQL Server uses for
 * backups taken {@code WITH COMPRESSION} (its {@code MS_XPRESS} algorithm). The API is {@link
 * org.cloudsync.format.xpress.XpressHuffmanDecoder} and its typed failure {@link
 * org.cloudsync.format.xpress.XpressFormatException}; everything else is package-private.
 */
package org.cloudsync.format.xpress;
