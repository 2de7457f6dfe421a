package io.modelaudit.operator.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelaudit.operator.HostileCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole admission of a real API server: pruning, defaults, schema, rules, the 422 Status. */
class CrdAdmissionTest {

  private static final CrdAdmission ADMISSION = CrdAdmission.of(CrdFiles.crd(), "v1alpha1");
  private static final Set<String> RULE_MESSAGES =
      ADMISSION.rules().rules().stream().map(CelRules.Rule::message).collect(Collectors.toSet());

  static List<Path> examples() {
    return CrdFiles.examples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleIsStoredAsItIs(Path example) {
    JsonNode object = CrdFiles.read(example);

    CrdAdmission.Result result = ADMISSION.admit(object, null);

    assertThat(result.errors()).isEmpty();
    assertThat(result.object()).isEqualTo(object);
    assertThat(ADMISSION.admit(object, object).errors()).isEmpty();
  }

  static List<HostileCorpus.Case> hostileCases() {
    return HostileCorpus.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCases")
  void eachHostileCaseIsRefusedByItsLayerOnItsField(HostileCorpus.Case hostile) {
    CrdAdmission.Result result = ADMISSION.admit(CrdFiles.resource(hostile), null);
    List<FieldError> ruleErrors =
        result.errors().stream().filter(e -> RULE_MESSAGES.contains(e.detail())).toList();
    List<FieldError> otherErrors =
        result.errors().stream().filter(e -> !RULE_MESSAGES.contains(e.detail())).toList();

    switch (hostile.caughtBy()) {
      case SCHEMA -> {
        assertThat(otherErrors).extracting(FieldError::field).contains(hostile.schemaField());
        if (hostile.rule() == null) {
          assertThat(ruleErrors).isEmpty();
        } else {
          assertThat(ruleErrors)
              .extracting(FieldError::field, FieldError::detail)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(hostile.ruleField(), hostile.rule()));
        }
      }
      case CEL -> {
        assertThat(otherErrors).isEmpty();
        assertThat(ruleErrors)
            .extracting(FieldError::field, FieldError::detail)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(hostile.ruleField(), hostile.rule()));
      }
      case OPERATOR -> assertThat(result.errors()).isEmpty();
    }
  }

  @Test
  void aBlockingSchemaErrorKeepsTheRulesFromRunningAsOnKubernetes() {
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.at("/spec/alarms/0")).put("period", "sixty");
    ((ObjectNode) object.at("/spec/alarms/1")).put("period", 45);

