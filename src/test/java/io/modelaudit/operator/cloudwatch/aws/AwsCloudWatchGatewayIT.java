package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

/**
 * The AWS adapter through the real SDK clients against moto. Where moto differs from AWS the test
 * says so and asserts what moto really does, so that a moto upgrade that closes a gap shows up.
 */
@ExtendWith(MotoServer.Extension.class)
class AwsCloudWatchGatewayIT {

  private static final String REGION = MotoSupport.REGION;
  private static final String ACCOUNT = MotoSupport.ACCOUNT_ID;
  private static final String KMS_KEY =
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:model-alerts";

  private static MotoServer moto;
  private static AwsCloudWatchGateways gateways;
  private static CloudWatchGateway gateway;
  private static CloudWatchLogsClient rawLogs;
  private static CloudWatchClient rawCloudWatch;

  @BeforeAll
  static void connect(MotoServer server) {
    moto = server;
    gateways = MotoSupport.gateways(moto);
    gateway = gateways.forRegion(REGION);
    rawLogs = MotoSupport.logsClient(moto);
    rawCloudWatch = MotoSupport.cloudWatchClient(moto);
  }

  @AfterAll
  static void disconnect() {
    if (gateways != null) {
      gateways.close();
    }
    if (rawLogs != null) {
      rawLogs.close();
    }
    if (rawCloudWatch != null) {
      rawCloudWatch.close();
    }
  }

  @BeforeEach
  void startFromNothing() {
    moto.reset();
  }

  // ---- log groups ----

