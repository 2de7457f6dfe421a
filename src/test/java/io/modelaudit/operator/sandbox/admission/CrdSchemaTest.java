package io.modelaudit.operator.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.HostileCorpus;
import io.modelaudit.operator.HostileCorpus.Layer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in CRD's OpenAPI schema applied by a real JSON-schema validator (networknt), with
 * errors named as a Kubernetes API server names them.
 */
class CrdSchemaTest {

  private static final CrdAdmission ADMISSION = CrdAdmission.of(CrdFiles.crd(), "v1alpha1");

  static List<Path> examples() {
    return CrdFiles.examples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleMatchesTheSchema(Path example) {
    assertThat(ADMISSION.schemaErrors(CrdFiles.read(example))).isEmpty();
  }

  static List<HostileCorpus.Case> hostileCases() {
    return HostileCorpus.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCases")
  void theSchemaRefusesExactlyTheCasesItShouldOnTheirField(HostileCorpus.Case hostile) {
    List<FieldError> errors = ADMISSION.schemaErrors(CrdFiles.resource(hostile));

    if (hostile.caughtBy() == Layer.SCHEMA) {
      assertThat(errors).extracting(FieldError::field).contains(hostile.schemaField());
    } else {
      assertThat(errors).as("the schema lets %s through", hostile.field()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          class-unknown | spec.logGroup.class: Unsupported value: "COLD": supported values: "INFREQUENT_ACCESS", "STANDARD"
          period-is-text | spec.alarms[0].period: Invalid value: "string": spec.alarms[0].period in body must be of type integer: "string"
          evaluationPeriods-is-fraction | spec.alarms[0].evaluationPeriods: Invalid value: "number": spec.alarms[0].evaluationPeriods in body must be of type integer: "number"
          stream-name-is-null | spec.logStreams[0]: Invalid value: "null": spec.logStreams[0] in body must be of type string: "null"
          tag-value-is-number | spec.tags.Environment: Invalid value: "integer": spec.tags.Environment in body must be of type string: "integer"
          group-name-513 | spec.logGroup.name: Too long: may not be more than 512 bytes
          streams-1000 | spec.logStreams: Too many: 1000: must have at most 50 items
          tags-47 | spec.tags: Too many: 47: must have at most 44 items
          filter-name-missing | spec.metricFilters[0].name: Required value
          region-uppercase | spec.region: Invalid value: "US-EAST-1": spec.region in body should match '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$'
          period-0 | spec.alarms[0].period: Invalid value: 0: spec.alarms[0].period in body should be greater than or equal to 10
          period-over-a-week | spec.alarms[0].period: Invalid value: 604860: spec.alarms[0].period in body should be less than or equal to 604800
          metric-value-empty | spec.metricFilters[0].metric.value: Invalid value: "": spec.metricFilters[0].metric.value in body should be at least 1 chars long
          spec-is-text | spec: Invalid value: "string": spec in body must be of type object: "string"
          """)
  void errorsReadAsAKubernetesApiServerWritesThem(String name, String expected) {
    HostileCorpus.Case hostile =
        HostileCorpus.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();

    assertThat(ADMISSION.schemaErrors(CrdFiles.resource(hostile)))
        .extracting(FieldError::toString)
        .containsExactly(expected);
  }

  @Test
  void lengthsCountCharactersNotBytes() {
    HostileCorpus.Case unicode =
        HostileCorpus.cases().stream()
            .filter(c -> c.name().equals("pattern-1025-unicode"))
            .findFirst()
            .orElseThrow();
    var resource = CrdFiles.resource(unicode);
    ((com.fasterxml.jackson.databind.node.ObjectNode) resource.at("/spec/metricFilters/0"))
        .put("pattern", "é".repeat(1024));

    assertThat(ADMISSION.schemaErrors(resource)).isEmpty();
  }
}
