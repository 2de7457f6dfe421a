package io.modelaudit.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.UnreadableField;
import org.junit.jupiter.api.Test;

/**
 * A ModelAudit with JSON of the wrong type is read the way the informer reads it, without failing:
 * the wrong values are dropped and recorded with their paths.
 */
class LenientReadingTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void wrongTypesAreDroppedAndRecordedWithTheirPaths() {
    ModelAudit audit =
        read(
            """
            {"logGroup": {"retentionInDays": "seven", "name": "/modelaudit/ns/x"},
             "alarms": [{"name": "a", "period": "sixty", "threshold": true}],
             "tags": {"Environment": 5, "Team": "risk"},
             "logStreams": ["a", {"name": "b"}]}
            """);

    assertThat(audit.getSpec().getUnreadableFields())
        .containsExactlyInAnyOrder(
            new UnreadableField(
                "spec.logGroup.retentionInDays", "must be an integer, got \"seven\""),
            new UnreadableField("spec.alarms[0].period", "must be an integer, got \"sixty\""),
            new UnreadableField("spec.alarms[0].threshold", "must be a number, got true"),
            new UnreadableField("spec.tags[\"Environment\"]", "must be a string, got 5"),
            new UnreadableField("spec.logStreams[1]", "must be a string, got an object"));
    assertThat(audit.getSpec().getLogGroup().getName()).isEqualTo("/modelaudit/ns/x");
    assertThat(audit.getSpec().getLogGroup().getRetentionInDays()).isNull();
    assertThat(audit.getSpec().getAlarms().get(0).getName()).isEqualTo("a");
    assertThat(audit.getSpec().getTags()).containsOnlyKeys("Team");
    assertThat(audit.getSpec().getLogStreams()).containsExactly("a", null);
    assertThat(audit.getMetadata().getName()).isEqualTo("x");
  }

  @Test
  void scalarsAreNotCoercedAsJacksonWouldByDefault() {
    ModelAudit audit =
        read(
            """
            {"logGroup": {"retentionInDays": "7", "deletionProtection": "true"},
             "model": {"version": 3.2},
             "alarms": [{"evaluationPeriods": 1.5}],
             "adoptExisting": 1}
            """);

    assertThat(audit.getSpec().getUnreadableFields())
        .extracting(UnreadableField::field)
        .containsExactlyInAnyOrder(
            "spec.logGroup.retentionInDays",
            "spec.logGroup.deletionProtection",
            "spec.model.version",
            "spec.alarms[0].evaluationPeriods",
            "spec.adoptExisting");
  }

  @Test
  void aSpecThatIsNoObjectReadsAsEmpty() {
    ModelAudit audit = read("\"hello\"");

    assertThat(audit.getSpec().getUnreadableFields())
        .containsExactly(new UnreadableField("spec", "must be an object, got \"hello\""));
    assertThat(audit.getSpec().getAlarms()).isNull();
  }

  @Test
  void aNumberTooLargeForAnIntegerSaysSo() {
    ModelAudit audit = read("{\"alarms\": [{\"period\": 100000000000000000000}]}");

    assertThat(audit.getSpec().getUnreadableFields())
        .containsExactly(
            new UnreadableField(
                "spec.alarms[0].period",
                "must be an integer between -2147483648 and 2147483647, got"
                    + " 100000000000000000000"));
  }

  @Test
  void aValidSpecHasNothingUnreadableAndSerializesAsBefore() {
    String spec =
        "{\"logGroup\":{\"retentionInDays\":7},\"tags\":{\"Team\":\"risk\"},\"deletionPolicy\":\"Retain\"}";
    ModelAudit audit = read(spec);

    assertThat(audit.getSpec().getUnreadableFields()).isEmpty();
    assertThat(serialization.asJson(audit.getSpec())).isEqualTo(spec);
  }

  @Test
  void aStatusOfTheWrongShapeKeepsWhatIsReadable() {
    ModelAudit audit =
        serialization.unmarshal(
            """
            {"apiVersion": "modelaudit.io/v1alpha1", "kind": "ModelAudit",
             "metadata": {"name": "x", "namespace": "ns"},
             "status": {"observedGeneration": "one", "conditions": "all good", "region": "eu-west-1"}}
            """,
            ModelAudit.class);

    assertThat(audit.getStatus().getRegion()).isEqualTo("eu-west-1");
    assertThat(audit.getStatus().getObservedGeneration()).isNull();
  }

  private ModelAudit read(String specJson) {
    return serialization.unmarshal(
        "{\"apiVersion\": \"modelaudit.io/v1alpha1\", \"kind\": \"ModelAudit\","
            + " \"metadata\": {\"name\": \"x\", \"namespace\": \"ns\"}, \"spec\": "
            + specJson
            + "}",
        ModelAudit.class);
  }
}
