package org.cloudsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** The health centers, their contacts and onboarding checklists. */
public final class CenterStore {
  private static final String COLUMNS =
      "id, name, time_zone, database_name, expected_upload, paused, source_kind,"
          + " source_directory, sas_url_encrypted, sas_url_redacted, public_ip, tde_certificate,"
          + " tde_cert_thumbprint, tde_private_key_encrypted, tde_password_encrypted, created_at,"
          + " updated_at";

  private final Ledger ledger;

  public CenterStore(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Adds a center with its contacts, in one transaction.
   *
   * @throws CloudsyncException {@code CENTER_EXISTS} when the id is taken
   */
  public void insert(CenterRow row, List<Contact> contacts) {
    try {
      ledger.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO centers ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              ps.setString(1, row.id().value());
              bind(ps, row, 2);
              ps.executeUpdate();
            }
            writeContacts(c, row.id(), contacts);
            return null;
          });
    } catch (CloudsyncException e) {
      if (e.getCause() instanceof SQLException s && Rows.isUniqueViolation(s)) {
        throw exists(row.id());
      }
      throw e;
    }
  }

  static CloudsyncException exists(CenterId id) {
    return new CloudsyncException(
        ErrorCode.CENTER_EXISTS,
        "health center '" + id + "' exists already",
        "change it with 'cloudsync center edit " + id + "', or choose another id");
  }

  /**
   * Replaces every column but the id and creation time.
   *
   * @throws CloudsyncException {@code CENTER_NOT_FOUND}
   */
  public void update(CenterRow row) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE centers SET name = ?, time_zone = ?, database_name = ?,"
                      + " expected_upload = ?, paused = ?, source_kind = ?, source_directory = ?,"
                      + " sas_url_encrypted = ?, sas_url_redacted = ?, public_ip = ?,"
                      + " tde_certificate = ?, tde_cert_thumbprint = ?,"
                      + " tde_private_key_encrypted = ?, tde_password_encrypted = ?,"
                      + " created_at = ?, updated_at = ? WHERE id = ?")) {
            bind(ps, row, 1);
            ps.setString(17, row.id().value());
            requireOne(ps.executeUpdate(), row.id());
          }
          return null;
        });
  }

  private static void bind(PreparedStatement ps, CenterRow r, int first) throws SQLException {
    int i = first;
    ps.setString(i++, r.name());
    ps.setString(i++, r.timeZone());
    ps.setString(i++, r.databaseName());
    if (r.expectedUpload() == null) {
      ps.setNull(i++, Types.TIME);
    } else {
      ps.setObject(i++, r.expectedUpload());
    }
    ps.setBoolean(i++, r.paused());
    ps.setString(i++, r.sourceKind());
    ps.setString(i++, r.sourceDirectory());
    ps.setString(i++, r.sasUrlEncrypted());
    ps.setString(i++, r.sasUrlRedacted());
    ps.setString(i++, r.publicIp());
    ps.setString(i++, r.tdeCertificate());
    ps.setString(i++, r.tdeCertThumbprint());
    ps.setString(i++, r.tdePrivateKeyEncrypted());
    ps.setString(i++, r.tdePasswordEncrypted());
    Rows.setTime(ps, i++, r.createdAt());
    Rows.setTime(ps, i, r.updatedAt());
  }

  /** The center with this id, if any. */
  public Optional<CenterRow> find(CenterId id) {
    return ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM centers WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /** Every center, by id. */
  public List<CenterRow> list() {
    return ledger.inTransaction(
        c -> {
          List<CenterRow> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM centers ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(read(rs));
            }
          }
          return out;
        });
  }

  /**
   * Pauses or resumes a center; returns whether that changed anything.
   *
   * @throws CloudsyncException {@code CENTER_NOT_FOUND}
   */
  public boolean setPaused(CenterId id, boolean paused) {
    return ledger.inTransaction(
        c -> {
          boolean was = find(id).orElseThrow(() -> notFound(id)).paused();
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE centers SET paused = ?, updated_at = ? WHERE id = ?")) {
            ps.setBoolean(1, paused);
            Rows.setTime(ps, 2, OffsetDateTime.now(ledger.clock()));
            ps.setString(3, id.value());
            ps.executeUpdate();
          }
          return was != paused;
        });
  }

  /**
   * Deletes the center with its contacts, checklist, blobs and backup files (runs keep their rows).
   *
   * @throws CloudsyncException {@code CENTER_NOT_FOUND}
   */
  public void delete(CenterId id) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM centers WHERE id = ?")) {
            ps.setString(1, id.value());
            requireOne(ps.executeUpdate(), id);
          }
          return null;
        });
  }

  /** The center's contacts, health center first, each by address. */
  public List<Contact> contacts(CenterId id) {
    return ledger.inTransaction(
        c -> {
          List<Contact> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT kind, email FROM contacts WHERE center_id = ? ORDER BY kind, email")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Contact(ContactKind.fromLabel(rs.getString(1)), rs.getString(2)));
              }
            }
          }
          return out;
        });
  }

  /** Replaces the center's contacts of {@code kind}. */
  public void replaceContacts(CenterId id, ContactKind kind, List<Contact> contacts) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM contacts WHERE center_id = ? AND kind = ?")) {
            ps.setString(1, id.value());
            ps.setString(2, kind.label());
            ps.executeUpdate();
          }
          writeContacts(c, id, contacts.stream().filter(x -> x.kind() == kind).toList());
          return null;
        });
  }

  private static void writeContacts(Connection c, CenterId id, List<Contact> contacts)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO contacts (center_id, kind, email) VALUES (?, ?, ?)")) {
      for (Contact contact : contacts.stream().distinct().toList()) {
        ps.setString(1, id.value());
        ps.setString(2, contact.kind().label());
        ps.setString(3, contact.email());
        ps.executeUpdate();
      }
    }
  }

  /** The checklist items done, with their dates. */
  public Map<ChecklistItem, LocalDate> checklist(CenterId id) {
    return ledger.inTransaction(
        c -> {
          Map<ChecklistItem, LocalDate> out = new EnumMap<>(ChecklistItem.class);
          try (PreparedStatement ps =
              c.prepareStatement("SELECT item, done_on FROM checklist WHERE center_id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(ChecklistItem.parse(rs.getString(1)), rs.getObject(2, LocalDate.class));
              }
            }
          }
          return out;
        });
  }

  /** Marks {@code item} done on {@code date}, or not done when {@code date} is null. */
  public void setChecklist(CenterId id, ChecklistItem item, LocalDate date) {
    ledger.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM checklist WHERE center_id = ? AND item = ?")) {
            ps.setString(1, id.value());
            ps.setString(2, item.label());
            ps.executeUpdate();
          }
          if (date != null) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO checklist (center_id, item, done_on) VALUES (?, ?, ?)")) {
              ps.setString(1, id.value());
              ps.setString(2, item.label());
              ps.setObject(3, date);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  private static void requireOne(int updated, CenterId id) {
    if (updated != 1) {
      throw notFound(id);
    }
  }

  static CloudsyncException notFound(CenterId id) {
    return new CloudsyncException(
        ErrorCode.CENTER_NOT_FOUND,
        "health center '" + id + "' does not exist",
        "'cloudsync center list' shows the ids");
  }

  private static CenterRow read(ResultSet rs) throws SQLException {
    return new CenterRow(
        new CenterId(rs.getString("id")),
        rs.getString("name"),
        rs.getString("time_zone"),
        rs.getString("database_name"),
        rs.getObject("expected_upload", LocalTime.class),
        rs.getBoolean("paused"),
        rs.getString("source_kind"),
        rs.getString("source_directory"),
        rs.getString("sas_url_encrypted"),
        rs.getString("sas_url_redacted"),
        rs.getString("public_ip"),
        rs.getString("tde_certificate"),
        rs.getString("tde_cert_thumbprint"),
        rs.getString("tde_private_key_encrypted"),
        rs.getString("tde_password_encrypted"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }
}
