package org.cloudsync.restore.sqlserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * Where SQL Server sees the files cloudsync staged: {@code LOCAL=REMOTE} pairs such as {@code
 * /srv/cloudsync/staging=\\fileserver\staging} (a Windows server reading an SMB share) or {@code
 * /srv/cloudsync/staging=/var/opt/mssql/staging} (a container volume). The longest matching local
 * directory wins; the rest of the path is appended with the remote side's separator ({@code \} when
 * the remote directory is a Windows path: a drive letter or a {@code \\server\share}). With no
 * pairs the server sees the local path as it is.
 */
public final class PathMap {
  private final List<Entry> entries;

  private record Entry(List<String> local, String localText, String remote, boolean windows) {}

  private PathMap(List<Entry> entries) {
    this.entries = entries;
  }

  /** No mapping: SQL Server runs on this machine and sees the same paths. */
  public static PathMap identity() {
    return new PathMap(List.of());
  }

  /**
   * Parses {@code LOCAL=REMOTE} pairs (split at the first {@code =}).
   *
   * @throws CloudsyncException {@code USAGE} naming the malformed pair
   */
  public static PathMap parse(List<String> pairs) {
    List<Entry> entries = new ArrayList<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new CloudsyncException(
            ErrorCode.USAGE,
            "path map '" + pair + "' is not LOCAL=REMOTE",
            "give the local staging directory, '=', then the same directory as SQL Server sees"
                + " it, e.g. /srv/staging=\\\\fileserver\\staging");
      }
      String local = pair.substring(0, eq);
      String remote = pair.substring(eq + 1);
      SqlText.checkPrintable("path map", pair);
      entries.add(new Entry(components(local), local, remote, isWindows(remote)));
    }
    entries.sort(Comparator.comparingInt((Entry e) -> e.local().size()).reversed());
    return new PathMap(List.copyOf(entries));
  }

  /**
   * The path by which SQL Server reads the local file {@code local}.
   *
   * @throws CloudsyncException {@code PATH_NOT_MAPPED} when pairs are configured and none covers
   *     the file
   */
  public String toServer(Path local) {
    String text = local.toAbsolutePath().normalize().toString();
    if (entries.isEmpty()) {
      return text;
    }
    List<String> parts = components(text);
    for (Entry e : entries) {
      if (parts.size() >= e.local().size()
          && parts.subList(0, e.local().size()).equals(e.local())) {
        StringBuilder sb = new StringBuilder(e.remote());
        String sep = e.windows() ? "\\" : "/";
        for (String p : parts.subList(e.local().size(), parts.size())) {
          if (sb.length() > 0 && !endsWithSeparator(sb)) {
            sb.append(sep);
          }
          sb.append(p);
        }
        return sb.toString();
      }
    }
    List<String> locals = entries.stream().map(Entry::localText).toList();
    throw new CloudsyncException(
        ErrorCode.PATH_NOT_MAPPED,
        "staged file '" + text + "' lies under none of the mapped directories " + locals,
        "add --path-map LOCAL=REMOTE for the directory holding it, as SQL Server sees it");
  }

  private static boolean endsWithSeparator(StringBuilder sb) {
    char c = sb.charAt(sb.length() - 1);
    return c == '/' || c == '\\';
  }

  /** A Windows path: {@code X:...} or {@code \\server\share}, or backslashes without slashes. */
  static boolean isWindows(String path) {
    if (path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':') {
      return true;
    }
    return path.startsWith("\\\\") || (path.indexOf('\\') >= 0 && path.indexOf('/') < 0);
  }

  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String p : path.split("[/\\\\]+")) {
      if (!p.isEmpty() && !p.equals(".")) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return entries.stream().map(e -> e.localText() + "=" + e.remote()).toList().toString();
  }
}
