package org.cloudsync.source.azure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cloudsync.config.Redaction;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/**
 * A container SAS URL as eCW hands it out, parsed and checkable without a network call. Every
 * printed form is redacted ({@code sig=***}); the URL with its signature is only handed to the
 * Azure SDK inside this package.
 *
 * <p>{@link #parse(String)} rejects what can never work (not a URL, no signature, a blob-level or
 * account-level URL); {@link #check(Clock, InetAddress)} rejects what does not work now (expired,
 * not yet valid, missing read or list permission, this server's IP outside {@code sip}) and returns
 * warnings (expiring within {@link #EXPIRY_WARNING}, facts left to a stored access policy).
 */
public final class SasUrl {
  /** Expiry closer than this is warned about. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  static final String RENEW_HINT =
      "ask eCW for a new SAS URL, then run `cloudsync center edit ID --sas-url-file FILE`";

  private final String url;
  private final URI endpoint;
  private final String account;
  private final String container;
  private final Map<String, String> query;

  private SasUrl(
      String url, URI endpoint, String account, String container, Map<String, String> query) {
    this.url = url;
    this.endpoint = endpoint;
    this.account = account;
    this.container = container;
    this.query = query;
  }

  /**
   * Parses a container SAS URL: {@code
   * https://ACCOUNT.blob.core.windows.net/CONTAINER?sv=..&sig=..} or, for emulators, {@code
   * http://HOST:PORT/ACCOUNT/CONTAINER?...}.
   *
   * @throws CloudsyncException {@code SAS_INVALID} with the reason
   */
  public static SasUrl parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw invalid(trimmed, "it is not a URL (" + Redaction.redact(e.getReason()) + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid(trimmed, "it does not start with https://");
    }
    if (uri.getHost() == null) {
      throw invalid(trimmed, "it has no host name");
    }
    Map<String, String> query = parseQuery(uri.getRawQuery());
    if (!query.containsKey("sig") || query.get("sig").isEmpty()) {
      throw invalid(trimmed, "it has no signature (sig=): it is not a SAS URL");
    }
    String sr = query.get("sr");
    if (sr != null && !sr.equals("c")) {
      throw invalid(
          trimmed,
          "it is a "
              + (sr.equals("b") ? "blob-level" : "'sr=" + sr + "'")
              + " SAS; cloudsync needs a container-level SAS (sr=c)");
    }
    List<String> segments = new ArrayList<>();
    for (String s : (uri.getPath() == null ? "" : uri.getPath()).split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    boolean pathStyle = isPathStyle(uri.getHost());
    int expected = pathStyle ? 2 : 1;
    if (segments.size() != expected) {
      throw invalid(
          trimmed,
          "its path has "
              + segments.size()
              + " segment(s) where a container URL has "
              + expected
              + (pathStyle ? " (/ACCOUNT/CONTAINER)" : " (/CONTAINER)"));
    }
    String account = pathStyle ? segments.get(0) : uri.getHost().split("\\.")[0];
    String container = segments.get(segments.size() - 1);
    return new SasUrl(trimmed, uri, account, container, query);
  }

  /**
   * Checks the token's facts against the clock and this server's public IP (null: not configured).
   *
   * @return warnings a person should see; empty when all is well
   * @throws CloudsyncException {@code SAS_EXPIRED}, {@code SAS_NOT_YET_VALID}, {@code
   *     SAS_PERMISSION_MISSING}, {@code SAS_IP_NOT_ALLOWED} or {@code SAS_INVALID}
   */
  public List<String> check(Clock clock, InetAddress publicIp) {
    List<String> warnings = new ArrayList<>();
    Instant now = clock.instant();
    Optional<String> policy = storedAccessPolicy();
    Optional<Instant> expiry = expiry();
    if (expiry.isPresent()) {
      if (!expiry.get().isAfter(now)) {
        throw new CloudsyncException(
            ErrorCode.SAS_EXPIRED,
            "SAS URL " + this + ": expired at " + expiry.get() + " (now " + now + ")",
            RENEW_HINT);
      }
      Duration left = Duration.between(now, expiry.get());
      if (left.compareTo(EXPIRY_WARNING) < 0) {
        warnings.add(
            "the SAS URL expires at "
                + expiry.get()
                + ", in "
                + left.toDays()
                + " day(s); "
                + RENEW_HINT);
      }
    } else if (policy.isPresent()) {
      warnings.add(
          "the SAS URL carries no expiry (se): it comes from stored access policy '"
              + policy.get()
              + "' and is checked by a real list call");
    } else {
      throw invalid(url, "it has no expiry (se) and no stored access policy (si)");
    }
    Optional<Instant> start = start();
    if (start.isPresent() && start.get().isAfter(now)) {
      throw new CloudsyncException(
          ErrorCode.SAS_NOT_YET_VALID,
          "SAS URL " + this + ": not valid before " + start.get() + " (now " + now + ")",
          "wait until then, or ask eCW for a SAS URL valid now; check this server's clock");
    }
    String permissions = query.get("sp");
    if (permissions == null) {
      if (policy.isPresent()) {
        warnings.add(
            "the SAS URL carries no permissions (sp): they come from stored access policy '"
                + policy.get()
                + "' and are checked by a real list call");
      } else {
        throw invalid(url, "it has no permissions (sp) and no stored access policy (si)");
      }
    } else {
      List<String> missing = new ArrayList<>();
      if (permissions.indexOf('r') < 0) {
        missing.add("read (r)");
      }
      if (permissions.indexOf('l') < 0) {
        missing.add("list (l)");
      }
      if (!missing.isEmpty()) {
        throw new CloudsyncException(
            ErrorCode.SAS_PERMISSION_MISSING,
            "SAS URL "
                + this
                + ": permissions 'sp="
                + permissions
                + "' lack "
                + String.join(" and ", missing),
            "ask eCW for a container SAS URL with read and list permissions (sp=rl)");
      }
    }
    checkAddress(publicIp, warnings);
    if ("https".equals(query.get("spr")) && endpoint.getScheme().equalsIgnoreCase("http")) {
      warnings.add("the SAS URL allows only https (spr=https) but the URL uses http");
    }
    return warnings;
  }

