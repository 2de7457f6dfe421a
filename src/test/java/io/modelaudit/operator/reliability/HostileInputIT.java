package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile ModelAudits, applied to a running operator: every invalid field, boundary
 * values, unicode, huge strings and lists, and JSON of the wrong type that only a schema-less API
 * server lets through. Each must end Stalled with a message that names the field, without a single
 * AWS call, while the operator goes on serving the healthy resources created among them.
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

  /** metav1.Condition allows at most this many characters in a message. */
  private static final int MAX_CONDITION_MESSAGE = 32768;

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  /** One hostile spec: what it breaks, where, and the reason it must be refused with. */
  record Case(String name, String field, String reason, Function<ObjectNode, JsonNode> spec) {

    @Override
    public String toString() {
      return name;
    }
  }

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

  static List<Case> corpus() {
    List<Case> c = new ArrayList<>();
    // ---- JSON of the wrong type: a schema-less API server stores it as sent ----
    c.add(
        wrongType(
            "period-is-text",
            "spec.alarms[0].period",
            s -> set(s, "alarms[0].period", "\"sixty\"")));
    c.add(wrongType("alarms-is-object", "spec.alarms", s -> set(s, "alarms", "{}")));
    c.add(wrongType("tags-is-list", "spec.tags", s -> set(s, "tags", "[\"a\",\"b\"]")));
    c.add(
        wrongType(
            "threshold-is-bool",
            "spec.alarms[0].threshold",
            s -> set(s, "alarms[0].threshold", "true")));
    c.add(
        wrongType(
            "retention-is-text",
            "spec.logGroup.retentionInDays",
            s -> set(s, "logGroup.retentionInDays", "\"seven\"")));
    c.add(wrongType("logGroup-is-text", "spec.logGroup", s -> set(s, "logGroup", "\"default\"")));
    c.add(
        wrongType(
            "logStreams-is-text", "spec.logStreams", s -> set(s, "logStreams", "\"events\"")));
    c.add(
        wrongType(
            "logStream-is-object",
            "spec.logStreams[1]",
            s -> set(s, "logStreams", "[\"a\",{\"name\":\"x\"}]")));
    c.add(
        wrongType(
            "filter-metric-is-text",
            "spec.metricFilters[0].metric",
            s -> set(s, "metricFilters[0].metric", "\"ErrorCount\"")));
    c.add(
        wrongType(
            "defaultValue-is-text",
            "spec.metricFilters[0].metric.defaultValue",
            s -> set(s, "metricFilters[0].metric.defaultValue", "\"zero\"")));
    c.add(
        wrongType(
            "evaluationPeriods-is-fraction",
            "spec.alarms[0].evaluationPeriods",
            s -> set(s, "alarms[0].evaluationPeriods", "1.5")));
    c.add(
        wrongType(
            "deletionProtection-is-yes",
            "spec.logGroup.deletionProtection",
            s -> set(s, "logGroup.deletionProtection", "\"yes\"")));
    c.add(
        wrongType(
            "adoptExisting-is-number", "spec.adoptExisting", s -> set(s, "adoptExisting", "1")));
    c.add(wrongType("model-is-list", "spec.model", s -> set(s, "model", "[\"churn\"]")));
    c.add(
        wrongType(
            "model-version-is-number", "spec.model.version", s -> set(s, "model.version", "3.2")));
    c.add(
        wrongType(
            "tag-value-is-number", "spec.tags[\"Environment\"]", s -> tag(s, "Environment", "5")));
    c.add(
        wrongType(
            "tag-value-is-object",
            "spec.tags[\"Environment\"]",
            s -> tag(s, "Environment", "{\"a\":1}")));
    c.add(
        wrongType(
            "actions-is-text",
            "spec.alarms[1].actions",
            s -> set(s, "alarms[1].actions", "\"arn:aws:sns:us-east-1:123456789012:t\"")));
    c.add(
        wrongType(
            "action-list-is-text",
            "spec.alarms[1].actions.alarm",
            s -> set(s, "alarms[1].actions.alarm", "\"arn:aws:sns:us-east-1:123456789012:t\"")));
    c.add(
        wrongType(
            "dimensions-is-list",
            "spec.metricFilters[1].metric.dimensions",
            s -> set(s, "metricFilters[1].metric.dimensions", "[\"Model\"]")));
    c.add(
        wrongType(
            "notifications-is-text",
            "spec.notifications",
            s -> set(s, "notifications", "\"arn:aws:sns:us-east-1:123456789012:t\"")));
    c.add(
        wrongType(
            "filter-is-text",
            "spec.metricFilters[0]",
            s -> set(s, "metricFilters", "[\"errors\"]")));
    c.add(wrongType("alarm-is-number", "spec.alarms[0]", s -> set(s, "alarms", "[1]")));
    c.add(
        wrongType(
            "period-overflows-int",
            "spec.alarms[0].period",
            s -> set(s, "alarms[0].period", "100000000000000000000")));
    c.add(
        wrongType(
            "deletionPolicy-is-number", "spec.deletionPolicy", s -> set(s, "deletionPolicy", "1")));
    c.add(
        wrongType(
            "region-is-object", "spec.region", s -> set(s, "region", "{\"name\":\"us-east-1\"}")));
    c.add(
        wrongType(
            "stream-name-is-null", "spec.logStreams[0]", s -> set(s, "logStreams", "[null]")));
    c.add(
        wrongType(
            "several-wrong-types",
            "spec.alarms[1].period",
            s -> {
              set(s, "alarms[0].period", "\"sixty\"");
              set(s, "alarms[1].period", "[300]");
            }));
    c.add(new Case("spec-is-text", "spec", "InvalidSpec", s -> json("\"hello\"")));
    c.add(new Case("spec-is-list", "spec", "InvalidSpec", s -> json("[1, 2]")));
    c.add(new Case("spec-is-missing", "spec", "InvalidSpec", s -> null));
    // ---- region, model ----
    c.add(invalid("region-unknown-shape", "spec.region", s -> set(s, "region", "\"mars-1\"")));
    c.add(invalid("region-uppercase", "spec.region", s -> set(s, "region", "\"US-EAST-1\"")));
    c.add(
        invalid(
            "region-injection", "spec.region", s -> set(s, "region", "\"us-east-1; rm -rf /\"")));
    c.add(invalid("model-name-129", "spec.model.name", s -> set(s, "model.name", text("m", 129))));
    c.add(
        invalid(
            "model-version-shell",
            "spec.model.version",
            s -> set(s, "model.version", "\"$(reboot)\"")));
    // ---- log group ----
    c.add(
        invalid(
            "retention-8",
            "spec.logGroup.retentionInDays",
            s -> set(s, "logGroup.retentionInDays", "8")));
    c.add(
        invalid(
            "retention-0",
            "spec.logGroup.retentionInDays",
            s -> set(s, "logGroup.retentionInDays", "0")));
    c.add(
        invalid(
            "retention-negative",
            "spec.logGroup.retentionInDays",
            s -> set(s, "logGroup.retentionInDays", "-1")));
    c.add(
        invalid(
            "retention-int-max",
            "spec.logGroup.retentionInDays",
            s -> set(s, "logGroup.retentionInDays", "2147483647")));
    c.add(
        invalid("class-unknown", "spec.logGroup.class", s -> set(s, "logGroup.class", "\"COLD\"")));
    c.add(
        invalid(
            "infrequent-access-with-filters",
            "spec.metricFilters",
            s -> set(s, "logGroup.class", "\"INFREQUENT_ACCESS\"")));
    c.add(
        invalid(
            "group-name-space",
            "spec.logGroup.name",
            s -> set(s, "logGroup.name", "\"/modelaudit/hostile/x y\"")));
    c.add(
        invalid(
            "group-name-unicode",
            "spec.logGroup.name",
            s -> set(s, "logGroup.name", "\"/modelaudit/hostile/модель\"")));
    c.add(
        invalid(
            "group-name-513",
            "spec.logGroup.name",
            s -> set(s, "logGroup.name", quoted("/modelaudit/hostile/" + "g".repeat(493)))));
    c.add(invalid("group-name-empty", "spec.logGroup.name", s -> set(s, "logGroup.name", "\"\"")));
    c.add(
        invalid(
            "kms-alias",
            "spec.logGroup.kmsKeyArn",
            s -> set(s, "logGroup.kmsKeyArn", "\"alias/aws/logs\"")));
    // ---- log streams ----
    c.add(invalid("stream-colon", "spec.logStreams[0]", s -> set(s, "logStreams", "[\"a:b\"]")));
    c.add(invalid("stream-star", "spec.logStreams[0]", s -> set(s, "logStreams", "[\"a*\"]")));
    c.add(invalid("stream-empty", "spec.logStreams[0]", s -> set(s, "logStreams", "[\"\"]")));
    c.add(
        invalid(
            "stream-513",
            "spec.logStreams[0]",
            s -> set(s, "logStreams", "[" + text("s", 513) + "]")));
    c.add(
        invalid(
            "stream-duplicate", "spec.logStreams[1]", s -> set(s, "logStreams", "[\"a\",\"a\"]")));
    c.add(
        invalid("streams-1000", "spec.logStreams", s -> set(s, "logStreams", streams(1000, "s-"))));
    c.add(
        invalid(
            "streams-1000-all-bad",
            "spec.logStreams[0]",
            s -> set(s, "logStreams", streams(1000, "bad:"))));
    // ---- metric filters ----
    c.add(
        invalid(
            "filter-name-star",
            "spec.metricFilters[0].name",
            s -> set(s, "metricFilters[0].name", "\"err*\"")));
    c.add(
        invalid(
            "filter-name-duplicate",
            "spec.metricFilters[1].name",
            s -> set(s, "metricFilters[1].name", "\"errors\"")));
    c.add(
        invalid(
            "filter-name-missing",
            "spec.metricFilters[0].name",
            s -> remove(s, "metricFilters[0].name")));
    c.add(
        invalid(
            "pattern-10k",
            "spec.metricFilters[0].pattern",
            s -> set(s, "metricFilters[0].pattern", text("x", 10_000))));
    c.add(
        invalid(
            "pattern-1025-unicode",
            "spec.metricFilters[0].pattern",
            s -> set(s, "metricFilters[0].pattern", quoted("é".repeat(1025)))));
    c.add(
        invalid(
            "metric-value-empty",
            "spec.metricFilters[0].metric.value",
            s -> set(s, "metricFilters[0].metric.value", "\"\"")));
    c.add(
        invalid(
            "metric-value-101",
            "spec.metricFilters[0].metric.value",
            s -> set(s, "metricFilters[0].metric.value", text("1", 101))));
    c.add(
        invalid(
            "metric-namespace-colon",
            "spec.metricFilters[0].metric.namespace",
            s -> set(s, "metricFilters[0].metric.namespace", "\"AI:Model\"")));
    c.add(
        invalid(
            "metric-name-dollar",
            "spec.metricFilters[0].metric.name",
            s -> set(s, "metricFilters[0].metric.name", "\"$Errors\"")));
    c.add(
        invalid(
            "metric-unit-unknown",
            "spec.metricFilters[0].metric.unit",
            s -> set(s, "metricFilters[0].metric.unit", "\"Furlongs\"")));
    c.add(
        invalid(
            "metric-4-dimensions",
            "spec.metricFilters[1].metric.dimensions",
            s ->
                set(
                    s,
                    "metricFilters[1].metric.dimensions",
                    "{\"a\":\"$.a\",\"b\":\"$.b\",\"c\":\"$.c\",\"d\":\"$.d\"}")));
    c.add(
        invalid(
            "default-with-dimensions",
            "spec.metricFilters[1].metric.defaultValue",
            s -> set(s, "metricFilters[1].metric.defaultValue", "0")));
    c.add(invalid("filters-101", "spec.metricFilters", s -> set(s, "metricFilters", filters(101))));
    // ---- alarms ----
    c.add(
        invalid(
            "alarm-name-slash", "spec.alarms[0].name", s -> set(s, "alarms[0].name", "\"a/b\"")));
    c.add(
        invalid(
            "alarm-name-65", "spec.alarms[0].name", s -> set(s, "alarms[0].name", text("a", 65))));
    c.add(
        invalid(
            "alarm-name-unicode",
            "spec.alarms[0].name",
            s -> set(s, "alarms[0].name", "\"überwachung\"")));
    c.add(
        invalid(
            "alarm-name-leading-dash",
            "spec.alarms[0].name",
            s -> set(s, "alarms[0].name", "\"-x\"")));
    c.add(
        invalid(
            "alarm-name-duplicate",
            "spec.alarms[1].name",
            s -> set(s, "alarms[1].name", "\"too-many-errors\"")));
    c.add(
        invalid(
            "alarm-unknown-filter",
            "spec.alarms[0].metricFilter",
            s -> set(s, "alarms[0].metricFilter", "\"nope\"")));
    c.add(
        invalid(
            "alarm-filter-and-metric",
            "spec.alarms[0]",
            s -> set(s, "alarms[0].metric", "{\"namespace\":\"A\",\"name\":\"B\"}")));
    c.add(
        invalid(
            "alarm-description-1025",
            "spec.alarms[0].description",
            s -> set(s, "alarms[0].description", text("d", 1025))));
    c.add(
        invalid(
            "alarm-metric-namespace-colon",
            "spec.alarms[1].metric.namespace",
            s -> set(s, "alarms[1].metric.namespace", "\"a:b\"")));
    c.add(
        invalid(
            "alarm-31-dimensions",
            "spec.alarms[1].metric.dimensions",
            s -> set(s, "alarms[1].metric.dimensions", dimensions(31))));
    c.add(
        invalid(
            "statistic-unknown",
            "spec.alarms[0].statistic",
            s -> set(s, "alarms[0].statistic", "\"Median\"")));
    c.add(
        invalid(
            "statistic-and-extended",
            "spec.alarms[0]",
            s -> set(s, "alarms[0].extendedStatistic", "\"p99\"")));
    c.add(invalid("no-statistic", "spec.alarms[0]", s -> remove(s, "alarms[0].statistic")));
    c.add(
        invalid(
            "extended-p101",
            "spec.alarms[1].extendedStatistic",
            s -> set(s, "alarms[1].extendedStatistic", "\"p101\"")));
    c.add(
        invalid(
            "extended-11-decimals",
            "spec.alarms[1].extendedStatistic",
            s -> set(s, "alarms[1].extendedStatistic", "\"p99.12345678901\"")));
    c.add(
        invalid(
            "operator-anomaly-band",
            "spec.alarms[0].comparisonOperator",
            s ->
                set(
                    s,
                    "alarms[0].comparisonOperator",
                    "\"LessThanLowerOrGreaterThanUpperThreshold\"")));
    c.add(
        invalid(
            "treat-missing-zero",
            "spec.alarms[0].treatMissingData",
            s -> set(s, "alarms[0].treatMissingData", "\"zero\"")));
    c.add(invalid("period-45", "spec.alarms[0].period", s -> set(s, "alarms[0].period", "45")));
    c.add(invalid("period-0", "spec.alarms[0].period", s -> set(s, "alarms[0].period", "0")));
    c.add(
        invalid(
            "period-negative", "spec.alarms[0].period", s -> set(s, "alarms[0].period", "-60")));
    c.add(
        invalid(
            "period-over-a-week",
            "spec.alarms[0].period",
            s -> set(s, "alarms[0].period", "604860")));
    c.add(
        invalid(
            "evaluations-0",
            "spec.alarms[0].evaluationPeriods",
            s -> set(s, "alarms[0].evaluationPeriods", "0")));
    c.add(
        invalid(
            "evaluations-10081",
            "spec.alarms[0].evaluationPeriods",
            s -> set(s, "alarms[0].evaluationPeriods", "10081")));
    c.add(
        invalid(
            "evaluation-range-over-a-day",
            "spec.alarms[0].evaluationPeriods",
            s -> set(s, "alarms[0].evaluationPeriods", "1441")));
    c.add(
        invalid(
            "datapoints-over-evaluations",
            "spec.alarms[0].datapointsToAlarm",
            s -> set(s, "alarms[0].datapointsToAlarm", "2")));
    c.add(
        invalid(
            "threshold-missing",
            "spec.alarms[0].threshold",
            s -> remove(s, "alarms[0].threshold")));
    c.add(invalid("alarms-101", "spec.alarms", s -> set(s, "alarms", alarms(101))));
    c.add(
        invalid(
            "actions-6",
            "spec.alarms[1].actions.alarm",
            s -> set(s, "alarms[1].actions.alarm", topics(6))));
    c.add(
        invalid(
            "action-not-an-arn",
            "spec.alarms[1].actions.alarm[0]",
            s -> set(s, "alarms[1].actions.alarm", "[\"mailto:ops@example.com\"]")));
    c.add(
        invalid(
            "action-duplicate",
            "spec.alarms[1].actions.ok[1]",
            s ->
                set(
                    s,
                    "alarms[1].actions.ok",
                    "[\"arn:aws:sns:us-east-1:123456789012:t\",\"arn:aws:sns:us-east-1:123456789012:t\"]")));
    c.add(
        invalid(
            "topic-not-sns",
            "spec.notifications.snsTopicArn",
            s ->
                set(
                    s,
                    "notifications.snsTopicArn",
                    "\"arn:aws:lambda:us-east-1:123456789012:function:f\"")));
    // ---- tags ----
    c.add(invalid("tags-47", "spec.tags", s -> set(s, "tags", tags(47))));
    c.add(invalid("tag-key-aws", "spec.tags[\"aws:owner\"]", s -> tag(s, "aws:owner", "\"x\"")));
    c.add(
        invalid(
            "tag-key-spoofs-owner",
            "spec.tags[\"modelaudit.io/owner\"]",
            s -> tag(s, "modelaudit.io/owner", "\"other-team/their-model\"")));
    c.add(
        invalid(
            "tag-key-129",
            "spec.tags[\"" + "k".repeat(129) + "\"]",
            s -> tag(s, "k".repeat(129), "\"v\"")));
    c.add(
        invalid(
            "tag-value-257",
            "spec.tags[\"Environment\"]",
            s -> tag(s, "Environment", text("v", 257))));
    c.add(
        invalid(
            "tag-value-markup",
            "spec.tags[\"Environment\"]",
            s -> tag(s, "Environment", "\"<script>alert(1)</script>\"")));
    c.add(
        invalid(
            "tag-key-emoji",
            "spec.tags[\"\uD83D\uDD25\"]",
            s -> tag(s, "\uD83D\uDD25", "\"hot\"")));
    c.add(
        invalid(
            "tag-value-null", "spec.tags[\"Environment\"]", s -> tag(s, "Environment", "null")));
    c.add(
        invalid(
            "deletion-policy-lowercase",
            "spec.deletionPolicy",
            s -> set(s, "deletionPolicy", "\"delete\"")));
    // ---- tenancy policy ----
    c.add(
        policy(
            "group-outside-prefix",
            "spec.logGroup.name",
            s -> set(s, "logGroup.name", "\"/modelaudit/other-team/steal\"")));
    c.add(
        policy(
            "group-path-traversal",
            "spec.logGroup.name",
            s -> set(s, "logGroup.name", "\"/modelaudit/hostilex/../other/x\"")));
    c.add(
        policy(
            "action-lambda",
            "spec.alarms[1].actions.alarm[0]",
            s ->
                set(
                    s,
                    "alarms[1].actions.alarm",
                    "[\"arn:aws:lambda:us-east-1:123456789012:function:f\"]")));
    // ---- metric isolation ----
    c.add(
        invalid(
            "alarm-on-dimensioned-filter",
            "spec.alarms[0].metricFilter",
            s -> set(s, "alarms[0].metricFilter", "\"latency\"")));
    c.add(
        invalid(
            "alarm-on-own-metric-without-its-dimensions",
            "spec.alarms[1].metric.dimensions",
            s -> remove(s, "alarms[1].metric.dimensions")));
    c.add(
        invalid(
            "alarm-on-own-metric-with-other-dimensions",
            "spec.alarms[1].metric.dimensions",
            s -> set(s, "alarms[1].metric.dimensions", "{\"Endpoint\": \"churn\"}")));
    c.add(
        policy(
            "alarm-metric-outside-policy",
            "spec.alarms[1].metric.namespace",
            s -> set(s, "alarms[1].metric.namespace", "\"AWS/SageMaker\"")));
    c.add(
        policy(
            "alarm-metric-of-another-namespace",
            "spec.alarms[1].metric.namespace",
            s -> set(s, "alarms[1].metric.namespace", "\"AIModelAuditing/other-team\"")));
    return c;
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
                    && r.getStatus().getAlarms().size() == 2);
    assertThat(repaired.getStatus().getLogGroup().getName())
        .isEqualTo("/modelaudit/hostile/healthy-2");
    assertThat(aws.mutatingCallCount()).as("nothing recreated in AWS").isEqualTo(mutating);
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

  // ---- building the corpus ----

  private static Case invalid(String name, String field, Consumer<ObjectNode> breakIt) {
    return new Case(name, field, "InvalidSpec", edit(breakIt));
  }

  /** JSON of a type the schema forbids; the reason is the same as for any invalid value. */
  private static Case wrongType(String name, String field, Consumer<ObjectNode> breakIt) {
    return new Case(name, field, "InvalidSpec", edit(breakIt));
  }

  private static Case policy(String name, String field, Consumer<ObjectNode> breakIt) {
    return new Case(name, field, "PolicyViolation", edit(breakIt));
  }

  private static Function<ObjectNode, JsonNode> edit(Consumer<ObjectNode> breakIt) {
    return spec -> {
      breakIt.accept(spec);
      return spec;
    };
  }

  /** Sets the node at a path such as {@code alarms[0].period} to a JSON value. */
  private static void set(ObjectNode spec, String path, String jsonValue) {
    set(spec, path, json(jsonValue));
  }

  private static void set(ObjectNode spec, String path, JsonNode value) {
    String[] steps = path.split("\\.");
    JsonNode parent = spec;
    for (int i = 0; i < steps.length - 1; i++) {
      parent = step(parent, steps[i]);
    }
    String last = steps[steps.length - 1];
    int bracket = last.indexOf('[');
    if (bracket < 0) {
      ((ObjectNode) parent).set(last, value);
    } else {
      ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
      array.set(index(last), value);
    }
  }

  private static void remove(ObjectNode spec, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = spec;
    for (String step : path.substring(0, dot).split("\\.")) {
      parent = step(parent, step);
    }
    ((ObjectNode) parent).remove(path.substring(dot + 1));
  }

  private static void tag(ObjectNode spec, String key, String jsonValue) {
    ((ObjectNode) spec.get("tags")).set(key, json(jsonValue));
  }

  private static JsonNode step(JsonNode node, String step) {
    int bracket = step.indexOf('[');
    if (bracket < 0) {
      return node.get(step);
    }
    return node.get(step.substring(0, bracket)).get(index(step));
  }

  private static int index(String step) {
    return Integer.parseInt(step.substring(step.indexOf('[') + 1, step.indexOf(']')));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A JSON string of n characters. */
  private static String text(String character, int n) {
    return quoted(character.repeat(n));
  }

  private static String quoted(String value) {
    return JSON.getNodeFactory().textNode(value).toString();
  }

  private static ArrayNode streams(int n, String prefix) {
    ArrayNode streams = JSON.createArrayNode();
    IntStream.range(0, n).forEach(i -> streams.add(prefix + i));
    return streams;
  }

  private static ArrayNode filters(int n) {
    ArrayNode filters = JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      ObjectNode filter = (ObjectNode) baseSpec().get("metricFilters").get(0);
      filter.put("name", "f" + i);
      filters.add(filter);
    }
    return filters;
  }

  private static ArrayNode alarms(int n) {
    ArrayNode alarms = JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      ObjectNode alarm = (ObjectNode) baseSpec().get("alarms").get(0);
      alarm.put("name", "a" + i);
      alarms.add(alarm);
    }
    return alarms;
  }

  private static ObjectNode tags(int n) {
    ObjectNode tags = JSON.createObjectNode();
    IntStream.range(0, n).forEach(i -> tags.put("k" + i, "v"));
    return tags;
  }

  private static ObjectNode dimensions(int n) {
    ObjectNode dimensions = JSON.createObjectNode();
    IntStream.range(0, n).forEach(i -> dimensions.put("d" + i, "v"));
    return dimensions;
  }

  private static ArrayNode topics(int n) {
    ArrayNode topics = JSON.createArrayNode();
    IntStream.range(0, n).forEach(i -> topics.add("arn:aws:sns:us-east-1:123456789012:t" + i));
    return topics;
  }

  // ---- talking to the API server without the operator's typed classes ----

  /** The spec as the test sent it; null when the case has no spec at all. */
  private static JsonNode hostileSpec(Case hostile) {
    return hostile.spec().apply(baseSpec());
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
    ObjectNode spec = baseSpec();
    spec.put("region", HEALTHY_REGION);
    // each healthy ModelAudit publishes metrics of its own: two may not share one
    String metricNamespace = "\"AIModelAuditing/" + NAMESPACE + "/" + name + "\"";
    set(spec, "metricFilters[0].metric.namespace", metricNamespace);
    set(spec, "metricFilters[1].metric.namespace", metricNamespace);
    set(spec, "alarms[1].metric.namespace", metricNamespace);
    ModelAudit audit = new ModelAudit();
    audit.getMetadata().setNamespace(NAMESPACE);
    audit.getMetadata().setName(name);
    audit.setSpec(
        JSON.convertValue(spec, io.modelaudit.operator.api.v1alpha1.ModelAuditSpec.class));
    harness.create(audit);
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

  /** The valid spec every case starts from; the healthy resources use it as it is. */
  static ObjectNode baseSpec() {
    try {
      return (ObjectNode) JSON.readTree(BASE_SPEC);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String BASE_SPEC =
      """
      {
        "model": {"name": "churn", "version": "1.0"},
        "logGroup": {"retentionInDays": 7, "class": "STANDARD", "deletionProtection": false},
        "logStreams": ["inference", "audit"],
        "metricFilters": [
          {"name": "errors", "pattern": "{ $.level = \\"ERROR\\" }",
           "metric": {"namespace": "AIModelAuditing", "name": "ErrorCount", "value": "1",
                      "defaultValue": 0, "unit": "Count"}},
          {"name": "latency", "pattern": "{ $.latency = * }",
           "metric": {"namespace": "AIModelAuditing", "name": "Latency", "value": "$.latency",
                      "unit": "Milliseconds", "dimensions": {"Model": "$.model"}}}
        ],
        "alarms": [
          {"name": "too-many-errors", "metricFilter": "errors", "statistic": "Sum", "period": 60,
           "evaluationPeriods": 1, "datapointsToAlarm": 1,
           "comparisonOperator": "GreaterThanThreshold", "threshold": 5,
           "treatMissingData": "notBreaching"},
          {"name": "slow", "metric": {"namespace": "AIModelAuditing", "name": "Latency",
                                      "dimensions": {"Model": "churn"}},
           "extendedStatistic": "p99", "period": 300, "evaluationPeriods": 3,
           "comparisonOperator": "GreaterThanThreshold", "threshold": 250,
           "actions": {"alarm": ["arn:aws:sns:us-east-1:123456789012:pager"], "ok": [],
                       "insufficientData": []}}
        ],
        "notifications": {"snsTopicArn": "arn:aws:sns:us-east-1:123456789012:model-alerts"},
        "tags": {"Environment": "production", "Team": "risk"},
        "deletionPolicy": "Retain",
        "adoptExisting": false
      }
      """;
}
