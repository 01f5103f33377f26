package org.cloudsync.restore.sqlserver;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The target instance's version and edition, from {@code SERVERPROPERTY}.
 *
 * @param productVersion e.g. {@code 15.0.2000.5}
 * @param major e.g. 15 (SQL Server 2019)
 * @param minor e.g. 0 (50 for 2008 R2)
 * @param engineEdition {@code SERVERPROPERTY('EngineEdition')}: 2 Standard, 3 Enterprise (also
 *     Developer and Evaluation), 4 Express, 5 Azure SQL Database, 8 Managed Instance, ...
 * @param edition e.g. {@code Developer Edition (64-bit)}
 */
public record ServerInfo(
    String productVersion, int major, int minor, int engineEdition, String edition) {

  static final String QUERY =
      "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS ProductVersion,"
          + " CAST(SERVERPROPERTY('EngineEdition') AS int) AS EngineEdition,"
          + " CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS Edition";

  /** Enterprise, Developer or Evaluation. */
  public static final int ENTERPRISE = 3;

  public ServerInfo {
    Objects.requireNonNull(productVersion, "productVersion");
  }

  static ServerInfo read(SqlSession session) throws SQLException {
    List<Row> rows = session.query(QUERY);
    Row r = rows.get(0);
    return fromRow(r);
  }

  static ServerInfo fromRow(Row r) {
    String v = r.string("ProductVersion");
    String[] parts = v.split("\\.");
    return new ServerInfo(
        v,
        Integer.parseInt(parts[0]),
        parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
        r.integer("EngineEdition"),
        r.string("Edition"));
  }

  /** Whether {@code RESTORE ... FROM DISK} exists here (not on Azure SQL Database and kin). */
  public boolean restoresFromDisk() {
    return engineEdition >= 1 && engineEdition <= 4;
  }

  /** {@code SQL Server 2019 (15.0.2000.5, Developer Edition (64-bit))}. */
  public String describe() {
    return VersionRules.productName(major, minor) + " (" + productVersion + ", " + edition + ")";
  }
}
