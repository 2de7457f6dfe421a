package io.modelaudit.operator.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample events of examples/events/ follow docs/events.md: one JSON object a line, one of the
 * three events, dotted attribute names as nested objects (no key holds a dot, so metric filter
 * selectors can reach every field), numbers as numbers; and every field the presets select is in
 * some sample, at the path the presets use.
 */
class EventSamplesTest {

  private static final Path SAMPLES = Path.of("examples", "events");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> EVENTS =
      Set.of(
          EventSchema.INFERENCE_EVENT, EventSchema.EVALUATION_EVENT, EventSchema.PREDICTION_EVENT);
  private static final List<String> NUMBERS =
      List.of(
          EventSchema.INPUT_TOKENS,
          EventSchema.OUTPUT_TOKENS,
          EventSchema.DURATION,
          EventSchema.CONFIDENCE,
          EventSchema.EVALUATION_SCORE);

  @Test
  void everySampleIsAnEventOfTheSchemaWithNestedObjects() throws IOException {
    List<JsonNode> events = samples();

    assertThat(events).hasSizeGreaterThan(5);
    for (JsonNode event : events) {
      assertThat(EVENTS).contains(select(event, EventSchema.EVENT_NAME).asText());
      assertThat(keys(event)).as(event.toString()).noneMatch(k -> k.contains("."));
      for (String number : NUMBERS) {
        JsonNode value = select(event, number);
        assertThat(value.isMissingNode() || value.isNumber()).as(number + " in " + event).isTrue();
      }
    }
  }

  @Test
  void everyFieldThePresetsSelectIsInSomeSample() throws IOException {
    List<JsonNode> events = samples();
    for (String selector :
        List.of(
            EventSchema.ERROR_TYPE,
            EventSchema.FIRST_FINISH_REASON,
            EventSchema.GUARDRAIL_BLOCKED,
            EventSchema.INPUT_TOKENS,
            EventSchema.OUTPUT_TOKENS,
            EventSchema.DURATION,
            EventSchema.CONFIDENCE,
            EventSchema.EVALUATION_SCORE)) {
      assertThat(events)
          .as(selector)
          .anyMatch(e -> !select(e, selector).isMissingNode() && select(e, selector).isValueNode());
    }
    assertThat(events)
        .extracting(e -> select(e, EventSchema.FIRST_FINISH_REASON).asText())
        .contains("stop", "length", "content_filter", "tool_call");
  }

  /** A metric filter selector, $.a.b[0].c, on nested objects; missing when it does not resolve. */
  static JsonNode select(JsonNode root, String selector) {
    JsonNode node = root;
    for (String step : selector.substring(2).split("\\.")) {
      int bracket = step.indexOf('[');
      String name = bracket < 0 ? step : step.substring(0, bracket);
      node = node.path(name);
      if (bracket >= 0) {
        node = node.path(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
      }
    }
    return node;
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        keys.add(field.getKey());
        keys.addAll(keys(field.getValue()));
      }
    } else if (node.isArray()) {
      node.forEach(item -> keys.addAll(keys(item)));
    }
    return keys;
  }

  private static List<JsonNode> samples() throws IOException {
    List<JsonNode> events = new ArrayList<>();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(file + ": " + line).isTrue();
            events.add(event);
          }
        }
      }
    }
    return events;
  }
}
