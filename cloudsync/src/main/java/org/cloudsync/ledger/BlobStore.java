package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * The blobs of every center, one row per version (center, name, etag): recording the same listing
 * twice changes nothing, so nothing is fetched twice. State changes check {@link
 * BlobState#canMoveTo} under a row lock, in one transaction.
 */
public final class BlobStore {
  private static final String COLUMNS =
      "id, center_id, name, etag, size_bytes, content_md5, last_modified, first_seen, kind, state,"
          + " reason, error_code, staged_path, updated_at";

  private final Ledger ledger;

  public BlobStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records a listed blob version as {@code discovered}, or returns the existing record when this
   * version (same name and etag) is known already. Call it outside a transaction: when another
   * process inserts the same version at the same moment, the losing insert is rolled back and the
   * winner's record returned.
   */
  public BlobRecord recordListed(CenterId center, BlobVersion version) {
    Optional<BlobRecord> known = find(center, version.name(), version.etag());
    if (known.isPresent()) {
      return known.get();
    }
    try {
      return ledger.inTransaction(c -> insert(c, center, version));
    } catch (CloudsyncException e) {
      // Another process recorded it between the look-up and the insert: theirs stands.
      if (e.getCause() instanceof SQLException s && Rows.isUniqueViolation(s)) {
        return find(center, version.name(), version.etag()).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private BlobRecord insert(Connection c, CenterId center, BlobVersion v) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ledger.clock());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO blobs (center_id, name, etag, size_bytes, content_md5, last_modified,"
                + " first_seen, kind, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            PreparedStatement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, center.value());
      ps.setString(2, v.name());
      ps.setString(3, v.etag());
      ps.setLong(4, v.size());
      ps.setString(5, v.contentMd5());
      Rows.setTime(ps, 6, v.lastModified());
      Rows.setTime(ps, 7, now);
      ps.setString(8, BlobKind.UNCLASSIFIED.label());
      ps.setString(9, BlobState.DISCOVERED.label());
      Rows.setTime(ps, 10, now);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return get(c, keys.getLong(1));
      }
    }
  }

  /** The record of one blob version, if known. */
  public Optional<BlobRecord> find(CenterId center, String name, String etag) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM blobs WHERE center_id = ? AND name = ? AND etag = ?")) {
            ps.setString(1, center.value());
            ps.setString(2, name);
            ps.setString(3, etag);
            return one(ps);
          }
        });
  }

  /** The record with this id, if any. */
  public Optional<BlobRecord> find(long id) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM blobs WHERE id = ?")) {
            ps.setLong(1, id);
            return one(ps);
          }
        });
  }

  /** Every blob of {@code center}, oldest first. */
  public List<BlobRecord> list(CenterId center) {
    return query(
        "SELECT " + COLUMNS + " FROM blobs WHERE center_id = ? ORDER BY first_seen, id",
        center,
        null);
  }

  /** The blobs of {@code center} in {@code state}, oldest first. */
  public List<BlobRecord> list(CenterId center, BlobState state) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM blobs WHERE center_id = ? AND state = ? ORDER BY first_seen, id",
        center,
        state);
  }

  private List<BlobRecord> query(String sql, CenterId center, BlobState state) {
    return ledger.inTransaction(
        c ->
            state == null
                ? Rows.list(c, sql, BlobStore::read, center.value())
                : Rows.list(c, sql, BlobStore::read, center.value(), state.label()));
  }

  /** Records what the blob holds. */
  public BlobRecord classify(long id, BlobKind kind) {
    return ledger.inTransaction(
        c -> {
          lock(c, id);
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE blobs SET kind = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, kind.label());
            Rows.setTime(ps, 2, OffsetDateTime.now(ledger.clock()));
            ps.setLong(3, id);
            ps.executeUpdate();
          }
          return get(c, id);
        });
  }

  /**
   * Moves the blob to {@code next}, with the reason and error code (null when none) and the staged
   * path (null keeps the current one).
   *
   * @throws CloudsyncException {@code STATE_TRANSITION_INVALID} when the move is not allowed
   */
  public BlobRecord moveTo(
      long id, BlobState next, String reason, ErrorCode errorCode, String stagedPath) {
    return ledger.inTransaction(
        c -> {
          StateMove.BLOBS.move(
              c, id, next, reason, errorCode, stagedPath, OffsetDateTime.now(ledger.clock()));
          return get(c, id);
        });
  }

  private static BlobState lock(Connection c, long id) throws SQLException {
    return StateMove.BLOBS.lock(c, id);
  }

  private static BlobRecord get(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM blobs WHERE id = ?")) {
      ps.setLong(1, id);
      return one(ps).orElseThrow();
    }
  }

  private static Optional<BlobRecord> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static BlobRecord read(ResultSet rs) throws SQLException {
    return new BlobRecord(
        rs.getLong("id"),
        new CenterId(rs.getString("center_id")),
        new BlobVersion(
            rs.getString("name"),
            rs.getString("etag"),
            rs.getLong("size_bytes"),
            rs.getString("content_md5"),
            Rows.time(rs, "last_modified")),
        Rows.time(rs, "first_seen"),
        BlobKind.fromLabel(rs.getString("kind")),
        BlobState.fromLabel(rs.getString("state")),
        rs.getString("reason"),
        rs.getString("error_code"),
        rs.getString("staged_path"),
        Rows.time(rs, "updated_at"));
  }
}
