package io.modelaudit.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelRef;
import io.modelaudit.operator.api.v1alpha1.NotificationsSpec;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.validation.Violation.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of {@link SpecValidator}: valid specs pass, and every rule reports its own path. */
class SpecValidatorTest {

  private static final String NAMESPACE = "ml-prod";
  private static final String NAME = "fraud-detector";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:model-alerts";

  /** The seed program: one log group, one stream, one metric filter, one alarm. */
  private static final String SEED =
      """
      logGroup:
        name: /modelaudit/ml-prod/fraud-detector
        retentionInDays: 7
      logStreams: [events]
      metricFilters:
        - name: events
          pattern: '[timestamp=*Z, request_id, event, ...]'
          metric: {namespace: AIModelAuditing, name: EventCount, value: "1"}
      alarms:
        - name: high-event-rate
          metricFilter: events
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
          actions:
            alarm: [arn:aws:sns:us-east-1:123456789012:model-alerts]
            ok: [arn:aws:sns:us-east-1:123456789012:model-alerts]
      tags: {Environment: production, Purpose: AIModelAuditing}
      """;

  /** Uses every field, many at the edge of what is allowed. */
  private static final String RICH =
      """
      region: eu-west-1
      model: {name: fraud-detector, version: "3.2"}
      logGroup:
        name: /modelaudit/ml-prod/fraud-detector/v3
        retentionInDays: 3653
        kmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
        class: STANDARD
        deletionProtection: true
      logStreams: [inference, errors, "batch/2024-06-01"]
      metricFilters:
        - name: errors
          pattern: '{ $.level = "ERROR" }'
          metric: {namespace: AIModelAuditing, name: ErrorCount, value: "1", defaultValue: 0,
                   unit: Count}
        - name: latency
          pattern: '{ $.latencyMs > 0 }'
          metric:
            namespace: AIModelAuditing
            name: LatencyMs
            value: $.latencyMs
            unit: Milliseconds
            dimensions: {Model: $.model, Version: $.version, Region: $.region}
        - name: everything
          pattern: ''
          metric: {namespace: AIModelAuditing, name: Events, value: "1", unit: Count/Second}
      alarms:
        - name: high-error-rate
          description: More than 5 errors a minute in 3 of the last 5 minutes
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 5
          datapointsToAlarm: 3
          comparisonOperator: GreaterThanThreshold
          threshold: 5
          treatMissingData: notBreaching
        - name: slow.p99_latency
          metric:
            namespace: AIModelAuditing
            name: LatencyMs
            dimensions: {Model: fraud-detector, Version: "3.2", Region: eu-west-1}
          extendedStatistic: p99.9
          period: 60
          evaluationPeriods: 1440
          comparisonOperator: GreaterThanOrEqualToThreshold
          threshold: 250.5
          treatMissingData: ignore
          actionsEnabled: false
          actions:
            alarm:
              - arn:aws:sns:eu-west-1:123456789012:a1
              - arn:aws:sns:eu-west-1:123456789012:a2
              - arn:aws:sns:eu-west-1:123456789012:a3
              - arn:aws:sns:eu-west-1:123456789012:a4
              - arn:aws:sns:eu-west-1:123456789012:a5
            ok: [arn:aws:sns:eu-west-1:123456789012:model-alerts]
            insufficientData: [arn:aws:sns:eu-west-1:123456789012:ops]
        - name: Endpoint-Invocations
          metric:
            namespace: AWS/SageMaker
            name: Invocations
            dimensions: {EndpointName: fraud-detector, VariantName: AllTraffic}
          statistic: SampleCount
          period: 3600
          evaluationPeriods: 168
          comparisonOperator: LessThanThreshold
          threshold: 1
          treatMissingData: breaching
        - name: 0-quiet
          metric: {namespace: AIModelAuditing, name: Events}
          extendedStatistic: IQM
          period: 86400
          evaluationPeriods: 7
          datapointsToAlarm: 7
          comparisonOperator: LessThanOrEqualToThreshold
          threshold: -1.5e3
          treatMissingData: missing
      notifications:
        snsTopicArn: arn:aws:sns:eu-west-1:123456789012:model-alerts
      tags:
        Environment: production
        Purpose: AIModelAuditing
        Équipe: Données IA
        cost-center: "cc:1234/ml=prod+eu@team"
        empty: ""
      deletionPolicy: Delete
      adoptExisting: true
      """;

  @Test
  void seedSpecIsValid() {
    assertThat(validate(seed())).isEmpty();
  }

  @Test
  void richSpecIsValid() {
    OperatorConfig sageMaker =
        Fixtures.config()
            .withAlarmMetricNamespaces(List.of("AIModelAuditing/{namespace}", "AWS/SageMaker"));
    assertThat(
            SpecValidator.validate(parse(RICH, ModelAuditSpec.class), NAMESPACE, NAME, sageMaker))
        .isEmpty();
  }

  @Test
  void emptySpecIsValid() {
    assertThat(validate(new ModelAuditSpec())).isEmpty();
  }

