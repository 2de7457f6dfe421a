package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The last changes to every stored object, each with the resource version it produced, so that a
 * watch can start at the version kubectl listed and miss nothing in between (the mock server's own
 * watches only see what happens after they open, and replay the rest as ADDED).
 */
final class WatchHistory {

  /** One change: ADDED, MODIFIED or DELETED, with the object after it (before it, for DELETED). */
  record Change(long version, String type, ResourcePath path, JsonNode object) {}

  private static final int CAPACITY = 10_000;

  private final ObjectMapper mapper;
  private final Deque<Change> changes = new ArrayDeque<>();
  private long trimmedUpTo;
  private long latest;

  WatchHistory(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Records one change of the store; {@code before} or {@code after} is null for a creation or a
   * deletion. A deletion gets {@code deletionVersion}, as a real server gives it a new version.
   */
  synchronized void record(String requestPath, String before, String after, long deletionVersion) {
    if (Objects.equals(before, after)) {
      return;
    }
    String pathOnly = requestPath.split("\\?", 2)[0];
    ResourcePath path = ResourcePath.parse(pathOnly).orElse(null);
    if (path == null) {
      return;
    }
    JsonNode object;
    String type;
    long version;
    try {
      if (after == null) {
        object = mapper.readTree(before);
        type = "DELETED";
        version = deletionVersion;
        ((ObjectNode) object.path("metadata")).put("resourceVersion", Long.toString(version));
      } else {
        object = mapper.readTree(after);
        type = before == null ? "ADDED" : "MODIFIED";
        version = parse(object.path("metadata").path("resourceVersion").asText());
      }
    } catch (java.io.IOException e) {
      return;
    }
    changes.addLast(new Change(version, type, path, object));
    latest = Math.max(latest, version);
    while (changes.size() > CAPACITY) {
      trimmedUpTo = changes.removeFirst().version();
    }
    notifyAll();
  }

  /** The newest recorded version. */
  synchronized long latest() {
    return latest;
  }

  /** False when changes after {@code version} were already dropped: kubectl must list again. */
  synchronized boolean covers(long version) {
    return version >= trimmedUpTo;
  }

  /**
   * The changes after {@code version} to objects of the watched resource (same group, plural and,
   * when given, namespace), waiting up to {@code waitMillis} for one to happen.
   */
  synchronized List<Change> after(long version, ResourcePath watched, long waitMillis)
      throws InterruptedException {
    List<Change> found = collect(version, watched);
    if (found.isEmpty() && waitMillis > 0) {
      wait(waitMillis);
      found = collect(version, watched);
    }
    return found;
  }

  private List<Change> collect(long version, ResourcePath watched) {
    List<Change> found = new ArrayList<>();
    for (Change c : changes) {
      if (c.version() > version && matches(c, watched)) {
        found.add(c);
      }
    }
    return found;
  }

  private static boolean matches(Change change, ResourcePath watched) {
    if (!change.path().group().equals(watched.group())
        || !change.path().plural().equals(watched.plural())) {
      return false;
    }
    return watched.namespace() == null
        || watched.namespace().equals(change.object().path("metadata").path("namespace").asText());
  }

  /** A label selector of equality, inequality and existence requirements. */
  static boolean labelsMatch(JsonNode object, String selector) {
    if (selector == null || selector.isBlank()) {
      return true;
    }
    JsonNode labels = object.path("metadata").path("labels");
    for (String part : selector.split(",")) {
      String r = part.trim();
      if (r.isEmpty() || r.contains(" in ") || r.contains(" notin ")) {
        continue;
      }
      if (r.startsWith("!")) {
        if (labels.has(r.substring(1))) {
          return false;
        }
      } else if (r.contains("!=")) {
        String[] kv = r.split("!=", 2);
        if (kv[1].equals(labels.path(kv[0]).asText(null))) {
          return false;
        }
      } else if (r.contains("=")) {
        String[] kv = r.split("==?", 2);
        if (!kv[1].equals(labels.path(kv[0]).asText(null))) {
          return false;
        }
      } else if (!labels.has(r)) {
        return false;
      }
    }
    return true;
  }

  private static long parse(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
