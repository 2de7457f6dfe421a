package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Kubernetes field selector ({@code involvedObject.name=x,type!=Normal}) evaluated on any field
 * of an object's JSON; a missing field reads as the empty string, as on a real API server.
 */
final class FieldSelector implements Predicate<JsonNode> {

  /** One {@code path=value} or {@code path!=value}. */
  private record Requirement(List<String> path, boolean equal, String value) {}

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** Parses a decoded selector; requirements are separated by commas. */
  static FieldSelector parse(String selector) {
    List<Requirement> requirements = new ArrayList<>();
    for (String part : selector.split(",")) {
      String text = part.trim();
      if (text.isEmpty()) {
        continue;
      }
      int at;
      boolean equal;
      int width;
      if ((at = text.indexOf("!=")) >= 0) {
        equal = false;
        width = 2;
      } else if ((at = text.indexOf("==")) >= 0) {
        equal = true;
        width = 2;
      } else if ((at = text.indexOf('=')) >= 0) {
        equal = true;
        width = 1;
      } else {
        throw new IllegalArgumentException("invalid field selector requirement: " + text);
      }
      requirements.add(
          new Requirement(
              List.of(text.substring(0, at).trim().split("\\.")),
              equal,
              text.substring(at + width).trim()));
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  @Override
  public boolean test(JsonNode object) {
    for (Requirement r : requirements) {
      JsonNode node = object;
      for (String field : r.path()) {
        node = node.path(field);
      }
      String actual = node.isValueNode() ? node.asText() : "";
      if (actual.equals(r.value()) != r.equal()) {
        return false;
      }
    }
    return true;
  }
}
