package org.cloudsync.source.azure;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals, parsed without any name lookup. */
final class InetAddresses {
  private InetAddresses() {}

  /** Whether {@code text} is an IPv4 or bracketed/plain IPv6 literal. */
  static boolean isLiteral(String text) {
    try {
      parseLiteral(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The address bytes of an IP literal; never resolves a name. */
  static byte[] parseLiteral(String text) {
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean ipv4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      throw new IllegalArgumentException("not an IP literal: " + text);
    }
    if (ipv4) {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException("not an IP literal: " + text);
        }
      }
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + text, e);
    }
  }

  /** Compares two addresses of the same length as unsigned numbers. */
  static int compare(byte[] a, byte[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
