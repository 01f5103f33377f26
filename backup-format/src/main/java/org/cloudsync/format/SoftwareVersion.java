package org.cloudsync.format;

/** The SQL Server version that wrote a backup, e.g. 10.50.1600 (2008 R2) or 13.0.5081 (2016). */
public record SoftwareVersion(int major, int minor, int build)
    implements Comparable<SoftwareVersion> {

  public static SoftwareVersion parse(String text) {
    String[] p = text.strip().split("\\.");
    if (p.length != 3) {
      throw new IllegalArgumentException(
          "not a version: '" + text + "' (expected major.minor.build)");
    }
    return new SoftwareVersion(
        Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
  }

  @Override
  public int compareTo(SoftwareVersion o) {
    int c = Integer.compare(major, o.major);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(minor, o.minor);
    return c != 0 ? c : Integer.compare(build, o.build);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + build;
  }
}
