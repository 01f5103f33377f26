package org.cloudsync.ledger;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;

/** An email address to notify about a health center, and whose it is. */
public record Contact(ContactKind kind, String email) {
  // Plausible, not RFC 5322: one '@', no spaces, a dot in the domain.
  private static final Pattern PLAUSIBLE =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

  public Contact {
    Objects.requireNonNull(kind, "kind");
    if (email == null || email.length() > 320 || !PLAUSIBLE.matcher(email).matches()) {
      throw new CloudsyncException(
          ErrorCode.OPTION_INVALID,
          kind.label() + " contact '" + email + "' is not an email address",
          "give an address such as it-lead@riverside-chc.org");
    }
    email = email.toLowerCase(Locale.ROOT);
  }
}
