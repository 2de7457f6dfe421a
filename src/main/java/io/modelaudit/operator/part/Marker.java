package io.modelaudit.operator.part;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ownership tags written into resources that have no tags of their own: a data protection
 * policy (its Description) and a saved query (its first, comment line). Read back, they say whose
 * the resource is with the same rules as tags ({@link Ownership}), so the operator never changes or
 * deletes one it did not make, even when status is lost.
 *
 * <p>Text form: {@code
 * modelaudit.io/owner=ns/name;modelaudit.io/owner-uid=...;modelaudit.io/cluster=c}.
 */
public final class Marker {

  private static final Pattern ENTRY =
      Pattern.compile("(" + Pattern.quote(Tags.RESERVED_PREFIX) + "[a-z-]+)=([^;\\s]*)");

  private Marker() {}

  /** The marker of this ModelAudit: its owner, uid (when known) and cluster. */
  public static String of(DesiredState desired) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.OWNER, desired.ownerTag());
    if (desired.ownerUid() != null) {
      tags.put(Tags.OWNER_UID, desired.ownerUid());
    }
    tags.put(Tags.CLUSTER, desired.tags().get(Tags.CLUSTER));
    StringBuilder text = new StringBuilder();
    tags.forEach(
        (key, value) ->
            text.append(text.isEmpty() ? "" : ";").append(key).append('=').append(value));
    return text.toString();
  }

  /** The ownership tags a text carries; empty when it carries none (nobody's). */
  public static Map<String, String> read(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text == null) {
      return tags;
    }
    Matcher entry = ENTRY.matcher(text);
    while (entry.find()) {
      tags.putIfAbsent(entry.group(1), entry.group(2));
    }
    return tags;
  }

  /** Who the resource whose text this is belongs to, from this ModelAudit's point of view. */
  public static Ownership.Claim claim(DesiredState desired, String text) {
    return Ownership.claim(desired, read(text));
  }
}
