package org.cloudsync.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A zip entry's name, checked so that it can only land inside the staging directory. Only plain
 * relative names with {@code /} separators pass: no {@code ..}, no absolute path, no drive letter,
 * no backslash, no control character.
 */
record EntryPath(String name, List<String> segments) {

  private static final Set<String> NOISE_FILES =
      Set.of(".ds_store", "thumbs.db", "desktop.ini", ".localized");

  /**
   * Checks {@code name}.
   *
   * @return the checked path, never null
   * @throws UnsafeName when the name could escape the staging directory
   */
  static EntryPath parse(String name) throws UnsafeName {
    if (name.isEmpty()) {
      throw new UnsafeName("the name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new UnsafeName("the name holds control character 0x" + Integer.toHexString(c));
      }
    }
    if (name.indexOf('\\') >= 0) {
      throw new UnsafeName("the name uses a backslash, which Windows reads as a path separator");
    }
    if (name.startsWith("/")) {
      throw new UnsafeName("the name is an absolute path");
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      throw new UnsafeName("the name starts with drive letter '" + name.substring(0, 2) + "'");
    }
    List<String> segments = new ArrayList<>();
    for (String s : name.split("/")) {
      if (s.equals("..")) {
        throw new UnsafeName("the name climbs out of its directory with '..'");
      }
      if (s.getBytes(StandardCharsets.UTF_8).length > 255) {
        throw new UnsafeName("a part of the name is longer than 255 bytes");
      }
      if (!s.isEmpty() && !s.equals(".")) {
        segments.add(s);
      }
    }
    if (segments.isEmpty() && !name.endsWith("/")) {
      throw new UnsafeName("the name has no file name part");
    }
    return new EntryPath(name, List.copyOf(segments));
  }

  /** A directory entry: nothing to stage, directories are made as files need them. */
  boolean isDirectory() {
    return name.endsWith("/");
  }

  /** Metadata an operating system adds when zipping ({@code __MACOSX/}, {@code .DS_Store}...). */
  boolean isSystemMetadata() {
    if (segments.contains("__MACOSX")) {
      return true;
    }
    String last = fileName();
    return last.startsWith("._") || NOISE_FILES.contains(last.toLowerCase(Locale.ROOT));
  }

  String fileName() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  /** The name with {@code ./} parts and doubled separators removed: how the file is staged. */
  String normalized() {
    return String.join("/", segments);
  }

  /** True when the name says backup ({@code .bak}, {@code .trn}), so damage is not mistaken. */
  boolean looksLikeBackup() {
    String n = fileName().toLowerCase(Locale.ROOT);
    return n.endsWith(".bak") || n.endsWith(".trn");
  }

  /** A name refused as unsafe, with the rule it broke. */
  static final class UnsafeName extends Exception {
    UnsafeName(String rule) {
      super(rule, null, false, false);
    }
  }
}
