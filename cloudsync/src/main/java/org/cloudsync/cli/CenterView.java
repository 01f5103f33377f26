package org.cloudsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cloudsync.center.Center;
import org.cloudsync.ledger.ChecklistItem;
import org.cloudsync.ledger.Contact;
import org.cloudsync.ledger.ContactKind;

/** Prints health centers as text or JSON. Only {@link Center}'s fields: never a secret. */
final class CenterView {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CenterView() {}

  static void printText(PrintWriter out, Center c) {
    out.println(c.id() + "  " + c.name());
    row(out, "status", c.paused() ? "paused" : "active");
    row(out, "time zone", c.timeZone().getId());
    row(out, "database", orDash(c.databaseName()));
    row(out, "expected upload", c.expectedUpload() == null ? "-" : c.expectedUpload().toString());
    row(
        out,
        "source",
        c.sourceKind()
            + " "
            + (c.sourceDirectory() != null ? c.sourceDirectory() : c.sasUrlRedacted()));
    row(out, "public IP", orDash(c.publicIp()));
    row(
        out,
        "TDE certificate",
        c.hasTdeCredentials()
            ? "thumbprint " + c.tdeCertThumbprint() + " (key and password stored encrypted)"
            : "-");
    row(out, "contacts", contacts(c.contacts()));
    out.println("  onboarding:");
    for (ChecklistItem item : ChecklistItem.values()) {
      LocalDate done = c.checklist().get(item);
      out.printf(
          "    [%s] %-10s  %-24s %s%n",
          done == null ? " " : "x", done == null ? "" : done, item.label(), item.description());
    }
    row(out, "created", c.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
    row(out, "updated", c.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  static void printTable(PrintWriter out, List<Center> centers) {
    if (centers.isEmpty()) {
      out.println("no health centers: add one with 'cloudsync center add'");
      return;
    }
    String format = "%-24s %-30s %-7s %-9s %s%n";
    out.printf(format, "ID", "NAME", "STATUS", "SOURCE", "ONBOARDING");
    for (Center c : centers) {
      out.printf(
          format,
          c.id(),
          c.name(),
          c.paused() ? "paused" : "active",
          c.sourceKind(),
          c.checklist().size() + "/" + ChecklistItem.values().length);
    }
  }

  static void printJson(PrintWriter out, Center c) throws Exception {
    out.println(JSON.writeValueAsString(json(c)));
  }

  static void printJson(PrintWriter out, List<Center> centers) throws Exception {
    ArrayNode array = JSON.createArrayNode();
    centers.forEach(c -> array.add(json(c)));
    out.println(JSON.writeValueAsString(array));
  }

  private static ObjectNode json(Center c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id().value());
    n.put("name", c.name());
    n.put("paused", c.paused());
    n.put("time_zone", c.timeZone().getId());
    n.put("database", c.databaseName());
    n.put("expected_upload", c.expectedUpload() == null ? null : c.expectedUpload().toString());
    ObjectNode source = n.putObject("source");
    source.put("kind", c.sourceKind());
    source.put("directory", c.sourceDirectory());
    source.put("sas_url", c.sasUrlRedacted());
    n.put("public_ip", c.publicIp());
    n.put("tde_cert_thumbprint", c.tdeCertThumbprint());
    ArrayNode contacts = n.putArray("contacts");
    for (Contact contact : c.contacts()) {
      contacts.addObject().put("kind", contact.kind().label()).put("email", contact.email());
    }
    ArrayNode checklist = n.putArray("checklist");
    for (ChecklistItem item : ChecklistItem.values()) {
      LocalDate done = c.checklist().get(item);
      checklist
          .addObject()
          .put("item", item.label())
          .put("description", item.description())
          .put("done_on", done == null ? null : done.toString());
    }
    n.put("created_at", c.createdAt().toString());
    n.put("updated_at", c.updatedAt().toString());
    return n;
  }

  private static String contacts(List<Contact> contacts) {
    if (contacts.isEmpty()) {
      return "-";
    }
    return String.join(
        ", ",
        contacts.stream()
            .map(
                x ->
                    x.email()
                        + (x.kind() == ContactKind.OPERATOR ? " (operator)" : " (health center)"))
            .toList());
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("  %-17s%s%n", label + ":", value);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