    assertThat(ADMISSION.admit(object, null).errors())
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.alarms[0].period: Invalid value: \"string\": spec.alarms[0].period in body must"
                + " be of type integer: \"string\"",
            "<nil>: Invalid value: null: " + CrdAdmission.RULES_NOT_CHECKED);
  }

  @Test
  void aNonBlockingSchemaErrorAndARuleAreReportedTogether() {
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.at("/spec")).put("region", "mars-1");
    ((ObjectNode) object.at("/spec/alarms/1")).put("period", 45);

    assertThat(ADMISSION.admit(object, null).errors())
        .extracting(FieldError::field)
        .containsExactly("spec.region", "spec.alarms[1].period");
  }

  @Test
  void unknownFieldsArePrunedAndTheRestIsKept() {
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.get("spec")).put("retention", 7);
    ((ObjectNode) object.at("/spec/alarms/0")).put("severity", "high");
    object.put("extra", true);
    ((ObjectNode) object.get("metadata")).putObject("labels").put("team", "ml");

    CrdAdmission.Result result = ADMISSION.admit(object, null);

    assertThat(result.errors()).isEmpty();
    assertThat(result.unknownFields())
        .containsExactlyInAnyOrder("spec.retention", "spec.alarms[0].severity", "extra");
    assertThat(result.object().get("spec").has("retention")).isFalse();
    assertThat(result.object().at("/spec/alarms/0").has("severity")).isFalse();
    assertThat(result.object().has("extra")).isFalse();
    assertThat(result.object().at("/metadata/labels/team").asText()).isEqualTo("ml");
    assertThat(result.object().at("/spec/alarms/0/name").asText()).isEqualTo("high-error-rate");
  }

  @Test
  void aNullTheSchemaHasNoUseForIsDropped() {
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.at("/spec/tags")).putNull("Team");
    ((ObjectNode) object.at("/spec/logGroup")).putNull("kmsKeyArn");

    CrdAdmission.Result result = ADMISSION.admit(object, null);

    assertThat(result.errors()).isEmpty();
    assertThat(result.object().at("/spec/tags").has("Team")).isFalse();
    assertThat(result.object().at("/spec/logGroup").has("kmsKeyArn")).isFalse();
  }

  @Test
  void defaultsOfTheSchemaAreApplied() {
    ObjectNode crd = (ObjectNode) CrdFiles.crd().deepCopy();
    ObjectNode spec =
        (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
    ((ObjectNode) spec.get("deletionPolicy")).put("default", "Retain");
    ((ObjectNode) spec.at("/logGroup/properties/class")).put("default", "STANDARD");
    CrdAdmission defaulting = CrdAdmission.of(crd, "v1alpha1");
    ObjectNode object = (ObjectNode) CrdFiles.read(Path.of("examples/01-seed-fraud-detector.yaml"));
    ((ObjectNode) object.get("spec")).putNull("deletionPolicy");

    CrdAdmission.Result result = defaulting.admit(object, null);

    assertThat(result.errors()).isEmpty();
    assertThat(result.object().at("/spec/deletionPolicy").asText()).isEqualTo("Retain");
    assertThat(result.object().at("/spec/logGroup/class").asText()).isEqualTo("STANDARD");
  }

  @Test
  void changingAnImmutableFieldIsRefused() {
    JsonNode old = fullExample();
    ObjectNode updated = (ObjectNode) old.deepCopy();
    ((ObjectNode) updated.get("spec")).put("region", "eu-west-1");

    assertThat(ADMISSION.admit(updated, old).errors())
        .extracting(FieldError::toString)
        .containsExactly("spec.region: Invalid value: \"eu-west-1\": spec.region is immutable");
    assertThat(ADMISSION.admit(updated, null).errors()).isEmpty();
  }

  @Test
  void theRefusalIsTheStatusAKubernetesApiServerAnswers() throws Exception {
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.at("/spec/logGroup")).put("class", "COLD");
    ((ObjectNode) object.at("/spec/logGroup")).put("retentionInDays", 10);

    List<FieldError> errors = ADMISSION.admit(object, null).errors();
    ObjectNode status = ADMISSION.invalidStatus("llm-gateway", errors);

    JsonNode expected =
        new ObjectMapper()
            .readTree(
                """
                {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                 "message": "ModelAudit.modelaudit.io \\"llm-gateway\\" is invalid: [spec.logGroup.class: Unsupported value: \\"COLD\\": supported values: \\"INFREQUENT_ACCESS\\", \\"STANDARD\\", <nil>: Invalid value: null: %s]",
                 "reason": "Invalid",
                 "details": {"name": "llm-gateway", "group": "modelaudit.io", "kind": "ModelAudit",
                   "causes": [
                     {"reason": "FieldValueNotSupported", "message": "Unsupported value: \\"COLD\\": supported values: \\"INFREQUENT_ACCESS\\", \\"STANDARD\\"", "field": "spec.logGroup.class"},
                     {"reason": "FieldValueInvalid", "message": "Invalid value: null: %s", "field": "<nil>"}]},
                 "code": 422}
                """
                    .formatted(CrdAdmission.RULES_NOT_CHECKED, CrdAdmission.RULES_NOT_CHECKED));
    assertThat(status).isEqualTo(expected);
  }

  @Test
  void aCrdWhoseRulesAreOverTheCostBudgetIsRefusedAsOnKubernetes() {
    ObjectNode crd = (ObjectNode) CrdFiles.crd().deepCopy();
    ((ObjectNode)
            crd.at(
                "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/logStreams/items"))
        .remove("maxLength");

    assertThatThrownBy(() -> CrdAdmission.of(crd, "v1alpha1"))
        .isInstanceOf(CrdAdmission.InvalidCrdException.class)
        .hasMessageContaining(
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[logStreams]"
                + ".x-kubernetes-validations[1].rule: Forbidden: estimated rule cost exceeds budget"
                + " by factor of 78.6x");
  }

  @Test
  void aCrdWithARuleThatDoesNotCompileIsRefusedAsOnKubernetes() {
    ObjectNode crd = (ObjectNode) CrdFiles.crd().deepCopy();
    ((ObjectNode)
            crd.at(
                "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/region"
                    + "/x-kubernetes-validations/0"))
        .put("rule", "self == oldSelf.regoin");

    assertThatThrownBy(() -> CrdAdmission.of(crd, "v1alpha1"))
        .isInstanceOf(CrdAdmission.InvalidCrdException.class)
        .hasMessageContaining(
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[region]"
                + ".x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf.regoin\":"
                + " compilation failed");
  }

  private static JsonNode fullExample() {
    return CrdFiles.read(Path.of("examples", "02-llm-gateway-full.yaml"));
  }
}
