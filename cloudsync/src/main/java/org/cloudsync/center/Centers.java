package org.cloudsync.center;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.cloudsync.config.Redaction;
import org.cloudsync.config.Secret;
import org.cloudsync.config.SecretBox;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.ledger.CenterRow;
import org.cloudsync.ledger.CenterStore;
import org.cloudsync.ledger.ChecklistItem;
import org.cloudsync.ledger.Contact;
import org.cloudsync.ledger.ContactKind;
import org.cloudsync.ledger.Ledger;
import org.cloudsync.ledger.Placement;
import org.cloudsync.ledger.PlacementStore;
import org.cloudsync.ledger.ServerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health centers: add, list, show, edit, pause, resume, remove, and the onboarding checklist.
 * The command line and the web layer both use this. Secrets (the SAS URL, the TDE private key and
 * password) are sealed with {@link SecretBox} before they reach the ledger, bound to the center and
 * field ({@code center:ID:sas_url}, {@code center:ID:tde_private_key}, {@code
 * center:ID:tde_password}); only {@link #sasUrl} and {@link #tdeCredentials} open them.
 *
 * <p>{@link #remove} deletes the center and its ledger history (contacts, checklist, blobs, backup
 * files); runs keep their rows. Staged files are left to the staging retention.
 */
public final class Centers {
  private static final Logger log = LoggerFactory.getLogger(Centers.class);
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_@#$-]{0,127}");

  private final Ledger ledger;
  private final CenterStore store;
  private final SecretBox box;
  private final SasUrlCheck sasCheck;
  private final Clock clock;

  /**
   * @param sasCheck the SAS URL check run on add and edit ({@link SasUrlCheck#NONE} for none)
   */
  public Centers(Ledger ledger, SecretBox box, SasUrlCheck sasCheck, Clock clock) {
    this.ledger = ledger;
    this.store = new CenterStore(ledger);
    this.box = box;
    this.sasCheck = sasCheck;
    this.clock = clock;
  }

  /**
   * Adds a center. Required: a name and one source (directory or SAS URL). The time zone defaults
   * to this machine's.
   *
   * @throws CloudsyncException {@code CENTER_EXISTS}, {@code OPTION_INVALID}, or the SAS URL
   *     check's error
   */
  public CenterChange add(CenterId id, CenterSettings s) {
    if (s.name == null || s.name.isBlank()) {
      throw invalid("health center '" + id + "' needs a name", "give --name");
    }
    if ((s.sourceDirectory == null) == (s.sasUrl == null)) {
      throw invalid(
          "health center '" + id + "' needs exactly one source",
          "give --sas-url-file FILE for eCW's Azure container, or --source DIR for a directory");
    }
    if (store.find(id).isPresent()) {
      throw new CloudsyncException(
          ErrorCode.CENTER_EXISTS,
          "health center '" + id + "' exists already",
          "change it with 'cloudsync center edit " + id + "', or choose another id");
    }
    OffsetDateTime now = now();
    CenterRow empty =
        new CenterRow(
            id,
            null,
            (s.timeZone == null ? ZoneId.systemDefault() : s.timeZone).getId(),
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            now);
    List<String> notes = new ArrayList<>();
    CenterRow row = apply(empty, s, notes);
    List<Contact> contacts = new ArrayList<>();
    contacts.addAll(contacts(ContactKind.HEALTH_CENTER, s.healthCenterContacts));
    contacts.addAll(contacts(ContactKind.OPERATOR, s.operatorContacts));
    ledger.inTransaction(
        c -> {
          store.insert(row, contacts);
          writeChecklist(id, s);
          return null;
        });
    log.info(
        "added health center {} ({} source {})",
        id,
        row.sourceKind(),
        row.sourceKind().equals("azure") ? row.sasUrlRedacted() : row.sourceDirectory());
    return new CenterChange(get(id), notes);
  }

  /**
   * Changes what {@code s} sets.
   *
   * @throws CloudsyncException {@code CENTER_NOT_FOUND}, {@code OPTION_INVALID}, or the SAS URL
   *     check's error
   */
  public CenterChange edit(CenterId id, CenterSettings s) {
    if (s.sourceDirectory != null && s.sasUrl != null) {
      throw invalid(
          "health center '" + id + "' can have only one source",
          "give either --sas-url-file or --source");
    }
    List<String> notes = new ArrayList<>();
    // Outside the transaction: the SAS URL check may call the network.
    CenterRow after = apply(row(id), s, notes);
    ledger.inTransaction(
        c -> {
          store.update(after);
          if (s.healthCenterContacts != null) {
            store.replaceContacts(
                id,
                ContactKind.HEALTH_CENTER,
                contacts(ContactKind.HEALTH_CENTER, s.healthCenterContacts));
          }
          if (s.operatorContacts != null) {
            store.replaceContacts(
                id, ContactKind.OPERATOR, contacts(ContactKind.OPERATOR, s.operatorContacts));
          }
          writeChecklist(id, s);
          return null;
        });
    log.info("edited health center {}: {}", id, s);
    return new CenterChange(get(id), notes);
  }

  private void writeChecklist(CenterId id, CenterSettings s) {
    for (Map.Entry<ChecklistItem, LocalDate> e : s.checked.entrySet()) {
      store.setChecklist(id, e.getKey(), e.getValue());
    }
    for (ChecklistItem item : s.unchecked) {
      store.setChecklist(id, item, null);
    }
  }

  /** The row {@code before} with what {@code s} sets, secrets sealed, validated. */
  private CenterRow apply(CenterRow r, CenterSettings s, List<String> notes) {
    CenterId id = r.id();
    String name = s.name == null ? r.name() : s.name.strip();
    if (name.isEmpty() || name.length() > 200) {
      throw invalid("health center name must be 1 to 200 characters", "give --name");
    }
    String zone = s.timeZone == null ? r.timeZone() : s.timeZone.getId();
    String database = r.databaseName();
    if (s.databaseName != null) {
      if (!DATABASE_NAME.matcher(s.databaseName).matches()) {
        throw invalid(
            "database name '" + s.databaseName + "' is not a plain SQL Server identifier",
            "use letters, digits and _ (up to 128), starting with a letter or _");
      }
      database = s.databaseName;
    }
    String publicIp = s.clearPublicIp ? null : s.publicIp == null ? r.publicIp() : ip(s.publicIp);
    String kind = r.sourceKind();
    String directory = r.sourceDirectory();
    String sasSealed = r.sasUrlEncrypted();
    String sasRedacted = r.sasUrlRedacted();
    if (s.sourceDirectory != null) {
      kind = "directory";
      directory = s.sourceDirectory.toAbsolutePath().normalize().toString();
      sasSealed = null;
      sasRedacted = null;
    }
    Secret sas = s.sasUrl;
    if (sas == null && s.publicIp != null && "azure".equals(kind)) {
      // The allowed IP changed: check the stored URL against it again.
      sas = box.openText(r.sasUrlEncrypted(), aad(id, "sas_url"));
    }
    if (sas != null) {
      notes.addAll(checkSasUrl(sas, publicIp));
      kind = "azure";
      directory = null;
      sasSealed = box.seal(sas, aad(id, "sas_url"));
      sasRedacted = Redaction.redact(sas.reveal());
    }
    String cert = r.tdeCertificate();
    String thumbprint = r.tdeCertThumbprint();
    String key = r.tdePrivateKeyEncrypted();
    String password = r.tdePasswordEncrypted();
    if (s.tde != null) {
      cert = Base64.getEncoder().encodeToString(s.tde.certificateDer());
      thumbprint = s.tde.thumbprint();
      key = box.seal(s.tde.privateKey(), aad(id, "tde_private_key"));
      password = box.seal(s.tde.password(), aad(id, "tde_password"));
    }
    return new CenterRow(
        id,
        name,
        zone,
        database,
        s.expectedUpload == null ? r.expectedUpload() : s.expectedUpload,
        r.paused(),
        kind,
        directory,
        sasSealed,
        sasRedacted,
        publicIp,
        cert,
        thumbprint,
        key,
        password,
        r.createdAt(),
        now());
  }

  private List<String> checkSasUrl(Secret url, String publicIp) {
    URI uri;
    try {
      uri = new URI(url.reveal().strip());
    } catch (URISyntaxException e) {
      throw sasInvalid("it is not a URL");
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw sasInvalid("it is not an http(s) URL with a host");
    }
    if (uri.getRawQuery() == null || !uri.getRawQuery().contains("sig=")) {
      throw sasInvalid("it has no SAS token (no sig= in its query)");
    }
    // WIRE: the source package's SasUrl check (container-level, permissions, expiry, IP).
    return sasCheck.check(url, publicIp);
  }

  private static CloudsyncException sasInvalid(String why) {
    return new CloudsyncException(
        ErrorCode.SAS_INVALID,
        "the SAS URL is not usable: " + why,
        "put the whole container SAS URL eCW sent, https://ACCOUNT.blob.core.windows.net/CONTAINER?sv=...&sig=...,"
            + " alone in the file");
  }

  private static String ip(String text) {
    String t = text.strip();
    if (IPV4.matcher(t).matches() || (IPV6.matcher(t).matches() && isIpv6Literal(t))) {
      return t;
    }
    throw invalid(
        "public IP '" + text + "' is not an IPv4 or IPv6 address",
        "give the server's static public IP that eCW allow-lists, e.g. 203.0.113.7");
  }

  private static boolean isIpv6Literal(String t) {
    try {
      // A literal with ':' is parsed, never looked up.
      return java.net.InetAddress.getByName(t) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static List<Contact> contacts(ContactKind kind, List<String> emails) {
    return emails == null ? List.of() : emails.stream().map(e -> new Contact(kind, e)).toList();
  }

  /** Every center, by id. */
  public List<Center> list() {
    return store.list().stream().map(this::view).toList();
  }

  /** The center with this id, if any. */
  public Optional<Center> find(CenterId id) {
    return store.find(id).map(this::view);
  }

  /**
   * The center with this id.
   *
   * @throws CloudsyncException {@code CENTER_NOT_FOUND}
   */
  public Center get(CenterId id) {
    return view(row(id));
  }

  private CenterRow row(CenterId id) {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  /** Pauses the center's cycle; returns whether it was running. */
  public boolean pause(CenterId id) {
    boolean changed = store.setPaused(id, true);
    log.info("paused health center {}", id);
    return changed;
  }

  /** Resumes the center's cycle; returns whether it was paused. */
  public boolean resume(CenterId id) {
    boolean changed = store.setPaused(id, false);
    log.info("resumed health center {}", id);
    return changed;
  }

  /** Deletes the center and its ledger history (see the class comment). */
  public void remove(CenterId id) {
    store.delete(id);
    log.info("removed health center {} and its ledger history", id);
  }

  /** Where the center's database lives and how it is kept (its SQL Server, or none). */
  public Placement placement(CenterId id) {
    return new PlacementStore(ledger).get(id);
  }

  /**
   * Changes the center's placement: {@code change} gets the current one.
   *
   * @throws CloudsyncException {@code CENTER_NOT_FOUND}, {@code SERVER_NOT_FOUND}
   */
  public Placement place(CenterId id, UnaryOperator<Placement> change) {
    return ledger.inTransaction(
        c -> {
          PlacementStore placements = new PlacementStore(ledger);
          Placement next = change.apply(placements.get(id));
          placements.set(id, next);
          log.info(
              "placed health center {} on {}",
              id,
              next.serverName() == null ? "the verify engine" : "SQL Server " + next.serverName());
          return next;
        });
  }

  /**
   * Checks that the SQL Server {@code name} is registered.
   *
   * @throws CloudsyncException {@code SERVER_NOT_FOUND}
   */
  public void requireServer(String name) {
    new ServerStore(ledger).get(name);
  }

  /** Marks an onboarding item done on {@code date}, or not done when {@code date} is null. */
  public Center check(CenterId id, ChecklistItem item, LocalDate date) {
    return ledger.inTransaction(
        c -> {
          row(id);
          store.setChecklist(id, item, date);
          return get(id);
        });
  }

  /**
   * The center's SAS URL, decrypted; empty for a directory source.
   *
   * @throws CloudsyncException {@code SECRET_UNREADABLE} under a wrong master key
   */
  public Optional<Secret> sasUrl(CenterId id) {
    CenterRow r = row(id);
    return r.sasUrlEncrypted() == null
        ? Optional.empty()
        : Optional.of(box.openText(r.sasUrlEncrypted(), aad(id, "sas_url")));
  }

  /**
   * The center's TDE credentials, decrypted; empty when none were given.
   *
   * @throws CloudsyncException {@code SECRET_UNREADABLE} under a wrong master key
   */
  public Optional<TdeCredentials> tdeCredentials(CenterId id) {
    CenterRow r = row(id);
    if (r.tdeCertificate() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TdeCredentials(
            Base64.getDecoder().decode(r.tdeCertificate()),
            box.open(r.tdePrivateKeyEncrypted(), aad(id, "tde_private_key")),
            Secret.of(
                new String(
                    box.open(r.tdePasswordEncrypted(), aad(id, "tde_password")),
                    StandardCharsets.UTF_8))));
  }

  private Center view(CenterRow r) {
    return new Center(
        r.id(),
        r.name(),
        ZoneId.of(r.timeZone()),
        r.databaseName(),
        r.expectedUpload(),
        r.paused(),
        r.sourceKind(),
        r.sourceDirectory(),
        r.sasUrlRedacted(),
        r.publicIp(),
        r.tdeCertThumbprint(),
        r.tdeCertificate() != null,
        store.contacts(r.id()),
        store.checklist(r.id()),
        r.createdAt(),
        r.updatedAt());
  }

  static String aad(CenterId id, String field) {
    return "center:" + id + ":" + field;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static CloudsyncException notFound(CenterId id) {
    return new CloudsyncException(
        ErrorCode.CENTER_NOT_FOUND,
        "health center '" + id + "' does not exist",
        "'cloudsync center list' shows the ids");
  }

  private static CloudsyncException invalid(String message, String hint) {
    return new CloudsyncException(ErrorCode.OPTION_INVALID, message, hint);
  }
}
