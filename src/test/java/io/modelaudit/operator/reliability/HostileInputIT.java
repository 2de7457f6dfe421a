package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.HostileCorpus;
import io.modelaudit.operator.HostileCorpus.Case;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of hostile ModelAudits ({@code hostile-inputs.yaml}), applied to a running operator:
 * every invalid field, boundary values, unicode, huge strings and lists, and JSON of the wrong type
 * that only a schema-less API server lets through. Each must end Stalled with a message that names
 * the field, without a single AWS call, while the operator goes on serving the healthy resources
 * created among them.
 *
 * <p>The hostile resources use the operator's default region and the healthy ones another, so that
 * "no AWS call" is exact: the fake counts calls per region.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

  private static final String NAMESPACE = "hostile";
  private static final String HOSTILE_REGION = "us-east-1";
  private static final String HEALTHY_REGION = "eu-west-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The hostile base's alarms: four written out and one for each of its two presets. */
  private static final int BASE_ALARMS = 6;

  /** metav1.Condition allows at most this many characters in a message. */
  private static final int MAX_CONDITION_MESSAGE = 32768;

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  @BeforeAll
  static void applyTheCorpus() {
    aws = new InMemoryCloudWatch();
    harness = OperatorHarness.start(aws, OperatorHarness.fastConfig());
    List<Case> corpus = corpus();
    int half = corpus.size() / 2;
    corpus.subList(0, half).forEach(HostileInputIT::apply);
    // created among the hostile ones: must not wait for them, nor be harmed by them
    createHealthy("healthy-1");
    corpus.subList(half, corpus.size()).forEach(HostileInputIT::apply);
    createHealthy("healthy-2");
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  /** The cases of {@code hostile-inputs.yaml}, shared with the CRD's schema and CEL tests. */
  static List<Case> corpus() {
    return HostileCorpus.cases();
  }

  // ---- the corpus, case by case ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @Order(1)
  void hostileSpecStallsWithAMessageNamingTheField(Case hostile) {
    GenericKubernetesResource stalled = awaitStalled(hostile.name());
    ModelAuditStatus status = status(stalled);
    Condition condition = Conditions.find(status.getConditions(), Conditions.STALLED).orElseThrow();

    assertThat(condition.getReason()).as("reason").isEqualTo(hostile.reason());
    assertThat(condition.getMessage())
        .as("message names the field")
        .contains(hostile.field() + ":");
    assertThat(condition.getMessage().length())
        .as("a metav1.Condition message is at most 32768 characters")
        .isLessThanOrEqualTo(MAX_CONDITION_MESSAGE);
    assertThat(Conditions.isTrue(status.getConditions(), Conditions.READY)).isFalse();
    assertThat(stalled.getMetadata().getFinalizers()).isNotNull();
    assertThat(rawSpec(stalled))
        .as("the operator never writes a spec, however broken")
        .isEqualTo(hostileSpec(hostile));
  }

  @Test
  @Order(2)
  void noHostileSpecMadeASingleAwsCall() {
    assertThat(aws.callCountInRegion(HOSTILE_REGION)).isZero();
    assertThat(aws.logGroupNames(HOSTILE_REGION)).isEmpty();
    assertThat(aws.alarmNames(HOSTILE_REGION)).isEmpty();
  }

  @Test
  @Order(2)
  void healthyResourcesAmongThemBecomeReady() {
    harness.awaitReady(NAMESPACE, "healthy-1");
    harness.awaitReady(NAMESPACE, "healthy-2");
    assertThat(aws.logGroup(HEALTHY_REGION, "/modelaudit/hostile/healthy-1")).isPresent();
    assertThat(aws.logGroup(HEALTHY_REGION, "/modelaudit/hostile/healthy-2")).isPresent();
  }

  @Test
  @Order(2)
  void aStatusOfTheWrongShapeIsReadAndRepaired() {
    harness.awaitReady(NAMESPACE, "healthy-2");
    int mutating = aws.mutatingCallCount();
    generic()
        .withName("healthy-2")
        .editStatus(
            r -> {
              r.getAdditionalProperties()
                  .put(
                      "status",
                      Map.of(
                          "observedGeneration",
                          "one",
                          "conditions",
                          "all good",
                          "alarms",
                          5,
                          "logGroup",
                          List.of("x")));
              return r;
            });

    ModelAudit repaired =
        harness.awaitStatus(
            NAMESPACE,
            "healthy-2",
            r ->
                r.getStatus() != null
                    && Long.valueOf(1).equals(r.getStatus().getObservedGeneration())
                    && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY)
                    && r.getStatus().getAlarms() != null
                    && r.getStatus().getAlarms().size() == BASE_ALARMS);
    assertThat(repaired.getStatus().getLogGroup().getName())
        .isEqualTo("/modelaudit/hostile/healthy-2");
    assertThat(aws.mutatingCallCount()).as("nothing recreated in AWS").isEqualTo(mutating);
  }

  @Test
  @Order(2)
  void theLongestValidNamespaceAndNameAreCreatedAndDeleted() {
    String namespace = "n".repeat(63);
    String name = "a".repeat(120) + "." + "b".repeat(132);
    String group = "/modelaudit/" + namespace + "/" + name;
    String prefix = Names.alarmNamePrefix("modelaudit", namespace, name);
    ObjectNode spec = inRegion(baseSpec(), HEALTHY_REGION);
    spec.put("deletionPolicy", "Delete");
    ModelAudit audit = new ModelAudit();
    audit.getMetadata().setNamespace(namespace);
    audit.getMetadata().setName(name);
    audit.setSpec(
        JSON.convertValue(spec, io.modelaudit.operator.api.v1alpha1.ModelAuditSpec.class));
    assertThat(name).hasSize(253);

    harness.create(audit);
    ModelAudit ready = harness.awaitReady(namespace, name);

    assertThat(prefix).hasSizeLessThanOrEqualTo(255);
    assertThat(ready.getStatus().getAlarms())
        .hasSize(BASE_ALARMS)
        .allSatisfy(
            a -> assertThat(a.getAlarmName()).startsWith(prefix).hasSizeLessThanOrEqualTo(255));
    assertThat(aws.alarmNames(HEALTHY_REGION).stream().filter(a -> a.startsWith(prefix)))
        .hasSize(BASE_ALARMS);
    String health = ready.getStatus().getHealthAlarm().getAlarmName();
    assertThat(health).startsWith(prefix).hasSizeLessThanOrEqualTo(255);
    assertThat(aws.compositeAlarmNames(HEALTHY_REGION)).contains(health);
    String dashboard = ready.getStatus().getDashboard().getName();
    assertThat(dashboard).hasSizeLessThanOrEqualTo(255).matches("[A-Za-z0-9_-]+");
    assertThat(aws.dashboardNames()).contains(dashboard);
    assertThat(aws.logGroup(HEALTHY_REGION, group)).isPresent();
    assertThat(harness.events(namespace, name))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.getMetadata().getName())
                    .hasSizeLessThanOrEqualTo(253)
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"));

    harness.delete(namespace, name);
    harness.awaitGone(namespace, name);
    assertThat(aws.logGroup(HEALTHY_REGION, group)).isEmpty();
    assertThat(aws.alarmNames(HEALTHY_REGION).stream().filter(a -> a.startsWith(prefix))).isEmpty();
    assertThat(aws.compositeAlarmNames(HEALTHY_REGION)).doesNotContain(health);
    assertThat(aws.dashboardNames()).doesNotContain(dashboard);
  }

  @Test
  @Order(3)
  void aRestartedOperatorListsTheHostileResourcesAndStillServesTheOthers() {
    harness.stopOperator();
    harness.startOperator();

    createHealthy("healthy-after-restart");
    harness.awaitReady(NAMESPACE, "healthy-after-restart");
    harness.edit(
        NAMESPACE,
        "healthy-1",
        r -> {
          r.getSpec().getLogGroup().setRetentionInDays(30);
          return r;
        });
    harness.awaitReady(NAMESPACE, "healthy-1");
    assertThat(
            aws.logGroup(HEALTHY_REGION, "/modelaudit/hostile/healthy-1")
                .orElseThrow()
                .config()
                .retentionInDays())
        .isEqualTo(30);
    assertThat(aws.callCountInRegion(HOSTILE_REGION)).isZero();
  }

  @Test
  @Order(4)
  void fixingAWrongTypeMakesTheResourceReady() {
    generic()
        .withName("period-is-text")
        .edit(
            r -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) r.getAdditionalProperties().get("spec");
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> alarms = (List<Map<String, Object>>) spec.get("alarms");
              alarms.get(0).put("period", 60);
              return r;
            });
    harness.awaitReady(NAMESPACE, "period-is-text");
    assertThat(aws.logGroup(HOSTILE_REGION, "/modelaudit/hostile/period-is-text")).isPresent();
  }

  @Test
  @Order(5)
  void everyHostileResourceCanBeDeleted() {
    int mutatingBefore = aws.mutatingCallCount();
    for (Case hostile : corpus()) {
      if (!hostile.name().equals("period-is-text")) {
        generic().withName(hostile.name()).delete();
      }
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                generic().list().getItems().stream()
                    .map(r -> r.getMetadata().getName())
                    .filter(n -> !n.startsWith("healthy") && !n.equals("period-is-text"))
                    .toList()
                    .isEmpty());
    assertThat(aws.mutatingCallCount())
        .as("deleting them changes nothing in AWS")
        .isEqualTo(mutatingBefore);
  }

  // ---- talking to the API server without the operator's typed classes ----

  /** The spec as the test sent it; null when the case has no spec at all. */
  private static JsonNode hostileSpec(Case hostile) {
    return hostile.spec();
  }

  private static void apply(Case hostile) {
    ObjectNode resource = JSON.createObjectNode();
    resource.put("apiVersion", ModelAudit.GROUP + "/" + ModelAudit.VERSION);
    resource.put("kind", "ModelAudit");
    resource.putObject("metadata").put("name", hostile.name()).put("namespace", NAMESPACE);
    JsonNode spec = hostileSpec(hostile);
    if (spec != null) {
      resource.set("spec", spec);
    }
    generic().resource(JSON.convertValue(resource, GenericKubernetesResource.class)).create();
  }

  private static void createHealthy(String name) {
    ObjectNode spec = inRegion(baseSpec(), HEALTHY_REGION);
    ModelAudit audit = new ModelAudit();
    audit.getMetadata().setNamespace(NAMESPACE);
    audit.getMetadata().setName(name);
    audit.setSpec(
        JSON.convertValue(spec, io.modelaudit.operator.api.v1alpha1.ModelAuditSpec.class));
    // each healthy ModelAudit publishes metrics of its own: two may not share one
    harness.create(Fixtures.withOwnMetrics(audit));
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      generic() {
    return harness
        .client()
        .genericKubernetesResources(ModelAudit.GROUP + "/" + ModelAudit.VERSION, "ModelAudit")
        .inNamespace(NAMESPACE);
  }

  private static GenericKubernetesResource awaitStalled(String name) {
    GenericKubernetesResource[] last = new GenericKubernetesResource[1];
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                last[0] = generic().withName(name).get();
                return last[0] != null
                    && Optional.ofNullable(status(last[0]))
                        .map(s -> Conditions.isTrue(s.getConditions(), Conditions.STALLED))
                        .orElse(false);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          name
              + " never became Stalled; last status: "
              + (last[0] == null ? null : status(last[0])),
          e);
    }
    return last[0];
  }

  private static ModelAuditStatus status(GenericKubernetesResource resource) {
    Object status = resource.getAdditionalProperties().get("status");
    return status == null ? null : JSON.convertValue(status, ModelAuditStatus.class);
  }

  private static JsonNode rawSpec(GenericKubernetesResource resource) {
    Object spec = resource.getAdditionalProperties().get("spec");
    return spec == null ? null : JSON.valueToTree(spec);
  }

  /** The spec in another region, its SNS topics with it (AWS wants them in the alarm's region). */
  private static ObjectNode inRegion(ObjectNode spec, String region) {
    ObjectNode moved;
    try {
      moved =
          (ObjectNode)
              JSON.readTree(spec.toString().replace(":sns:us-east-1:", ":sns:" + region + ":"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    moved.put("region", region);
    return moved;
  }

  /** The valid spec every case starts from; the healthy resources use it as it is. */
  static ObjectNode baseSpec() {
    return HostileCorpus.baseSpec();
  }
}
