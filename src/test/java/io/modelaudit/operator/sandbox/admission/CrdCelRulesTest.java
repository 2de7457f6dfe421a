package io.modelaudit.operator.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelaudit.operator.HostileCorpus;
import io.modelaudit.operator.HostileCorpus.Layer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every x-kubernetes-validations rule of the checked-in CRD, compiled by a real CEL implementation
 * with {@code self} and {@code oldSelf} typed from the schema, and evaluated on the examples, the
 * hostile corpus and updates of the immutable fields.
 */
class CrdCelRulesTest {

  private static final CelRules RULES = CelRules.compile(SchemaNode.of(CrdFiles.schema()));

  @Test
  void everyRuleOfTheCrdCompiles() {
    long declared =
        SchemaNode.of(CrdFiles.schema()).walk().stream()
            .mapToLong(n -> n.validations().size())
            .sum();

    assertThat(declared).isEqualTo(65);
    assertThat(RULES.rules()).hasSize(65);
    assertThat(RULES.rules().stream().filter(CelRules.Rule::usesOldSelf))
        .extracting(CelRules.Rule::location)
        .containsExactlyInAnyOrder(
            "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule",
            "openAPIV3Schema.properties[spec].properties[logGroup].x-kubernetes-validations[0].rule",
            "openAPIV3Schema.properties[spec].properties[logGroup].x-kubernetes-validations[1].rule",
            "openAPIV3Schema.properties[spec].properties[logGroup].properties[class]"
                + ".x-kubernetes-validations[0].rule",
            "openAPIV3Schema.properties[spec].properties[logGroup].properties[name]"
                + ".x-kubernetes-validations[0].rule",
            "openAPIV3Schema.properties[spec].properties[region].x-kubernetes-validations[0].rule");
  }