  @Test
  void nullSpecIsOneViolation() {
    assertThat(validate(null))
        .containsExactly(new Violation("spec", "required", Kind.INVALID_SPEC));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void reportsEachBrokenRuleAtItsField(Case broken) {
    ModelAuditSpec spec = seed();
    broken.change().accept(spec);

    assertThat(validate(spec))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(broken.field());
              assertThat(v.message()).contains(broken.phrase());
              assertThat(v.kind()).isEqualTo(Kind.INVALID_SPEC);
            });
  }

  static Stream<Case> badSpecs() {
    return Stream.of(
        // region
        bad("region not a region", s -> s.setRegion("US-EAST-1"), "spec.region", "AWS region"),
        bad(
            "region too long",
            s -> s.setRegion("us-" + "a".repeat(28) + "-1"),
            "spec.region",
            "1-32 characters, got 33"),
        // model
        bad("model name empty", s -> model(s, "", "1"), "spec.model.name", "1-128 characters"),
        bad(
            "model version too long",
            s -> model(s, "m", "v".repeat(129)),
            "spec.model.version",
            "1-128 characters, got 129"),
        bad(
            "model name not a tag value",
            s -> model(s, "fraud (v2)", "1"),
            "spec.model.name",
            "it becomes a tag value"),
        // logGroup
        bad(
            "log group name too long",
            s -> logGroup(s).setName("/modelaudit/ml-prod/" + "a".repeat(493)),
            "spec.logGroup.name",
            "1-512 characters, got 513"),
        bad(
            "log group name with a space",
            s -> logGroup(s).setName("/modelaudit/ml-prod/fraud detector"),
            "spec.logGroup.name",
            "only letters, digits and _ - / . #"),
        bad(
            "retention not a CloudWatch value",
            s -> logGroup(s).setRetentionInDays(2),
            "spec.logGroup.retentionInDays",
            "must be one of 1, 3, 5, 7, 14"),
        bad(
            "kms key ARN malformed",
            s -> logGroup(s).setKmsKeyArn("arn:aws:kms:us-east-1:123:key/x"),
            "spec.logGroup.kmsKeyArn",
            "must be a KMS key ARN"),
        bad(
            "kms key ARN too long",
            s ->
                logGroup(s)
                    .setKmsKeyArn("arn:aws:kms:us-east-1:123456789012:key/" + "k".repeat(2012)),
            "spec.logGroup.kmsKeyArn",
            "1-2048 characters"),
        bad(
            "log group class unknown",
            s -> logGroup(s).setLogGroupClass("COLD"),
            "spec.logGroup.class",
            "STANDARD or INFREQUENT_ACCESS, got \"COLD\""),
        bad(
            "infrequent access with metric filters",
            s -> logGroup(s).setLogGroupClass("INFREQUENT_ACCESS"),
            "spec.metricFilters",
            "INFREQUENT_ACCESS"),
        // logStreams
        bad(
            "51 log streams",
            s -> s.setLogStreams(names("s", 51)),
            "spec.logStreams",
            "at most 50 log streams, got 51"),
        bad("empty stream name", s -> s.setLogStreams(list("")), "spec.logStreams[0]", "1-512"),
        bad(
            "stream name too long",
            s -> s.setLogStreams(list("s".repeat(513))),
            "spec.logStreams[0]",
            "1-512 characters, got 513"),
        bad(
            "stream name with colon",
            s -> s.setLogStreams(list("a:b")),
            "spec.logStreams[0]",
            "must not contain ':' or '*'"),
        bad(
            "stream name with star",
            s -> s.setLogStreams(list("events", "a*")),
            "spec.logStreams[1]",
            "must not contain ':' or '*'"),
        bad(
            "duplicate stream",
            s -> s.setLogStreams(list("events", "events")),
            "spec.logStreams[1]",
            "must be unique: \"events\" is also used at spec.logStreams[0]"),
        bad(
            "null stream",
            s -> s.setLogStreams(list("events", null)),
            "spec.logStreams[1]",
            "required"),
        // metricFilters
        bad(
            "101 metric filters",
            s -> IntStream.range(1, 101).forEach(i -> extraFilter(s, "f" + i)),
            "spec.metricFilters",
            "at most 100 metric filters"),
        bad(
            "filter name missing",
            s -> extraFilter(s, null),
            "spec.metricFilters[1].name",
            "required"),
        bad(
            "filter name too long",
            s -> extraFilter(s, "f".repeat(513)),
            "spec.metricFilters[1].name",
            "1-512 characters"),
        bad(
            "filter name with colon",
            s -> extraFilter(s, "errors:5xx"),
            "spec.metricFilters[1].name",
            "must not contain ':' or '*'"),
        bad(
            "duplicate filter name",
            s -> extraFilter(s, "events"),
            "spec.metricFilters[1].name",
            "must be unique"),
        bad(
            "filter pattern missing",
            s -> filter(s).setPattern(null),
            "spec.metricFilters[0].pattern",
            "required"),
        bad(
            "filter pattern too long",
            s -> filter(s).setPattern("x".repeat(1025)),
            "spec.metricFilters[0].pattern",
            "at most 1024 characters, got 1025"),
        bad(
            "filter metric missing",
            s -> filter(s).setMetric(null),
            "spec.metricFilters[0].metric",
            "required"),
        bad(
            "filter metric namespace missing",
            s -> filter(s).getMetric().setNamespace(null),
            "spec.metricFilters[0].metric.namespace",
            "required"),
        bad(
            "filter metric namespace with dollar",
            s -> filter(s).getMetric().setNamespace("AI$Audit"),
            "spec.metricFilters[0].metric.namespace",
            "must not contain ':', '*' or '$'"),
        bad(
            "filter metric name too long",
            s -> filter(s).getMetric().setName("n".repeat(256)),
            "spec.metricFilters[0].metric.name",
            "1-255 characters, got 256"),
        bad(
            "filter metric name with star",
            s -> filter(s).getMetric().setName("Event*"),
            "spec.metricFilters[0].metric.name",
            "must not contain"),
        bad(
            "filter metric value missing",
            s -> filter(s).getMetric().setValue(null),
            "spec.metricFilters[0].metric.value",
            "required"),
        bad(
            "filter metric value too long",
            s -> filter(s).getMetric().setValue("1".repeat(101)),
            "spec.metricFilters[0].metric.value",
            "1-100 characters"),
        bad(
            "filter metric unit unknown",
            s -> filter(s).getMetric().setUnit("Counts"),
            "spec.metricFilters[0].metric.unit",
            "must be one of Seconds, Microseconds"),
        bad(
            "four filter dimensions",
            s ->
                dimensioned(s)
                    .setDimensions(Map.of("a", "$.a", "b", "$.b", "c", "$.c", "d", "$.d")),
            "spec.metricFilters[0].metric.dimensions",
            "at most 3 dimensions, got 4"),
        bad(
            "empty filter dimension name",
            s -> dimensioned(s).setDimensions(Map.of("", "$.model")),
            "spec.metricFilters[0].metric.dimensions[\"\"]",
            "dimension name must be 1-255 characters"),
        bad(
            "filter dimension value too long",
            s -> dimensioned(s).setDimensions(Map.of("Model", "v".repeat(256))),
            "spec.metricFilters[0].metric.dimensions[\"Model\"]",
            "dimension value must be 1-255 characters"),
        bad(
            "dimensions with default value",
            s -> {
              dimensioned(s).setDimensions(Map.of("Model", "$.model"));
              filter(s).getMetric().setDefaultValue(0.0);
            },
            "spec.metricFilters[0].metric.defaultValue",
            "must be absent when dimensions are set"),
        bad(
            "default value not finite",
            s -> filter(s).getMetric().setDefaultValue(Double.NaN),
            "spec.metricFilters[0].metric.defaultValue",
            "must be a finite number"),
        // alarms
        bad(
            "101 alarms",
            s -> IntStream.range(1, 101).forEach(i -> extraAlarm(s, "a" + i)),
            "spec.alarms",
            "at most 100 alarms, got 101"),
        bad("alarm name missing", s -> alarm(s).setName(null), "spec.alarms[0].name", "required"),
        bad(
            "alarm name too long",
            s -> alarm(s).setName("a".repeat(65)),
            "spec.alarms[0].name",
            "1-64 characters, got 65"),
        bad(
            "alarm name starts with dash",
            s -> alarm(s).setName("-high"),
            "spec.alarms[0].name",
            "must start with a letter or digit"),
        bad(
            "alarm name with space",
            s -> alarm(s).setName("high rate"),
            "spec.alarms[0].name",
            "only letters, digits, . _ and -"),
        bad(
            "duplicate alarm name",
            s -> extraAlarm(s, "high-event-rate"),
            "spec.alarms[1].name",
            "must be unique: \"high-event-rate\" is also used at spec.alarms[0].name"),
        bad(
            "alarm description too long",
            s -> alarm(s).setDescription("d".repeat(1025)),
            "spec.alarms[0].description",
            "at most 1024 characters, got 1025"),
        bad(
            "alarm without metric source",
            s -> alarm(s).setMetricFilter(null),
            "spec.alarms[0]",
            "exactly one of metricFilter, metric or metrics, got none"),
        bad(
            "alarm with both metric sources",
            s ->
                alarm(s)
                    .setMetric(
                        parse(
                            "namespace: AIModelAuditing/ml-prod\nname: B", AlarmMetricSpec.class)),
            "spec.alarms[0]",
            "exactly one of metricFilter, metric or metrics, got 2"),
        bad(
            "alarm on unknown filter",
            s -> alarm(s).setMetricFilter("errors"),
            "spec.alarms[0].metricFilter",
            "must name a metric filter of this ModelAudit (one of events), got \"errors\""),
        bad(
            "alarm on filter when none exists",
            s -> s.setMetricFilters(null),
            "spec.alarms[0].metricFilter",
            "none is defined"),
        bad(
            "alarm metric namespace with colon",
            s -> useMetric(s).setNamespace("AWS:SageMaker"),
            "spec.alarms[0].metric.namespace",
            "must not contain ':'"),
        bad(
            "alarm metric name missing",
            s -> useMetric(s).setName(null),
            "spec.alarms[0].metric.name",
            "required"),
        bad(
            "alarm metric name too long",
            s -> useMetric(s).setName("n".repeat(256)),
            "spec.alarms[0].metric.name",
            "1-255 characters"),
        bad(
            "31 alarm dimensions",
            s -> useMetric(s).setDimensions(dimensions(31)),
            "spec.alarms[0].metric.dimensions",
            "at most 30 dimensions, got 31"),
        bad(
            "empty alarm dimension value",
            s -> useMetric(s).setDimensions(Map.of("EndpointName", "")),
            "spec.alarms[0].metric.dimensions[\"EndpointName\"]",
            "dimension value must be 1-255 characters, got 0"),
        bad(
            "no statistic",
            s -> alarm(s).setStatistic(null),
            "spec.alarms[0]",
            "exactly one of statistic or extendedStatistic, got neither"),
        bad(
            "both statistics",
            s -> alarm(s).setExtendedStatistic("p99"),
            "spec.alarms[0]",
            "exactly one of statistic or extendedStatistic, got both"),
        bad(
            "statistic unknown",
            s -> alarm(s).setStatistic("Median"),
            "spec.alarms[0].statistic",
            "SampleCount, Average, Sum, Minimum or Maximum, got \"Median\""),
        bad(
            "extended statistic over 100",
            s -> {
              alarm(s).setStatistic(null);
              alarm(s).setExtendedStatistic("p101");
            },
            "spec.alarms[0].extendedStatistic",
            "percentile statistic"),
        bad("period missing", s -> alarm(s).setPeriod(null), "spec.alarms[0].period", "required"),
        bad(
            "period 45",
            s -> alarm(s).setPeriod(45),
            "spec.alarms[0].period",
            "must be 10, 20, 30 or a multiple of 60, got 45"),
        bad(
            "period 0",
            s -> alarm(s).setPeriod(0),
            "spec.alarms[0].period",
            "multiple of 60, got 0"),
        bad(
            "period over a week",
            s -> alarm(s).setPeriod(604_860),
            "spec.alarms[0].period",
            "at most 604800 seconds"),
        bad(
            "evaluation periods missing",
            s -> alarm(s).setEvaluationPeriods(null),
            "spec.alarms[0].evaluationPeriods",
            "required"),
        bad(
            "evaluation periods zero",
            s -> alarm(s).setEvaluationPeriods(0),
            "spec.alarms[0].evaluationPeriods",
            "between 1 and"),
        bad(
            "evaluation range over a day",
            s -> alarm(s).setEvaluationPeriods(1441),
            "spec.alarms[0].evaluationPeriods",
            "at most 86400 seconds (604800 when period >= 3600), got 60 * 1441 = 86460"),
        bad(
            "evaluation range over a week",
            s -> {
              alarm(s).setPeriod(3600);
              alarm(s).setEvaluationPeriods(169);
            },
            "spec.alarms[0].evaluationPeriods",
            "got 3600 * 169 = 608400"),
        bad(
            "datapoints over evaluation periods",
            s -> alarm(s).setDatapointsToAlarm(2),
            "spec.alarms[0].datapointsToAlarm",
            "between 1 and evaluationPeriods (1), got 2"),
        bad(
            "datapoints zero",
            s -> alarm(s).setDatapointsToAlarm(0),
            "spec.alarms[0].datapointsToAlarm",
            "got 0"),
        bad(
            "comparison operator missing",
            s -> alarm(s).setComparisonOperator(null),
            "spec.alarms[0].comparisonOperator",
            "required"),
        bad(
            "comparison operator unknown",
            s -> alarm(s).setComparisonOperator("GreaterThan"),
            "spec.alarms[0].comparisonOperator",
            "GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold,"),
        bad(
            "threshold missing",
            s -> alarm(s).setThreshold(null),
            "spec.alarms[0].threshold",
            "required"),
        bad(
            "threshold infinite",
            s -> alarm(s).setThreshold(Double.POSITIVE_INFINITY),
            "spec.alarms[0].threshold",
            "finite"),
        bad(
            "treat missing data unknown",
            s -> alarm(s).setTreatMissingData("Breaching"),
            "spec.alarms[0].treatMissingData",
            "breaching, notBreaching, ignore or missing"),
        bad(
            "six alarm actions",
            s -> alarm(s).getActions().setAlarm(topics(6)),
            "spec.alarms[0].actions.alarm",
            "at most 5 actions per alarm state, got 6"),
        bad(
            "six ok actions",
            s -> alarm(s).getActions().setOk(topics(6)),
            "spec.alarms[0].actions.ok",
            "at most 5"),
        bad(
            "six insufficient data actions",
            s -> alarm(s).getActions().setInsufficientData(topics(6)),
            "spec.alarms[0].actions.insufficientData",
            "at most 5"),
        bad(
            "action not an ARN",
            s -> alarm(s).getActions().setOk(list("model-alerts")),
            "spec.alarms[0].actions.ok[0]",
            "must be an ARN"),
        bad(
            "duplicate action",
            s -> alarm(s).getActions().setAlarm(list(TOPIC, TOPIC)),
            "spec.alarms[0].actions.alarm[1]",
            "must be unique"),
        bad(
            "null action",
            s -> alarm(s).getActions().setInsufficientData(list((String) null)),
            "spec.alarms[0].actions.insufficientData[0]",
            "required"),
        // notifications
        bad(
            "notification topic not SNS",
            s -> notify(s, "arn:aws:sqs:us-east-1:123456789012:model-alerts"),
            "spec.notifications.snsTopicArn",
            "must be an SNS topic ARN"),
        bad(
            "notification topic name with dot",
            s -> notify(s, "arn:aws:sns:us-east-1:123456789012:model.alerts"),
            "spec.notifications.snsTopicArn",
            "must be an SNS topic ARN"),
        // tags
        bad(
            "45 tags",
            s -> IntStream.range(0, 43).forEach(i -> s.getTags().put("t" + i, "v")),
            "spec.tags",
            "at most 44 tags (AWS allows 50"),
        bad(
            "tag key aws:",
            s -> s.getTags().put("aws:cost", "x"),
            "spec.tags[\"aws:cost\"]",
            "must not start with aws:"),
        bad(
            "tag key AWS: in upper case",
            s -> s.getTags().put("AWS:cost", "x"),
            "spec.tags[\"AWS:cost\"]",
            "must not start with aws:"),
        bad(
            "tag key of the operator",
            s -> s.getTags().put("modelaudit.io/owner", "ml-prod/other"),
            "spec.tags[\"modelaudit.io/owner\"]",
            "reserved for the operator"),
        bad(
            "tag key too long",
            s -> s.getTags().put("k".repeat(129), "x"),
            "spec.tags[\"" + "k".repeat(129) + "\"]",
            "tag key must be 1-128 characters, got 129"),
        bad(
            "tag key empty",
            s -> s.getTags().put("", "x"),
            "spec.tags[\"\"]",
            "tag key must be 1-128 characters, got 0"),
        bad(
            "tag key with hash",
            s -> s.getTags().put("team#1", "x"),
            "spec.tags[\"team#1\"]",
            "tag key must contain only letters"),
        bad(
            "tag value too long",
            s -> s.getTags().put("Owner", "v".repeat(257)),
            "spec.tags[\"Owner\"]",
            "tag value must be at most 256 characters, got 257"),
        bad(
            "tag value with semicolon",
            s -> s.getTags().put("Owner", "a;b"),
            "spec.tags[\"Owner\"]",
            "tag value must contain only"),
        bad(
            "tag value null",
            s -> s.getTags().put("Owner", null),
            "spec.tags[\"Owner\"]",
            "tag value is required"),
        // deletionPolicy
        bad(
            "deletion policy unknown",
            s -> s.setDeletionPolicy("Destroy"),
            "spec.deletionPolicy",
            "Retain, Delete or Orphan, got \"Destroy\""));
  }

  @Test
  void reportsEveryViolationAtOnceInFieldOrder() {
    ModelAuditSpec spec = seed();
    spec.setRegion("Mars");
    logGroup(spec).setRetentionInDays(8);
    filter(spec).getMetric().setUnit("Percents");
    alarm(spec).setPeriod(45);
    alarm(spec).setThreshold(null);
    alarm(spec).getActions().setOk(list("arn:aws:lambda:us-east-1:123456789012:function:f"));
    spec.getTags().put("aws:team", "x");
    spec.setDeletionPolicy("Keep");

    List<Violation> violations = validate(spec);

    assertThat(violations)
        .extracting(Violation::field, Violation::kind)
        .containsExactly(
            tuple("spec.region", Kind.INVALID_SPEC),
            tuple("spec.logGroup.retentionInDays", Kind.INVALID_SPEC),
            tuple("spec.metricFilters[0].metric.unit", Kind.INVALID_SPEC),
            tuple("spec.alarms[0].period", Kind.INVALID_SPEC),
            tuple("spec.alarms[0].threshold", Kind.INVALID_SPEC),
            tuple("spec.alarms[0].actions.ok[0]", Kind.POLICY),
            tuple("spec.tags[\"aws:team\"]", Kind.INVALID_SPEC),
            tuple("spec.deletionPolicy", Kind.INVALID_SPEC));
    assertThat(violations.get(3))
        .hasToString("spec.alarms[0].period: must be 10, 20, 30 or a multiple of 60, got 45");
  }

  @Test
  void reportsTheSameViolationsEachTime() {
    ModelAuditSpec spec = seed();
    spec.setLogStreams(list("a:b", "c*d", "", "a:b"));
    spec.getTags().put("aws:x", "1");
    spec.getTags().put("modelaudit.io/y", "2");

    assertThat(validate(spec)).hasSize(6).isEqualTo(validate(spec));
  }

  // ---- boundaries ----

  @Test
  void fiveActionsPerStateAreAllowedButNotSix() {
    ModelAuditSpec spec = seed();
    alarm(spec).getActions().setAlarm(topics(5));
    alarm(spec).getActions().setOk(topics(5));
    alarm(spec).getActions().setInsufficientData(topics(5));
    assertThat(validate(spec)).isEmpty();

    alarm(spec).getActions().setOk(topics(6));
    assertThat(validate(spec))
        .extracting(Violation::field)
        .containsExactly("spec.alarms[0].actions.ok");
  }

  @Test
  void hundredMetricFiltersAreAllowedButNotHundredAndOne() {
    ModelAuditSpec spec = seed();
    IntStream.range(1, 100).forEach(i -> extraFilter(spec, "f" + i));
    assertThat(spec.getMetricFilters()).hasSize(100);
    assertThat(validate(spec)).isEmpty();

    extraFilter(spec, "f100");
    assertThat(validate(spec)).extracting(Violation::field).containsExactly("spec.metricFilters");
  }

  @Test
  void patternOf1024CharactersIsAllowedButNot1025() {
    ModelAuditSpec spec = seed();
    filter(spec).setPattern("x".repeat(1024));
    assertThat(validate(spec)).isEmpty();

    filter(spec).setPattern("x".repeat(1025));
    assertThat(validate(spec))
        .extracting(Violation::field)
        .containsExactly("spec.metricFilters[0].pattern");
  }

  @Test
  void emptyPatternMatchesEveryEventAndIsAllowed() {
    ModelAuditSpec spec = seed();
    filter(spec).setPattern("");
    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void evaluationRangeMayReachOneDayOrOneWeekForHourlyPeriods() {
    ModelAuditSpec spec = seed();
    alarm(spec).setPeriod(60 * 1440);
    alarm(spec).setEvaluationPeriods(1);
    assertThat(validate(spec)).isEmpty();

    alarm(spec).setPeriod(60);
    alarm(spec).setEvaluationPeriods(1440);
    assertThat(validate(spec)).isEmpty();

    onACustomMetric(alarm(spec));
    alarm(spec).setPeriod(10);
    alarm(spec).setEvaluationPeriods(8640);
    assertThat(validate(spec)).isEmpty();

    alarm(spec).setPeriod(3600);
    alarm(spec).setEvaluationPeriods(168);
    alarm(spec).setDatapointsToAlarm(168);
    assertThat(validate(spec)).isEmpty();

    alarm(spec).setPeriod(604_800);
    alarm(spec).setEvaluationPeriods(1);
    alarm(spec).setDatapointsToAlarm(1);
    assertThat(validate(spec)).isEmpty();

    alarm(spec).setPeriod(604_800);
    alarm(spec).setEvaluationPeriods(2);
    assertThat(validate(spec))
        .extracting(Violation::field)
        .containsExactly("spec.alarms[0].evaluationPeriods");
  }

  @Test
  void shortPeriodsOf10To30SecondsAreAllowedOnMetricsOtherThanAFilters() {
    for (int period : new int[] {10, 20, 30, 120, 300}) {
      ModelAuditSpec spec = seed();
      onACustomMetric(alarm(spec));
      alarm(spec).setPeriod(period);
      assertThat(validate(spec)).as("period %d", period).isEmpty();
    }
  }

  @Test
  void extendedStatisticsOfEveryFamilyAreAllowed() {
    for (String statistic :
        List.of("p0", "p50", "p99.999", "p100", "tm90", "wm99", "tc10", "ts5.5", "IQM")) {
      ModelAuditSpec spec = seed();
      alarm(spec).setStatistic(null);
      alarm(spec).setExtendedStatistic(statistic);
      assertThat(validate(spec)).as(statistic).isEmpty();
    }
  }

  @Test
  void unicodeLettersAreAllowedInTagsAndCountAsOneCharacterEach() {
    ModelAuditSpec spec = seed();
    spec.getTags().put("Équipe", "Données et modèles");
    spec.getTags().put("チーム", "データ基盤 1");
    spec.getTags().put("Ελληνικά", "Μοντέλο");
    // U+1D49C is one letter but two UTF-16 units: 256 of them are still 256 characters.
    spec.getTags().put("Script", "\uD835\uDC9C".repeat(256));
    assertThat(validate(spec)).isEmpty();

    spec.getTags().put("Script", "\uD835\uDC9C".repeat(257));
    assertThat(validate(spec))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("got 257"));
  }

  @Test
  void fortyFourTagsAreAllowed() {
    ModelAuditSpec spec = seed();
    IntStream.range(0, 42).forEach(i -> spec.getTags().put("t" + i, "v"));
    assertThat(spec.getTags()).hasSize(44);
    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void fiftyLogStreamsAndThreeFilterDimensionsAreAllowed() {
    ModelAuditSpec spec = seed();
    spec.setLogStreams(names("stream-", 50));
    dimensioned(spec).setDimensions(Map.of("a", "$.a", "b", "$.b", "c", "$.c"));
    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void tagKeyIsQuotedAndEscapedInThePath() {
    ModelAuditSpec spec = seed();
    spec.getTags().put("a\"b", "x");
    assertThat(validate(spec))
        .extracting(Violation::field)
        .containsExactly("spec.tags[\"a\\\"b\"]");
  }

  @Test
  void hugeValuesAreShortenedInMessages() {
    ModelAuditSpec spec = seed();
    spec.setRegion("x".repeat(10_000));
    logGroup(spec).setLogGroupClass("c".repeat(10_000));
    assertThat(validate(spec)).allSatisfy(v -> assertThat(v.message()).hasSizeLessThan(200));
  }

  // ---- tenancy policy ----

  @Test
  void logGroupOutsideTheNamespacePrefixIsAPolicyViolation() {
    for (String name :
        List.of("/modelaudit/other-ns/fraud-detector", "/aws/lambda/x", "/modelaudit/ml-prod")) {
      ModelAuditSpec spec = seed();
      logGroup(spec).setName(name);

      assertThat(validate(spec))
          .as(name)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.kind()).isEqualTo(Kind.POLICY);
                assertThat(v.field()).isEqualTo("spec.logGroup.name");
                assertThat(v.message()).contains("must start with \"/modelaudit/ml-prod/\"");
              });
    }
  }

  @Test
  void defaultLogGroupNameIsCheckedAgainstACustomPrefix() {
    ModelAuditSpec spec = seed();
    spec.setLogGroup(null);
    assertThat(validate(spec)).isEmpty();

    OperatorConfig teams = Fixtures.config().withLogGroupPrefixTemplate("/teams/{namespace}/");
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, teams))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(Kind.POLICY);
              assertThat(v.field()).isEqualTo("spec.logGroup.name");
              assertThat(v.message())
                  .contains("/modelaudit/ml-prod/fraud-detector")
                  .contains("\"/teams/ml-prod/\"");
            });
  }

  @Test
  void emptyPrefixAllowsAnyLogGroupName() {
    ModelAuditSpec spec = seed();
    logGroup(spec).setName("/aws/anything");
    OperatorConfig open = Fixtures.config().withLogGroupPrefixTemplate("");
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, open)).isEmpty();
  }

  @Test
  void nonSnsActionIsAPolicyViolation() {
    ModelAuditSpec spec = seed();
    alarm(spec)
        .getActions()
        .setAlarm(list(TOPIC, "arn:aws:lambda:us-east-1:123456789012:function:notify"));

    assertThat(validate(spec))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(Kind.POLICY);
              assertThat(v.field()).isEqualTo("spec.alarms[0].actions.alarm[1]");
              assertThat(v.message()).contains(OperatorConfig.DEFAULT_ALLOWED_ACTION_ARNS);
            });
  }

  @Test
  void configurationCanWidenOrNarrowAllowedActions() {
    ModelAuditSpec spec = seed();
    String lambda = "arn:aws:lambda:us-east-1:123456789012:function:notify";
    alarm(spec).getActions().setInsufficientData(list(lambda));
    notify(spec, TOPIC);
    OperatorConfig wide =
        Fixtures.config()
            .withAllowedActionArnPatterns(List.of("^arn:aws:sns:.+$", "^arn:aws:lambda:.+$"));
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, wide)).isEmpty();

    alarm(spec).getActions().setInsufficientData(null);
    OperatorConfig otherAccount =
        Fixtures.config()
            .withAllowedActionArnPatterns(List.of("^arn:aws:sns:us-east-1:111111111111:.+$"));
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, otherAccount))
        .extracting(Violation::field, Violation::kind)
        .containsExactly(
            tuple("spec.alarms[0].actions.alarm[0]", Kind.POLICY),
            tuple("spec.alarms[0].actions.ok[0]", Kind.POLICY),
            tuple("spec.notifications.snsTopicArn", Kind.POLICY));
  }

  @Test
  void noAllowedPatternsRejectsEveryAction() {
    ModelAuditSpec spec = seed();
    OperatorConfig none = Fixtures.config().withAllowedActionArnPatterns(List.of());
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, none))
        .hasSize(2)
        .allSatisfy(v -> assertThat(v.message()).contains("allows no action ARNs"));
  }

  // ---- alarms on dimensioned metrics, and the metric policy ----

  @Test
  void anAlarmOnAFilterWhoseMetricHasDimensionsIsRefused() {
    ModelAuditSpec spec = seed();
    filter(spec).getMetric().setDimensions(Map.of("Model", "$.model"));

    assertThat(validate(spec))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(Kind.INVALID_SPEC);
              assertThat(v.field()).isEqualTo("spec.alarms[0].metricFilter");
              assertThat(v.message())
                  .contains("filter \"events\" publishes its metric with dimension Model")
                  .contains(
                      "metric: {namespace: AIModelAuditing, name: EventCount, dimensions: {Model:");
            });
  }

  @Test
  void anAlarmMayWatchOneDimensionValueOfItsOwnFiltersMetricWhateverThePolicy() {
    ModelAuditSpec spec = seed();
    filter(spec).getMetric().setDimensions(Map.of("Model", "$.model"));
    useMetric(spec, "AIModelAuditing", "EventCount").setDimensions(Map.of("Model", "fraud"));

    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void anAlarmOnItsOwnFiltersMetricMustNameExactlyThatMetricsDimensions() {
    ModelAuditSpec spec = seed();
    filter(spec).getMetric().setDimensions(Map.of("Model", "$.model"));
    AlarmMetricSpec metric = useMetric(spec, "AIModelAuditing", "EventCount");

    assertThat(validate(spec))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(Kind.INVALID_SPEC);
              assertThat(v.field()).isEqualTo("spec.alarms[0].metric.dimensions");
              assertThat(v.message()).contains("Model").contains("filter \"events\"");
            });

    metric.setDimensions(Map.of("Model", "fraud", "Version", "3"));
    assertThat(validate(spec))
        .extracting(Violation::field)
        .containsExactly("spec.alarms[0].metric.dimensions");
  }

  @Test
  void anAlarmMetricOutsideThePolicyIsAPolicyViolation() {
    for (String namespace :
        List.of("AWS/SageMaker", "AIModelAuditing", "AIModelAuditing/ml-prodx", "ml-prod")) {
      ModelAuditSpec spec = seed();
      useMetric(spec, namespace, "Invocations");

      assertThat(validate(spec))
          .as(namespace)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.kind()).isEqualTo(Kind.POLICY);
                assertThat(v.field()).isEqualTo("spec.alarms[0].metric.namespace");
                assertThat(v.message())
                    .contains("\"AIModelAuditing/ml-prod\"")
                    .contains("\"" + namespace + "\"");
              });
    }
  }

  @Test
  void anAlarmMetricInTheNamespaceThePolicyGivesIsAllowed() {
    for (String namespace : List.of("AIModelAuditing/ml-prod", "AIModelAuditing/ml-prod/fraud")) {
      ModelAuditSpec spec = seed();
      useMetric(spec, namespace, "Invocations");
      assertThat(validate(spec)).as(namespace).isEmpty();
    }
  }

  @Test
  void configurationCanWidenOrCloseTheMetricsAlarmsMayWatch() {
    ModelAuditSpec spec = seed();
    useMetric(spec, "AWS/SageMaker", "Invocations");
    OperatorConfig any = Fixtures.config().withAlarmMetricNamespaces(List.of("*"));
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, any)).isEmpty();
    OperatorConfig sageMaker =
        Fixtures.config().withAlarmMetricNamespaces(List.of("AWS/SageMaker"));
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, sageMaker)).isEmpty();

    OperatorConfig none = Fixtures.config().withAlarmMetricNamespaces(List.of());
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, none))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("and no others"));

    filter(spec).getMetric().setNamespace("AWS/SageMaker");
    filter(spec).getMetric().setName("Invocations");
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, none))
        .as("a metric its own filter publishes")
        .isEmpty();
  }

  // ---- helpers ----

  /** One broken spec: how to break the seed, and where and how the break must be reported. */
  record Case(String name, Consumer<ModelAuditSpec> change, String field, String phrase) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case bad(
      String name, Consumer<ModelAuditSpec> change, String field, String phrase) {
    return new Case(name, change, field, phrase);
  }

  private static List<Violation> validate(ModelAuditSpec spec) {
    return SpecValidator.validate(spec, NAMESPACE, NAME, Fixtures.config());
  }

  private static ModelAuditSpec seed() {
    return parse(SEED, ModelAuditSpec.class);
  }

  /** Parses YAML; block style only, since text starting with '{' is read as JSON. */
  private static <T> T parse(String yaml, Class<T> type) {
    return Serialization.unmarshal(yaml, type);
  }

  private static LogGroupSpec logGroup(ModelAuditSpec spec) {
    return spec.getLogGroup();
  }

  private static MetricFilterSpec filter(ModelAuditSpec spec) {
    return spec.getMetricFilters().get(0);
  }

  /**
   * The seed filter's metric, ready for dimensions: the seed alarm then watches another metric, as
   * an alarm on a filter whose metric has dimensions is refused.
   */
  private static MetricTransformationSpec dimensioned(ModelAuditSpec spec) {
    useMetric(spec);
    return filter(spec).getMetric();
  }

  private static AlarmSpec alarm(ModelAuditSpec spec) {
    return spec.getAlarms().get(0);
  }

  /** Points the alarm at a custom metric, which may be published at high resolution. */
  private static void onACustomMetric(AlarmSpec alarm) {
    alarm.setMetricFilter(null);
    alarm.setMetric(
        parse(
            "namespace: AIModelAuditing/" + NAMESPACE + "\nname: LatencyHighResolution",
            AlarmMetricSpec.class));
  }

  private static void model(ModelAuditSpec spec, String name, String version) {
    spec.setModel(new ModelRef(name, version));
  }

  private static void notify(ModelAuditSpec spec, String topicArn) {
    NotificationsSpec notifications = new NotificationsSpec();
    notifications.setSnsTopicArn(topicArn);
    spec.setNotifications(notifications);
  }

  /** Appends a valid filter with this name (which may be null) and returns it. */
  private static MetricFilterSpec extraFilter(ModelAuditSpec spec, String name) {
    MetricFilterSpec filter =
        parse(
            """
            pattern: '{ $.level = "ERROR" }'
            metric: {namespace: A, name: Errors, value: '1'}
            """,
            MetricFilterSpec.class);
    filter.setName(name);
    spec.getMetricFilters().add(filter);
    return filter;
  }

  /** Appends a copy of the seed alarm under this name and returns it. */
  private static AlarmSpec extraAlarm(ModelAuditSpec spec, String name) {
    AlarmSpec alarm = parse(Serialization.asYaml(alarm(spec)), AlarmSpec.class);
    alarm.setName(name);
    spec.getAlarms().add(alarm);
    return alarm;
  }

  /**
   * Makes the seed alarm watch a metric directly instead of the filter's, in a metric namespace the
   * default policy allows the seed's namespace, and returns it.
   */
  private static AlarmMetricSpec useMetric(ModelAuditSpec spec) {
    return useMetric(spec, "AIModelAuditing/ml-prod", "Invocations");
  }

  private static AlarmMetricSpec useMetric(ModelAuditSpec spec, String namespace, String name) {
    AlarmMetricSpec metric = new AlarmMetricSpec();
    metric.setNamespace(namespace);
    metric.setName(name);
    alarm(spec).setMetricFilter(null);
    alarm(spec).setMetric(metric);
    return metric;
  }

  private static List<String> topics(int count) {
    return names("arn:aws:sns:us-east-1:123456789012:topic-", count);
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> prefix + i)
        .collect(ArrayList::new, List::add, List::addAll);
  }

  private static Map<String, String> dimensions(int count) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    IntStream.range(0, count).forEach(i -> dimensions.put("d" + i, "v" + i));
    return dimensions;
  }

  @SafeVarargs
  private static <T> List<T> list(T... items) {
    return new ArrayList<>(Arrays.asList(items));
  }
}
