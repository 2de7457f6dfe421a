package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The printer columns' JSONPath subset. */
class SimpleJsonPathTest {

  private final JsonNode audit =
      read(
          """
          {"status": {"alarmState": "OK",
                      "logGroup": {"retentionInDays": 7},
                      "conditions": [{"type": "Reconciling", "status": "False"},
                                     {"type": "Ready", "status": "True"}]}}
          """);

  @Test
  void followsFields() {
    assertThat(SimpleJsonPath.parse(".status.alarmState").first(audit).asText()).isEqualTo("OK");
    assertThat(SimpleJsonPath.parse(".status.logGroup.retentionInDays").first(audit).asInt())
        .isEqualTo(7);
  }

  @Test
  void filtersAListByEquality() {
    SimpleJsonPath ready = SimpleJsonPath.parse(".status.conditions[?(@.type==\"Ready\")].status");

    assertThat(ready.first(audit).asText()).isEqualTo("True");
  }

  @Test
  void indexesAndWildcards() {
    assertThat(SimpleJsonPath.parse(".status.conditions[0].type").first(audit).asText())
        .isEqualTo("Reconciling");
    assertThat(SimpleJsonPath.parse(".status.conditions[*].status").select(audit))
        .extracting(JsonNode::asText)
        .containsExactly("False", "True");
  }

  @Test
  void selectsNothingWhenMissingOrUnsupported() {
    assertThat(SimpleJsonPath.parse(".status.nothing").first(audit)).isNull();
    assertThat(
            SimpleJsonPath.parse(".status.conditions[?(@.type==\"Stalled\")].status").first(audit))
        .isNull();
    assertThat(SimpleJsonPath.parse("{range .items[*]}").select(audit)).isEmpty();
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
