package io.modelaudit.operator.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * EventBridge's event pattern matching, as far as the operator's patterns go: every field of the
 * pattern must match; an object matches the event's object field by field; a list matches when the
 * event's value (or one of its values, for a list) equals one of its values or starts with one of
 * its {"prefix": ...} values.
 */
public final class EventPatterns {

  private EventPatterns() {}

  public static boolean matches(JsonNode pattern, JsonNode event) {
    var fields = pattern.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode value = event.get(field.getKey());
      JsonNode wanted = field.getValue();
      if (wanted.isObject()) {
        if (value == null || !value.isObject() || !matches(wanted, value)) {
          return false;
        }
      } else if (wanted.isArray()) {
        if (value == null || !matchesOne(wanted, value)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesOne(JsonNode choices, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (matchesOne(choices, item)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode choice : choices) {
      if (choice.isObject() && choice.has("prefix")) {
        if (value.isTextual() && value.asText().startsWith(choice.get("prefix").asText())) {
          return true;
        }
      } else if (choice.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