  static List<Path> examples() {
    return CrdFiles.examples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExamplePassesOnCreateAndOnAnUnchangedUpdate(Path example) {
    JsonNode object = CrdFiles.read(example);

    assertThat(RULES.validate(object, null)).isEmpty();
    assertThat(RULES.validate(object, object.deepCopy())).isEmpty();
  }

  static Stream<HostileCorpus.Case> hostileCasesTheCelRulesSee() {
    // A real API server runs the rules only when the schema found no blocking error (wrong type,
    // unknown enum value, missing, too long, too many); those cases carry no rule.
    return HostileCorpus.cases().stream()
        .filter(c -> c.caughtBy() != Layer.SCHEMA || c.rule() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCasesTheCelRulesSee")
  void eachHostileCaseFailsWithItsRulesMessageAndNoOther(HostileCorpus.Case hostile) {
    List<FieldError> errors = RULES.validate(CrdFiles.resource(hostile), null);

    if (hostile.rule() == null) {
      assertThat(errors).as("no rule covers %s", hostile.field()).isEmpty();
    } else {
      assertThat(errors)
          .extracting(FieldError::field, FieldError::detail)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(hostile.ruleField(), hostile.rule()));
    }
  }

  @Test
  void theCorpusGivesEveryRuleMessageACase() {
    List<String> covered =
        HostileCorpus.cases().stream().map(HostileCorpus.Case::rule).distinct().toList();

    assertThat(RULES.rules())
        .filteredOn(r -> !r.usesOldSelf())
        .allSatisfy(r -> assertThat(covered).as(r.location()).contains(r.message()));
  }

  static Stream<Arguments> immutableFieldChanges() {
    return Stream.of(
        Arguments.of(
            "region changed",
            (Consumer<ObjectNode>) s -> s.put("region", "eu-west-1"),
            "spec.region",
            "spec.region is immutable"),
        Arguments.of(
            "region removed",
            (Consumer<ObjectNode>) s -> s.remove("region"),
            "spec",
            "spec.region is immutable: it cannot be removed once set"),
        Arguments.of(
            "log group name changed",
            (Consumer<ObjectNode>) s -> logGroup(s).put("name", "/modelaudit/ml-prod/other"),
            "spec.logGroup.name",
            "spec.logGroup.name is immutable"),
        Arguments.of(
            "log group name removed",
            (Consumer<ObjectNode>) s -> logGroup(s).remove("name"),
            "spec.logGroup",
            "spec.logGroup.name is immutable: it cannot be removed once set"),
        Arguments.of(
            "log group class changed",
            (Consumer<ObjectNode>)
                s -> {
                  logGroup(s).put("class", "INFREQUENT_ACCESS");
                  s.remove("metricFilters");
                  s.remove("alarms");
                },
            "spec.logGroup.class",
            "spec.logGroup.class is immutable"),
        Arguments.of(
            "log group class removed",
            (Consumer<ObjectNode>) s -> logGroup(s).remove("class"),
            "spec.logGroup",
            "spec.logGroup.class is immutable: it cannot be removed once set"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("immutableFieldChanges")
  void changingAnImmutableFieldFails(
      String change, Consumer<ObjectNode> edit, String field, String message) {
    JsonNode old = fullExample();
    ObjectNode updated = (ObjectNode) old.deepCopy();
    edit.accept((ObjectNode) updated.get("spec"));

    assertThat(RULES.validate(updated, old))
        .extracting(FieldError::field, FieldError::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(field, message));
    assertThat(RULES.validate(updated, null)).as("a create has no old object").isEmpty();
  }

  @Test
  void changingMutableFieldsOrSettingAnImmutableOneForTheFirstTimePasses() {
    JsonNode old = fullExample();
    ObjectNode updated = (ObjectNode) old.deepCopy();
    logGroup((ObjectNode) updated.get("spec")).put("retentionInDays", 30);
    ((ObjectNode) updated.get("spec")).put("deletionPolicy", "Retain");
    assertThat(RULES.validate(updated, old)).isEmpty();

    ObjectNode withoutImmutables = (ObjectNode) old.deepCopy();
    ObjectNode spec = (ObjectNode) withoutImmutables.get("spec");
    spec.remove("region");
    logGroup(spec).remove("name");
    logGroup(spec).remove("class");
    assertThat(RULES.validate(old, withoutImmutables)).isEmpty();
  }

  @Test
  void aValueOfTheRulesListIsReportedWithTheKubernetesPath() {
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.at("/spec/alarms/1")).put("period", 45);

    assertThat(RULES.validate(object, null))
        .singleElement()
        .hasToString(
            "spec.alarms[1].period: Invalid value: 45: period must be 10, 20, 30 or a multiple of"
                + " 60");
  }

  // ---- the compiler catches what a real API server would refuse when the CRD is installed ----

  @Test
  void aRuleNamingAFieldTheSchemaDoesNotHaveDoesNotCompile() {
    assertThatThrownBy(() -> compileWithRule("/spec/properties/alarms/items", "self.perod > 0"))
        .isInstanceOf(CelRules.InvalidRulesException.class)
        .hasMessageContaining("undefined field 'perod'");
  }

  @Test
  void aRuleOfTheWrongTypeDoesNotCompile() {
    assertThatThrownBy(() -> compileWithRule("/spec/properties/alarms/items", "self.period + 1"))
        .hasMessageContaining("must evaluate to a bool");
    assertThatThrownBy(
            () -> compileWithRule("/spec/properties/alarms/items", "self.name.size() > 'a'"))
        .hasMessageContaining("found no matching overload");
  }

  @Test
  void aConstantRegexThatDoesNotParseDoesNotCompile() {
    assertThatThrownBy(() -> compileWithRule("/spec/properties/region", "self.matches('^a[')"))
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void aKubernetesOnlyFunctionIsNotSilentlyAccepted() {
    assertThatThrownBy(() -> compileWithRule("/spec/properties/logStreams", "self.isSorted()"))
        .hasMessageContaining("isSorted");
  }

  @Test
  void aReservedWordPropertyIsReachedEscapedAsOnKubernetes() {
    CelRules rules =
        compileWithRule(
            "/spec/properties/metricFilters/items/properties/metric",
            "self.__namespace__ != 'Forbidden'");
    ObjectNode object = (ObjectNode) fullExample();
    ((ObjectNode) object.at("/spec/metricFilters/0/metric")).put("namespace", "Forbidden");

    assertThat(rules.validate(object, null))
        .extracting(FieldError::field)
        .containsExactly("spec.metricFilters[0].metric");
  }

  private static CelRules compileWithRule(String schemaPointer, String rule) {
    ObjectNode schema = (ObjectNode) CrdFiles.schema().deepCopy();
    ObjectNode node = (ObjectNode) schema.at(schemaPointer.replace("/spec/", "/properties/spec/"));
    node.putArray("x-kubernetes-validations").addObject().put("rule", rule).put("message", "m");
    return CelRules.compile(SchemaNode.of(schema));
  }

  private static JsonNode fullExample() {
    return CrdFiles.read(Path.of("examples", "02-llm-gateway-full.yaml"));
  }

  private static ObjectNode logGroup(ObjectNode spec) {
    return (ObjectNode) spec.get("logGroup");
  }
}