  @Test
  void createsDescribesAndDeletesALogGroup() {
    LogGroupConfig config =
        new LogGroupConfig("/modelaudit/ml-prod/fraud", 7, KMS_KEY, "STANDARD", false);
    Map<String, String> tags = Map.of("Environment", "production", "modelaudit.io/owner", "a/b");

    gateway.createLogGroup(config, tags);
    // CreateLogGroup has no retention parameter: retention is a separate write.
    assertThat(gateway.describeLogGroup("/modelaudit/ml-prod/fraud").orElseThrow().config())
        .isEqualTo(
            new LogGroupConfig("/modelaudit/ml-prod/fraud", null, KMS_KEY, "STANDARD", false));
    gateway.putRetentionPolicy("/modelaudit/ml-prod/fraud", 7);

    ObservedLogGroup observed = gateway.describeLogGroup("/modelaudit/ml-prod/fraud").orElseThrow();
    assertThat(observed.config()).isEqualTo(config);
    assertThat(observed.arn())
        .isEqualTo("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/modelaudit/ml-prod/fraud");
    assertThat(gateway.listLogGroupTags(observed.arn())).isEqualTo(tags);
    // Read back independently of the adapter: the raw API still carries the ":*" form.
    assertThat(rawLogs.describeLogGroups(b -> b.logGroupNamePrefix("/modelaudit/")).logGroups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.arn()).isEqualTo(observed.arn() + ":*");
              assertThat(g.retentionInDays()).isEqualTo(7);
              assertThat(g.kmsKeyId()).isEqualTo(KMS_KEY);
            });

    gateway.deleteLogGroup("/modelaudit/ml-prod/fraud");

    assertThat(gateway.describeLogGroup("/modelaudit/ml-prod/fraud")).isEmpty();
  }

  @Test
  void describeLogGroupMatchesTheExactNameOnly() {
    for (String name : List.of("/m/a", "/m/ab", "/m/a/x", "/m/b")) {
      gateway.createLogGroup(group(name), Map.of());
    }

    assertThat(gateway.describeLogGroup("/m/a")).map(ObservedLogGroup::name).contains("/m/a");
    assertThat(gateway.describeLogGroup("/m/")).isEmpty();
    assertThat(gateway.describeLogGroup("/m/zz")).isEmpty();
  }

  @Test
  void listsLogGroupsAcrossPages() {
    IntStream.range(0, 60)
        .forEach(
            i -> gateway.createLogGroup(group("/modelaudit/ns/g-%03d".formatted(i)), Map.of()));
    gateway.createLogGroup(group("/other/g"), Map.of());

    // moto pages DescribeLogGroups by 50 like AWS, so 60 groups take two pages.
    DescribeLogGroupsResponse firstPage =
        rawLogs.describeLogGroups(b -> b.logGroupNamePrefix("/modelaudit/"));
    assertThat(firstPage.logGroups()).hasSize(50);
    assertThat(firstPage.nextToken()).isNotNull();

    List<ObservedLogGroup> listed = gateway.listLogGroups("/modelaudit/");
    assertThat(listed).hasSize(60);
    assertThat(listed).extracting(ObservedLogGroup::name).doesNotHaveDuplicates();
    assertThat(listed).allSatisfy(g -> assertThat(g.arn()).doesNotEndWith(":*"));
    assertThat(gateway.listLogGroups("")).hasSize(61);
  }

  @Test
  void putsAndDeletesTheRetentionPolicy() {
    gateway.createLogGroup(group("/r/g"), Map.of());

    gateway.putRetentionPolicy("/r/g", 30);
    assertThat(retentionOf("/r/g")).isEqualTo(30);

    gateway.deleteRetentionPolicy("/r/g");
    assertThat(retentionOf("/r/g")).isNull();
  }

  @Test
  void motoAcceptsARetentionThatAwsRejects() {
    gateway.createLogGroup(group("/r/odd"), Map.of());

    // AWS only takes 1, 3, 5, 7, 14, ... and answers InvalidParameterException for 4; moto stores
    // any number. The operator validates retention itself, so this gap is harmless.
    gateway.putRetentionPolicy("/r/odd", 4);

    assertThat(retentionOf("/r/odd")).isEqualTo(4);
  }

  @Test
  void kmsKeyAtCreationIsKeptButMotoLacksAssociateAndDisassociate() {
    gateway.createLogGroup(new LogGroupConfig("/k/g", null, KMS_KEY, null, false), Map.of());
    assertThat(gateway.describeLogGroup("/k/g").orElseThrow().config().kmsKeyArn())
        .isEqualTo(KMS_KEY);

    // moto 5.2.1 does not implement AssociateKmsKey / DisassociateKmsKey: it answers HTTP 500,
    // which the adapter (after the SDK's retries) reports as TRANSIENT, as it would for AWS.
    assertKind(() -> gateway.associateKmsKey("/k/g", KMS_KEY), Kind.TRANSIENT, "AssociateKmsKey");
    assertKind(() -> gateway.disassociateKmsKey("/k/g"), Kind.TRANSIENT, "DisassociateKmsKey");
  }

  @Test
  void motoIgnoresDeletionProtectionAndLogGroupClass() {
    gateway.createLogGroup(
        new LogGroupConfig("/d/g", null, null, "INFREQUENT_ACCESS", true), Map.of());

    ObservedLogGroup observed = gateway.describeLogGroup("/d/g").orElseThrow();
    // AWS would report deletionProtectionEnabled=true and logGroupClass=INFREQUENT_ACCESS. moto
    // drops both at creation and describes neither; the adapter reads an absent class as AWS's
    // default, STANDARD, and absent protection as off.
    assertThat(observed.config().deletionProtection()).isFalse();
    assertThat(observed.config().logGroupClass()).isEqualTo("STANDARD");

    // moto has no PutLogGroupDeletionProtection (HTTP 500 -> TRANSIENT) ...
    assertKind(
        () -> gateway.putDeletionProtection("/d/g", false),
        Kind.TRANSIENT,
        "PutLogGroupDeletionProtection");
    // ... and deletes a group that AWS would refuse to delete (ValidationException -> CONFLICT).
    gateway.deleteLogGroup("/d/g");
    assertThat(gateway.describeLogGroup("/d/g")).isEmpty();
  }

  @Test
  void tagsAndUntagsALogGroup() {
    gateway.createLogGroup(group("/t/g"), Map.of("a", "1", "b", "2"));
    String arn = gateway.describeLogGroup("/t/g").orElseThrow().arn();

    gateway.tagLogGroup(arn, Map.of("b", "20", "c", "3"));
    gateway.untagLogGroup(arn, Set.of("a"));

    assertThat(gateway.listLogGroupTags(arn)).isEqualTo(Map.of("b", "20", "c", "3"));
    assertThat(rawLogs.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .isEqualTo(Map.of("b", "20", "c", "3"));
  }

  // ---- log streams ----

  @Test
  void createsListsAndDeletesLogStreamsAcrossPages() {
    gateway.createLogGroup(group("/s/g"), Map.of());
    List<String> names = IntStream.range(0, 55).mapToObj("stream-%02d"::formatted).toList();
    names.forEach(n -> gateway.createLogStream("/s/g", n));

    // moto pages DescribeLogStreams by 50 like AWS.
    assertThat(gateway.listLogStreams("/s/g")).containsExactlyInAnyOrderElementsOf(names);

    gateway.deleteLogStream("/s/g", "stream-00");
    assertThat(gateway.listLogStreams("/s/g")).hasSize(54).doesNotContain("stream-00");
  }

  @Test
  void aGroupWithoutStreamsListsNone() {
    gateway.createLogGroup(group("/s/empty"), Map.of());

    assertThat(gateway.listLogStreams("/s/empty")).isEmpty();
  }

  // ---- metric filters ----

  @Test
  void putsDescribesAndDeletesMetricFiltersWithTheirFullTransformation() {
    gateway.createLogGroup(group("/f/g"), Map.of());
    MetricFilterConfig latency =
        new MetricFilterConfig(
            "/f/g",
            "latency",
            "{ $.latencyMs = * }",
            "AIModelAuditing",
            "Latency",
            "$.latencyMs",
            0.0,
            "Milliseconds",
            Map.of("Model", "$.model", "Version", "$.version"));
    MetricFilterConfig errors =
        new MetricFilterConfig(
            "/f/g",
            "errors",
            "[timestamp=*Z, request_id, event, ...]",
            "AIModelAuditing",
            "EventCount",
            "1",
            null,
            null,
            Map.of());

    gateway.putMetricFilter(latency);
    gateway.putMetricFilter(errors);

    assertThat(gateway.describeMetricFilters("/f/g")).containsExactlyInAnyOrder(latency, errors);
    MetricTransformation sent =
        rawLogs
            .describeMetricFilters(b -> b.logGroupName("/f/g").filterNamePrefix("latency"))
            .metricFilters()
            .get(0)
            .metricTransformations()
            .get(0);
    assertThat(sent.unitAsString()).isEqualTo("Milliseconds");
    assertThat(sent.defaultValue()).isEqualTo(0.0);
    assertThat(sent.dimensions()).containsEntry("Model", "$.model");

    gateway.deleteMetricFilter("/f/g", "latency");
    assertThat(gateway.describeMetricFilters("/f/g")).containsExactly(errors);
  }

  @Test
  void listsTheMetricFiltersOfTheRegionByLogGroupPrefix() {
    gateway.createLogGroup(group("/modelaudit/inv/a"), Map.of());
    gateway.createLogGroup(group("/modelaudit/inv/b"), Map.of());
    gateway.createLogGroup(group("/other/c"), Map.of());
    List<MetricFilterConfig> ours = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      for (String g : List.of("/modelaudit/inv/a", "/modelaudit/inv/b")) {
        MetricFilterConfig filter =
            new MetricFilterConfig(
                g, "f-%02d".formatted(i), "ERROR", "NS", "M", "1", null, null, Map.of());
        gateway.putMetricFilter(filter);
        ours.add(filter);
      }
    }
    gateway.putMetricFilter(
        new MetricFilterConfig("/other/c", "x", "ERROR", "NS", "M", "1", null, null, Map.of()));

    // DescribeMetricFilters without a group name lists the region; the prefix is applied after.
    assertThat(gateway.listMetricFilters("/modelaudit/")).containsExactlyInAnyOrderElementsOf(ours);
    assertThat(gateway.listMetricFilters("")).hasSize(61);
  }

  @Test
  void aUnitOfNoneReadsAsNoUnit() {
    gateway.createLogGroup(group("/f/none"), Map.of());
    MetricFilterConfig withNone =
        new MetricFilterConfig("/f/none", "n", "ERROR", "NS", "M", "1", null, "None", Map.of());

    gateway.putMetricFilter(withNone);

    assertThat(gateway.describeMetricFilters("/f/none"))
        .singleElement()
        .satisfies(f -> assertThat(f.unit()).isNull());
  }

  @Test
  void motoAppendsInsteadOfReplacingAMetricFilterOfTheSameName() {
    gateway.createLogGroup(group("/f/dup"), Map.of());
    MetricFilterConfig first =
        new MetricFilterConfig("/f/dup", "errors", "ERROR", "NS", "M", "1", null, null, Map.of());
    MetricFilterConfig second =
        new MetricFilterConfig("/f/dup", "errors", "FATAL", "NS", "M", "2", null, null, Map.of());

    gateway.putMetricFilter(first);
    gateway.putMetricFilter(second);

    // AWS replaces a filter put again under its name; moto 5.2.1 keeps both.
    List<MetricFilter> stored =
        rawLogs.describeMetricFilters(b -> b.logGroupName("/f/dup")).metricFilters();
    assertThat(stored).extracting(MetricFilter::filterPattern).containsExactly("ERROR", "FATAL");
    assertThat(gateway.describeMetricFilters("/f/dup")).containsExactly(first, second);
  }

  @Test
  void motoTakesAMetricFilterForAGroupThatDoesNotExist() {
    MetricFilterConfig orphan =
        new MetricFilterConfig("/f/missing", "x", "ERROR", "NS", "M", "1", null, null, Map.of());

    // AWS answers ResourceNotFoundException; moto stores the filter.
    gateway.putMetricFilter(orphan);

    assertThat(gateway.describeMetricFilters("/f/missing")).containsExactly(orphan);
  }

  // ---- alarms ----

  @Test
  void putsAndDescribesAnAlarmWithItsFullConfiguration() {
    AlarmConfig config = alarm("modelaudit-ml-prod-fraud-high-errors");
    Map<String, String> tags = Map.of("modelaudit.io/owner", "ml-prod/fraud", "Purpose", "audit");
    Instant before = Instant.now().minusSeconds(5);

    gateway.putMetricAlarm(config, tags);

    ObservedAlarm observed =
        gateway.describeAlarms(List.of(config.alarmName(), "no-such-alarm")).get(0);
    assertThat(observed.config()).isEqualTo(config);
    assertThat(observed.arn())
        .isEqualTo("arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + config.alarmName());
    // AWS starts a new alarm in INSUFFICIENT_DATA; moto starts it in OK.
    assertThat(observed.state()).isEqualTo("OK");
    assertThat(observed.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
    assertThat(observed.stateUpdatedAt()).isBetween(before, Instant.now().plusSeconds(5));
    assertThat(gateway.listAlarmTags(observed.arn())).isEqualTo(tags);
    // Read back through the raw client as well, with every action list.
    MetricAlarm raw =
        rawCloudWatch.describeAlarms(b -> b.alarmNames(config.alarmName())).metricAlarms().get(0);
    assertThat(raw.alarmActions()).containsExactly(TOPIC);
    assertThat(raw.okActions()).containsExactly(TOPIC, TOPIC + "-ok");
    assertThat(raw.insufficientDataActions()).containsExactly(TOPIC + "-insufficient");
    assertThat(raw.datapointsToAlarm()).isEqualTo(2);
  }

  @Test
  void anAlarmOnAPercentileKeepsItsExtendedStatistic() {
    AlarmConfig p99 =
        new AlarmConfig(
            "p99-latency",
            null,
            "AIModelAuditing",
            "Latency",
            Map.of(),
            null,
            "p99",
            300,
            1,
            null,
            "GreaterThanOrEqualToThreshold",
            250.0,
            null,
            false,
            List.of(),
            List.of(),
            List.of(),
            null);

    gateway.putMetricAlarm(p99, Map.of());

    assertThat(gateway.describeAlarms(List.of("p99-latency")))
        .singleElement()
        .satisfies(a -> assertThat(a.config()).isEqualTo(p99));
  }

  @Test
  void updatingAnAlarmReplacesItsConfiguration() {
    AlarmConfig original = alarm("update-me");
    gateway.putMetricAlarm(original, Map.of("k", "v"));
    AlarmConfig changed =
        new AlarmConfig(
            "update-me",
            "now stricter",
            original.metricNamespace(),
            original.metricName(),
            Map.of(),
            "Average",
            null,
            120,
            2,
            null,
            "LessThanThreshold",
            1.0,
            "breaching",
            true,
            List.of(TOPIC),
            List.of(),
            List.of(),
            null);

    gateway.putMetricAlarm(changed, Map.of("ignored", "on-update"));

    assertThat(gateway.describeAlarms(List.of("update-me")).get(0).config()).isEqualTo(changed);
    // AWS ignores tags when PutMetricAlarm updates an alarm; moto applies them.
    String arn = gateway.describeAlarms(List.of("update-me")).get(0).arn();
    assertThat(gateway.listAlarmTags(arn)).isEqualTo(Map.of("k", "v", "ignored", "on-update"));
  }

  @Test
  void tagsAndUntagsAnAlarm() {
    gateway.putMetricAlarm(alarm("tagged"), Map.of("a", "1"));
    String arn = gateway.describeAlarms(List.of("tagged")).get(0).arn();

    gateway.tagAlarm(arn, Map.of("b", "2", "a", "10"));
    gateway.untagAlarm(arn, Set.of("b"));

    assertThat(gateway.listAlarmTags(arn)).isEqualTo(Map.of("a", "10"));
  }

  @Test
  void readsTheStateSetWithSetAlarmState() {
    gateway.putMetricAlarm(alarm("stateful"), Map.of());
    Instant before = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);

    rawCloudWatch.setAlarmState(
        b ->
            b.alarmName("stateful")
                .stateValue(StateValue.ALARM)
                .stateReason("Threshold Crossed: 1 datapoint [9.0] > 5.0"));

    ObservedAlarm observed = gateway.describeAlarms(List.of("stateful")).get(0);
    assertThat(observed.state()).isEqualTo("ALARM");
    assertThat(observed.stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [9.0] > 5.0");
    assertThat(observed.stateUpdatedAt()).isAfterOrEqualTo(before);

    rawCloudWatch.setAlarmState(
        b -> b.alarmName("stateful").stateValue(StateValue.INSUFFICIENT_DATA).stateReason("gap"));
    assertThat(gateway.listAlarms("state"))
        .singleElement()
        .extracting(ObservedAlarm::state)
        .isEqualTo("INSUFFICIENT_DATA");
  }

  @Test
  void listsMoreThanOnePageOfAlarmsByPrefix() {
    List<String> ours =
        IntStream.range(0, 120).mapToObj("modelaudit-ns-a-%03d"::formatted).toList();
    ours.forEach(n -> gateway.putMetricAlarm(alarm(n), Map.of()));
    IntStream.range(0, 5).forEach(i -> gateway.putMetricAlarm(alarm("other-" + i), Map.of()));

    List<ObservedAlarm> listed = gateway.listAlarms("modelaudit-ns-");

    assertThat(listed)
        .extracting(ObservedAlarm::alarmName)
        .containsExactlyInAnyOrderElementsOf(ours);
    assertThat(gateway.listAlarms("")).hasSize(125);
    // AWS returns at most 100 alarms per page with a NextToken; moto ignores MaxRecords and answers
    // everything at once, so against moto the paginator makes one call.
    DescribeAlarmsResponse page =
        rawCloudWatch.describeAlarms(b -> b.alarmNamePrefix("modelaudit-ns-").maxRecords(100));
    assertThat(page.metricAlarms()).hasSize(120);
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void describesAndDeletesAlarmsInBatchesOfAHundred() {
    List<String> names = IntStream.range(0, 150).mapToObj("batch-%03d"::formatted).toList();
    names.forEach(n -> gateway.putMetricAlarm(alarm(n), Map.of()));
    List<String> asked = new ArrayList<>(names);
    asked.add("batch-missing");
    // moto takes any number of names per call, so count the calls to see the batching AWS needs.
    OperationCounter counter = new OperationCounter();
    try (AwsCloudWatchGateways counted = new AwsCloudWatchGateways(counting(counter))) {
      CloudWatchGateway countedGateway = counted.forRegion(REGION);

      assertThat(countedGateway.describeAlarms(asked))
          .extracting(ObservedAlarm::alarmName)
          .containsExactlyInAnyOrderElementsOf(names);
      assertThat(counter.count("DescribeAlarms")).isEqualTo(2);

      countedGateway.deleteAlarms(names.subList(0, 140));
      assertThat(counter.count("DeleteAlarms")).isEqualTo(2);
    }

    assertThat(gateway.listAlarms("batch-"))
        .extracting(ObservedAlarm::alarmName)
        .containsExactlyInAnyOrderElementsOf(names.subList(140, 150));
  }

  @Test
  void describingOrDeletingNoAlarmsCallsNothing() {
    assertThat(gateway.describeAlarms(List.of())).isEmpty();
    gateway.deleteAlarms(List.of());
  }

  @Test
  void motoDeletesAlarmsThatDoNotExistWithoutComplaint() {
    // AWS answers ResourceNotFound when a name in DeleteAlarms does not exist; moto ignores it.
    gateway.deleteAlarms(List.of("never-created"));

    assertThat(gateway.listAlarms("never")).isEmpty();
  }

  // ---- errors ----

  @Test
  void creatingAGroupTwiceIsAlreadyExists() {
    gateway.createLogGroup(group("/e/g"), Map.of());

    GatewayException e =
        assertKind(
            () -> gateway.createLogGroup(group("/e/g"), Map.of()),
            Kind.ALREADY_EXISTS,
            "CreateLogGroup");
    assertThat(e.errorCode()).isEqualTo("ResourceAlreadyExistsException");
  }

  @Test
  void creatingAStreamTwiceIsAlreadyExists() {
    gateway.createLogGroup(group("/e/s"), Map.of());
    gateway.createLogStream("/e/s", "x");

    assertKind(() -> gateway.createLogStream("/e/s", "x"), Kind.ALREADY_EXISTS, "CreateLogStream");
  }

  @Test
  void missingLogsResourcesAreNotFound() {
    assertKind(() -> gateway.deleteLogGroup("/e/none"), Kind.NOT_FOUND, "DeleteLogGroup");
    assertKind(
        () -> gateway.putRetentionPolicy("/e/none", 7), Kind.NOT_FOUND, "PutRetentionPolicy");
    assertKind(
        () -> gateway.deleteRetentionPolicy("/e/none"), Kind.NOT_FOUND, "DeleteRetentionPolicy");
    assertKind(() -> gateway.listLogStreams("/e/none"), Kind.NOT_FOUND, "DescribeLogStreams");
    assertKind(() -> gateway.createLogStream("/e/none", "s"), Kind.NOT_FOUND, "CreateLogStream");
    gateway.createLogGroup(group("/e/g"), Map.of());
    assertKind(() -> gateway.deleteLogStream("/e/g", "none"), Kind.NOT_FOUND, "DeleteLogStream");
  }

  @Test
  void missingAlarmsAreNotFoundThroughTheCborBridge() {
    String arn = "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:none";

    GatewayException e =
        assertKind(() -> gateway.tagAlarm(arn, Map.of("a", "b")), Kind.NOT_FOUND, "TagResource");
    assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void invalidParametersAreInvalidInput() {
    // moto checks a name's length the way AWS does.
    GatewayException logs =
        assertKind(
            () -> gateway.createLogGroup(group("/" + "x".repeat(600)), Map.of()),
            Kind.INVALID_INPUT,
            "CreateLogGroup");
    assertThat(logs.errorCode()).isEqualTo("InvalidParameterException");

    gateway.createLogGroup(group("/e/f"), Map.of());
    assertKind(
        () ->
            gateway.putMetricFilter(
                new MetricFilterConfig(
                    "/e/f", "bad:name", "x", "NS", "M", "1", null, null, Map.of())),
        Kind.INVALID_INPUT,
        "PutMetricFilter");

    // CloudWatch, through the bridge: a query-compatible error code.
    AlarmConfig badPercentile =
        new AlarmConfig(
            "bad",
            null,
            "NS",
            "M",
            Map.of(),
            null,
            "x99",
            60,
            1,
            null,
            "GreaterThanThreshold",
            1.0,
            null,
            true,
            List.of(),
            List.of(),
            List.of(),
            null);
    GatewayException cloudWatch =
        assertKind(
            () -> gateway.putMetricAlarm(badPercentile, Map.of()),
            Kind.INVALID_INPUT,
            "PutMetricAlarm");
    assertThat(cloudWatch.errorCode()).isEqualTo("InvalidParameterValue");
  }

  // ---- the per-region factory ----

  @Test
  void keepsOneGatewayPerRegionAndRegionsAreSeparate() {
    try (AwsCloudWatchGateways own = MotoSupport.gateways(moto)) {
      CloudWatchGateway east = own.forRegion("us-east-1");
      CloudWatchGateway west = own.forRegion("us-west-2");

      assertThat(own.forRegion("us-east-1")).isSameAs(east);
      assertThat(west).isNotSameAs(east);

      west.createLogGroup(group("/region/west"), Map.of());
      assertThat(west.describeLogGroup("/region/west")).isPresent();
      assertThat(east.describeLogGroup("/region/west")).isEmpty();
      assertThat(west.describeLogGroup("/region/west").orElseThrow().arn())
          .startsWith("arn:aws:logs:us-west-2:");
    }
  }

  @Test
  void aClosedFactoryHandsOutNothing() {
    AwsCloudWatchGateways own = MotoSupport.gateways(moto);
    own.forRegion(REGION);
    own.close();

    assertThatThrownBy(() -> own.forRegion(REGION)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSharedMotoGatewayWorks() {
    CloudWatchGateway shared = MotoSupport.gateway();

    shared.createLogGroup(group("/shared/g"), Map.of());

    assertThat(MotoSupport.gateway()).isSameAs(shared);
    assertThat(gateway.describeLogGroup("/shared/g")).isPresent();
  }

  // ---- helpers ----

  /** Counts the SDK calls of each operation. */
  private static final class OperationCounter implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    int count(String operation) {
      AtomicInteger n = calls.get(operation);
      return n == null ? 0 : n.get();
    }
  }

  /** The moto customizer plus the counter on the CloudWatch client. */
  private static AwsCloudWatchGateways.ClientCustomizer counting(OperationCounter counter) {
    AwsCloudWatchGateways.ClientCustomizer toMoto = MotoSupport.customizer(moto.endpoint());
    return new AwsCloudWatchGateways.ClientCustomizer() {
      @Override
      public void customizeLogs(String region, CloudWatchLogsClientBuilder builder) {
        toMoto.customizeLogs(region, builder);
      }

      @Override
      public void customizeCloudWatch(String region, CloudWatchClientBuilder builder) {
        toMoto.customizeCloudWatch(region, builder);
        builder.overrideConfiguration(
            builder.overrideConfiguration().toBuilder().addExecutionInterceptor(counter).build());
      }
    };
  }

  private static LogGroupConfig group(String name) {
    return new LogGroupConfig(name, null, null, "STANDARD", false);
  }

  private static AlarmConfig alarm(String name) {
    return new AlarmConfig(
        name,
        "Errors of the fraud model",
        "AIModelAuditing",
        "ErrorCount",
        Map.of("Model", "fraud-detector", "Version", "3.2"),
        "Sum",
        null,
        60,
        3,
        2,
        "GreaterThanThreshold",
        5.5,
        "notBreaching",
        true,
        List.of(TOPIC),
        List.of(TOPIC, TOPIC + "-ok"),
        List.of(TOPIC + "-insufficient"),
        "Count");
  }

  private static Integer retentionOf(String name) {
    return gateway.describeLogGroup(name).orElseThrow().config().retentionInDays();
  }

  private static GatewayException assertKind(ThrowingCallable call, Kind kind, String operation) {
    GatewayException[] caught = new GatewayException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
              assertThat(e.operation()).isEqualTo(operation);
              caught[0] = e;
            });
    return caught[0];
  }

  // ---- what the operator learns at start ----

  @Test
  void theOperatorsAccountIsLearnedFromSts() {
    assertThat(gateways.callerAccount(REGION)).isEqualTo(ACCOUNT);
  }

  // ---- clients of regions no longer used ----

  @Test
  void theClientsOfARegionNoLongerUsedAreClosedAndItsGatewayOpensNewOnes() {
    MutableClock clock = new MutableClock();
    try (AwsCloudWatchGateways idle =
        new AwsCloudWatchGateways(
            MotoSupport.customizer(moto.endpoint()),
            null,
            java.time.Duration.ofMinutes(10),
            clock)) {
      CloudWatchGateway europe = idle.forRegion("eu-west-1");
      CloudWatchGateway america = idle.forRegion("us-east-2");
      europe.listLogGroups("/idle/");
      america.listLogGroups("/idle/");
      assertThat(idle.openRegions()).containsExactlyInAnyOrder("eu-west-1", "us-east-2");

      clock.advance(java.time.Duration.ofMinutes(6));
      america.listLogGroups("/idle/");
      clock.advance(java.time.Duration.ofMinutes(5));
      idle.closeIdle();

      assertThat(idle.openRegions())
          .as("eu-west-1 unused for 11 minutes")
          .containsExactly("us-east-2");
      assertThat(europe.listLogGroups("/idle/")).isEmpty();
      assertThat(idle.openRegions()).containsExactlyInAnyOrder("eu-west-1", "us-east-2");
    }
  }

  @Test
  void clientsInUseAreNotClosed() throws Exception {
    MutableClock clock = new MutableClock();
    java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutionInterceptor holdTheCall =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            inCall.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    AwsCloudWatchGateways.ClientCustomizer toMoto = MotoSupport.customizer(moto.endpoint());
    AwsCloudWatchGateways.ClientCustomizer holding =
        new AwsCloudWatchGateways.ClientCustomizer() {
          @Override
          public void customizeLogs(String region, CloudWatchLogsClientBuilder builder) {
            toMoto.customizeLogs(region, builder);
            builder.overrideConfiguration(
                builder.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(holdTheCall)
                    .build());
          }
        };
    java.util.concurrent.ExecutorService caller =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try (AwsCloudWatchGateways idle =
        new AwsCloudWatchGateways(holding, null, java.time.Duration.ofMinutes(1), clock)) {
      CloudWatchGateway held = idle.forRegion("eu-west-1");
      java.util.concurrent.Future<?> call = caller.submit(() -> held.listLogGroups("/held/"));
      assertThat(inCall.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      clock.advance(java.time.Duration.ofMinutes(5));
      idle.closeIdle();
      assertThat(idle.openRegions()).as("a call is using them").containsExactly("eu-west-1");

      release.countDown();
      call.get(10, java.util.concurrent.TimeUnit.SECONDS);
      clock.advance(java.time.Duration.ofMinutes(2));
      idle.closeIdle();
      assertThat(idle.openRegions()).isEmpty();
    } finally {
      release.countDown();
      caller.shutdownNow();
    }
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends java.time.Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
