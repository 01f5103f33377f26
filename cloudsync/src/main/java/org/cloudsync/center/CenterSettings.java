package org.cloudsync.center;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cloudsync.config.Secret;
import org.cloudsync.ledger.ChecklistItem;

/**
 * What to set on a health center, for {@link Centers#add} (name and one source required) and {@link
 * Centers#edit} (only what is set changes). Setting a directory source drops a SAS URL and the
 * reverse. {@code toString} never shows the SAS URL or TDE secrets.
 */
public final class CenterSettings {
  String name;
  ZoneId timeZone;
  String databaseName;
  LocalTime expectedUpload;
  String publicIp;
  boolean clearPublicIp;
  Path sourceDirectory;
  Secret sasUrl;
  TdeCredentials tde;
  List<String> healthCenterContacts;
  List<String> operatorContacts;
  final Map<ChecklistItem, LocalDate> checked = new EnumMap<>(ChecklistItem.class);
  final List<ChecklistItem> unchecked = new ArrayList<>();

  public CenterSettings name(String v) {
    name = v;
    return this;
  }

  public CenterSettings timeZone(ZoneId v) {
    timeZone = v;
    return this;
  }

  public CenterSettings databaseName(String v) {
    databaseName = v;
    return this;
  }

  public CenterSettings expectedUpload(LocalTime v) {
    expectedUpload = v;
    return this;
  }

  /** The server's public IP that eCW allow-lists; an empty string removes it. */
  public CenterSettings publicIp(String v) {
    clearPublicIp = v != null && v.isEmpty();
    publicIp = clearPublicIp ? null : v;
    return this;
  }

  public CenterSettings sourceDirectory(Path v) {
    sourceDirectory = v;
    return this;
  }

  public CenterSettings sasUrl(Secret v) {
    sasUrl = v;
    return this;
  }

  public CenterSettings tde(TdeCredentials v) {
    tde = v;
    return this;
  }

  /** Replaces the health center's contacts (null leaves them). */
  public CenterSettings healthCenterContacts(List<String> emails) {
    healthCenterContacts = emails == null ? null : List.copyOf(emails);
    return this;
  }

  /** Replaces the operator's contacts (null leaves them). */
  public CenterSettings operatorContacts(List<String> emails) {
    operatorContacts = emails == null ? null : List.copyOf(emails);
    return this;
  }

  /** Marks an onboarding item done on {@code date}. */
  public CenterSettings check(ChecklistItem item, LocalDate date) {
    checked.put(item, date);
    unchecked.remove(item);
    return this;
  }

  /** Marks an onboarding item not done. */
  public CenterSettings uncheck(ChecklistItem item) {
    checked.remove(item);
    unchecked.add(item);
    return this;
  }

  @Override
  public String toString() {
    return "CenterSettings[name="
        + name
        + ", source="
        + (sourceDirectory != null ? sourceDirectory : sasUrl != null ? "sas-url ***" : "-")
        + ", tde="
        + tde
        + "]";
  }
}
