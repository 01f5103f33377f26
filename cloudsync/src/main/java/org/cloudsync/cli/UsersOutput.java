package org.cloudsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.cloudsync.ledger.UserCheck;
import org.cloudsync.restore.sqlserver.OrphanedUsers;

/**
 * Database users without a login on the center's SQL Server, as {@code status} and {@code sync}
 * print them: a summary line, then a {@code hint:} with the {@code CREATE LOGIN} statements that
 * give readers of the standby their logins back. The verify engine knows no users: it says
 * "unknown", never "none".
 */
final class UsersOutput {
  static final String VERIFY_ENGINE = "unknown (verify engine)";
  static final String NOT_CHECKED = "unknown (not checked yet: sync checks after applying)";

  private UsersOutput() {}

  /** The summary line, and a hint line when users need logins. */
  static List<String> lines(boolean restoresData, UserCheck check) {
    List<String> out = new ArrayList<>();
    if (!restoresData) {
      out.add(VERIFY_ENGINE);
    } else if (check == null) {
      out.add(NOT_CHECKED);
    } else if (!check.readable()) {
      out.add(
          "unknown (" + check.note() + "; checked " + JsonOutput.instant(check.checkedAt()) + ")");
    } else if (check.orphans().isEmpty()) {
      out.add(
          "none: every user of '"
              + check.database()
              + "' has a login (checked "
              + JsonOutput.instant(check.checkedAt())
              + ")");
    } else {
      List<OrphanedUsers.Orphan> o = check.orphans();
      out.add(
          o.size()
              + (o.size() == 1 ? " database user has" : " database users have")
              + " no login on this server: "
              + String.join(", ", o.stream().map(OrphanedUsers.Orphan::toString).toList()));
      out.add(
          "hint: create "
              + (o.size() == 1 ? "the login with this SID: " : "logins with these SIDs: ")
              + String.join("; ", o.stream().map(OrphanedUsers.Orphan::createLogin).toList()));
    }
    return out;
  }

  /**
   * {@code {"known", "reason", "database", "checked_at", "users":[{"user", "type", "type_name",
   * "sid", "create_login"}]}}; {@code users} is null unless {@code known}.
   */
  static ObjectNode json(boolean restoresData, UserCheck check) {
    ObjectNode o = JsonOutput.object();
    boolean known = restoresData && check != null && check.readable();
    o.put("known", known);
    o.put(
        "reason",
        !restoresData
            ? VERIFY_ENGINE
            : check == null ? NOT_CHECKED : check.readable() ? null : check.note());
    o.put("database", check == null || !restoresData ? null : check.database());
    o.put(
        "checked_at",
        check == null || !restoresData ? null : JsonOutput.instant(check.checkedAt()));
    if (!known) {
      o.putNull("users");
      return o;
    }
    ArrayNode users = o.putArray("users");
    for (OrphanedUsers.Orphan u : check.orphans()) {
      users
          .addObject()
          .put("user", u.user())
          .put("type", u.type())
          .put("type_name", u.typeName())
          .put("sid", u.sidHex())
          .put("create_login", u.createLogin());
    }
    return o;
  }
}
