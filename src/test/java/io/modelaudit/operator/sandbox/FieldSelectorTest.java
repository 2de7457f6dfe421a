package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Field selectors as kubectl describe sends them for events. */
class FieldSelectorTest {

  private final JsonNode event =
      read(
          """
          {"type": "Normal",
           "involvedObject": {"kind": "ModelAudit", "name": "fraud-detector", "namespace": "ml-prod"}}
          """);

  @Test
  void matchesEveryRequirement() {
    assertThat(
            FieldSelector.parse(
                    "involvedObject.name=fraud-detector,involvedObject.kind==ModelAudit,type!=Warning")
                .test(event))
        .isTrue();
  }

  @Test
  void rejectsWhenOneRequirementFails() {
    assertThat(FieldSelector.parse("involvedObject.name=llm-gateway").test(event)).isFalse();
    assertThat(FieldSelector.parse("type!=Normal").test(event)).isFalse();
  }

  @Test
  void readsAMissingFieldAsEmpty() {
    assertThat(FieldSelector.parse("involvedObject.uid=").test(event)).isTrue();
    assertThat(FieldSelector.parse("involvedObject.uid=abc").test(event)).isFalse();
  }

  @Test
  void refusesARequirementWithoutOperator() {
    assertThatThrownBy(() -> FieldSelector.parse("type"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