  /**
   * {@link #check(Clock, InetAddress)} with the public IP as configured text (null or blank: none);
   * the shape {@code org.cloudsync.center.SasUrlCheck} wants.
   *
   * @throws CloudsyncException {@code CONFIG_INVALID} when {@code publicIp} is not an IP literal
   */
  public List<String> checkAgainst(Clock clock, String publicIp) {
    InetAddress address = null;
    if (publicIp != null && !publicIp.isBlank()) {
      try {
        address = InetAddress.getByAddress(InetAddresses.parseLiteral(publicIp));
      } catch (IllegalArgumentException | java.net.UnknownHostException e) {
        throw new CloudsyncException(
            ErrorCode.CONFIG_INVALID,
            "public IP '" + publicIp + "' is not an IPv4 or IPv6 address",
            "configure this server's public IP as eCW sees it, e.g. 203.0.113.7");
      }
    }
    return check(clock, address);
  }

  private void checkAddress(InetAddress publicIp, List<String> warnings) {
    String sip = query.get("sip");
    if (sip == null) {
      return;
    }
    String[] ends = sip.split("-", 2);
    byte[] low;
    byte[] high;
    try {
      low = InetAddresses.parseLiteral(ends[0]);
      high = ends.length == 2 ? InetAddresses.parseLiteral(ends[1]) : low;
    } catch (IllegalArgumentException e) {
      throw invalid(url, "its allowed IP range 'sip=" + sip + "' is not an IP address or range");
    }
    if (publicIp == null) {
      warnings.add(
          "the SAS URL is restricted to IP "
              + sip
              + "; no public IP is configured, so it was not compared");
      return;
    }
    byte[] ip = publicIp.getAddress();
    if (ip.length != low.length
        || InetAddresses.compare(ip, low) < 0
        || InetAddresses.compare(ip, high) > 0) {
      throw new CloudsyncException(
          ErrorCode.SAS_IP_NOT_ALLOWED,
          "SAS URL "
              + this
              + ": allows IP "
              + sip
              + " but this server's public IP is "
              + publicIp.getHostAddress(),
          "ask eCW to allow-list this server's public IP " + publicIp.getHostAddress(),
          "or correct the configured public IP if it is wrong");
    }
  }

  /** The signed expiry ({@code se}), absent when a stored access policy supplies it. */
  public Optional<Instant> expiry() {
    return time("se");
  }

  /** The signed start ({@code st}), if any. */
  public Optional<Instant> start() {
    return time("st");
  }

  /** Whole days until expiry (negative once expired); empty without {@code se}. */
  public Optional<Long> daysLeft(Clock clock) {
    return expiry().map(e -> Duration.between(clock.instant(), e).toDays());
  }

  /** The stored access policy identifier ({@code si}), if any. */
  public Optional<String> storedAccessPolicy() {
    return Optional.ofNullable(query.get("si"));
  }

  /** The signed permissions ({@code sp}), if any. */
  public Optional<String> permissions() {
    return Optional.ofNullable(query.get("sp"));
  }

  /** The allowed IP address or range ({@code sip}), if any. */
  public Optional<String> allowedIp() {
    return Optional.ofNullable(query.get("sip"));
  }

  public String account() {
    return account;
  }

  public String container() {
    return container;
  }

  /** The container's URL without any query: no token, nothing secret. */
  public String location() {
    return endpoint.getScheme()
        + "://"
        + endpoint.getRawAuthority()
        + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
  }

  /** The URL with the signature replaced by {@code ***}: the only form ever printed. */
  public String redacted() {
    return Redaction.redact(url);
  }

  /** The full URL with its signature, for the SDK only. */
  String secretUrl() {
    return url;
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SasUrl other && other.url.equals(url);
  }

  @Override
  public int hashCode() {
    return url.hashCode();
  }

  private Optional<Instant> time(String key) {
    String value = query.get(key);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      // Azure also accepts "2026-11-26T10:00Z" and a bare date.
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.replace("Z", ":00Z")).toInstant());
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw invalid(url, "its '" + key + "=" + value + "' is not an ISO 8601 UTC time");
    }
  }

  private static boolean isPathStyle(String host) {
    return host.equals("localhost") || InetAddresses.isLiteral(host);
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static CloudsyncException invalid(String url, String reason) {
    String shown = url.isEmpty() ? "(empty)" : Redaction.redact(url);
    return new CloudsyncException(
        ErrorCode.SAS_INVALID,
        "SAS URL " + shown + ": " + reason,
        "a container SAS URL looks like https://ACCOUNT.blob.core.windows.net/CONTAINER?sv=..."
            + "&sr=c&sp=rl&se=...&sig=...",
        "ask eCW for the container SAS URL, then run"
            + " `cloudsync center edit ID --sas-url-file FILE`");
  }
}
