package io.modelaudit.operator.fake;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.CREATE_LOG_GROUP;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DELETE_LOG_GROUP;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_ALARMS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_LOG_GROUPS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_LOG_STREAMS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_METRIC_FILTERS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.PUT_METRIC_ALARM;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.PUT_METRIC_FILTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Page;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's own behaviour: AWS rules the contract cannot check everywhere, and its switches. */
class InMemoryCloudWatchTest {

  private static final String REGION = "eu-west-1";
  private static final String GROUP = "/modelaudit/ml-prod/fraud-detector";
  private static final String ALARM = "modelaudit-ml-prod-fraud-detector-high-error-rate";
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:model-alerts";
  private static final String HEALTH = "modelaudit-ml-prod-fraud-detector-health";
  private static final String DASHBOARD = "modelaudit_ml-prod_fraud-detector";
  private static final AnomalyDetectorConfig DETECTOR =
      new AnomalyDetectorConfig("NS", "Requests", Map.of(), "Sum", List.of(), null);
  private static final String FIREHOSE =
      "arn:aws:firehose:eu-west-1:123456789012:deliverystream/modelaudit.ml-prod.archive";
  private static final String MASK_EMAILS =
      "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":["
          + "{\"Sid\":\"a\",\"DataIdentifier\":[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
          + "\"Operation\":{\"Audit\":{\"FindingsDestination\":{}}}},"
          + "{\"Sid\":\"d\",\"DataIdentifier\":[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
          + "\"Operation\":{\"Deidentify\":{\"MaskConfig\":{}}}}]}";
  private static final String KMS_KEY =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private InMemoryCloudWatch cloud;
  private CloudWatchGateway gateway;
  private ExecutorService executor;

  @BeforeEach
  void setUp() {
    cloud = new InMemoryCloudWatch(clock);
    gateway = cloud.forRegion(REGION);
  }

  @AfterEach
  void tearDown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  // ---- call counting ----

  /** One port method, the AWS operation it is counted under, and a call that succeeds. */
  private record PortCall(String method, String operation, Consumer<CloudWatchGateway> call) {}

  @Test
  void everyPortMethodIsCountedOnceUnderItsAwsOperationName() {
    createGroup(GROUP);
    gateway.createLogStream(GROUP, "events");
    gateway.putMetricFilter(filter(GROUP, "errors"));
    gateway.putMetricAlarm(alarm(ALARM), Map.of());
    String groupArn = InMemoryCloudWatch.logGroupArn(REGION, GROUP);
    String[] queryId = new String[1];
    cloud.outOfBand().createDestination(REGION, FIREHOSE);
    String alarmArn = InMemoryCloudWatch.alarmArn(REGION, ALARM);
    String dashboardArn = InMemoryCloudWatch.dashboardArn(DASHBOARD);
    String other = GROUP + "-other";
    List<PortCall> calls =
        List.of(
            new PortCall("describeLogGroup", "DescribeLogGroups", g -> g.describeLogGroup(GROUP)),
            new PortCall("listLogGroups", "DescribeLogGroups", g -> g.listLogGroups("/")),
            new PortCall(
                "listLogGroupsPage", "DescribeLogGroups", g -> g.listLogGroupsPage("/", null)),
            new PortCall("createLogGroup", "CreateLogGroup", g -> createGroup(other)),
            new PortCall(
                "putRetentionPolicy", "PutRetentionPolicy", g -> g.putRetentionPolicy(GROUP, 7)),
            new PortCall(
                "deleteRetentionPolicy",
                "DeleteRetentionPolicy",
                g -> g.deleteRetentionPolicy(GROUP)),
            new PortCall(
                "associateKmsKey", "AssociateKmsKey", g -> g.associateKmsKey(GROUP, KMS_KEY)),
            new PortCall(
                "disassociateKmsKey", "DisassociateKmsKey", g -> g.disassociateKmsKey(GROUP)),
            new PortCall(
                "putDeletionProtection",
                "PutLogGroupDeletionProtection",
                g -> g.putDeletionProtection(other, false)),
            new PortCall(
                "listLogGroupTags", "ListTagsForResource", g -> g.listLogGroupTags(groupArn)),
            new PortCall(
                "tagLogGroup", "TagResource", g -> g.tagLogGroup(groupArn, Map.of("k", "v"))),
            new PortCall(
                "untagLogGroup", "UntagResource", g -> g.untagLogGroup(groupArn, Set.of("k"))),
            new PortCall("listLogStreams", "DescribeLogStreams", g -> g.listLogStreams(GROUP)),
            new PortCall(
                "logStreamExists", "DescribeLogStreams", g -> g.logStreamExists(GROUP, "events")),
            new PortCall(
                "listLogStreamsPage",
                "DescribeLogStreams",
                g -> g.listLogStreamsPage(GROUP, "", null)),
            new PortCall(
                "createLogStream", "CreateLogStream", g -> g.createLogStream(GROUP, "more")),
            new PortCall(
                "deleteLogStream", "DeleteLogStream", g -> g.deleteLogStream(GROUP, "more")),
            new PortCall(
                "describeMetricFilters",
                "DescribeMetricFilters",
                g -> g.describeMetricFilters(GROUP)),
            new PortCall(
                "listMetricFilters", "DescribeMetricFilters", g -> g.listMetricFilters("/")),
            new PortCall(
                "listMetricFiltersPage",
                "DescribeMetricFilters",
                g -> g.listMetricFiltersPage("", null)),
            new PortCall(
                "putMetricFilter", "PutMetricFilter", g -> g.putMetricFilter(filter(GROUP, "w"))),
            new PortCall(
                "deleteMetricFilter", "DeleteMetricFilter", g -> g.deleteMetricFilter(GROUP, "w")),
            new PortCall("describeAlarms", "DescribeAlarms", g -> g.describeAlarms(List.of(ALARM))),
            new PortCall("listAlarms", "DescribeAlarms", g -> g.listAlarms("modelaudit-")),
            new PortCall(
                "listAlarmsPage", "DescribeAlarms", g -> g.listAlarmsPage("modelaudit-", null)),
            new PortCall(
                "putMetricAlarm", "PutMetricAlarm", g -> g.putMetricAlarm(alarm(ALARM), Map.of())),
            new PortCall("listAlarmTags", "ListTagsForResource", g -> g.listAlarmTags(alarmArn)),
            new PortCall("tagAlarm", "TagResource", g -> g.tagAlarm(alarmArn, Map.of("k", "v"))),
            new PortCall("untagAlarm", "UntagResource", g -> g.untagAlarm(alarmArn, Set.of("k"))),
            new PortCall(
                "putCompositeAlarm",
                "PutCompositeAlarm",
                g -> g.putCompositeAlarm(composite(HEALTH, ALARM), Map.of())),
            new PortCall(
                "describeCompositeAlarms",
                "DescribeAlarms",
                g -> g.describeCompositeAlarms(List.of(HEALTH))),
            new PortCall(
                "listCompositeAlarms", "DescribeAlarms", g -> g.listCompositeAlarms("modelaudit-")),
            new PortCall(
                "listCompositeAlarmsPage",
                "DescribeAlarms",
                g -> g.listCompositeAlarmsPage("modelaudit-", null)),
            new PortCall("deleteAlarms", "DeleteAlarms", g -> g.deleteAlarms(List.of(HEALTH))),
            new PortCall(
                "putAnomalyDetector", "PutAnomalyDetector", g -> g.putAnomalyDetector(DETECTOR)),
            new PortCall(
                "describeAnomalyDetectors",
                "DescribeAnomalyDetectors",
                g -> g.describeAnomalyDetectors("NS", "Requests")),
            new PortCall(
                "describeAnomalyDetectorsPage",
                "DescribeAnomalyDetectors",
                g -> g.describeAnomalyDetectorsPage("NS", "Requests", null)),
            new PortCall(
                "deleteAnomalyDetector",
                "DeleteAnomalyDetector",
                g -> g.deleteAnomalyDetector(DETECTOR)),
            new PortCall(
                "putDashboard",
                "PutDashboard",
                g -> g.putDashboard(new DashboardConfig(DASHBOARD, "{}"), Map.of("k", "v"))),
            new PortCall("getDashboard", "GetDashboard", g -> g.getDashboard(DASHBOARD)),
            new PortCall("listDashboards", "ListDashboards", g -> g.listDashboards("model")),
            new PortCall(
                "listDashboardsPage", "ListDashboards", g -> g.listDashboardsPage("model", null)),
            new PortCall(
                "listDashboardTags", "ListTagsForResource", g -> g.listDashboardTags(dashboardArn)),
            new PortCall(
                "tagDashboard", "TagResource", g -> g.tagDashboard(dashboardArn, Map.of("a", "b"))),
            new PortCall(
                "untagDashboard",
                "UntagResource",
                g -> g.untagDashboard(dashboardArn, Set.of("a"))),
            new PortCall(
                "deleteDashboards",
                "DeleteDashboards",
                g -> g.deleteDashboards(List.of(DASHBOARD))),
            new PortCall(
                "putDataProtectionPolicy",
                "PutDataProtectionPolicy",
                g -> g.putDataProtectionPolicy(GROUP, MASK_EMAILS)),
            new PortCall(
                "getDataProtectionPolicy",
                "GetDataProtectionPolicy",
                g -> g.getDataProtectionPolicy(GROUP)),
            new PortCall(
                "deleteDataProtectionPolicy",
                "DeleteDataProtectionPolicy",
                g -> g.deleteDataProtectionPolicy(GROUP)),
            new PortCall(
                "putSubscriptionFilter",
                "PutSubscriptionFilter",
                g -> g.putSubscriptionFilter(archive(GROUP, "archive"))),
            new PortCall(
                "describeSubscriptionFilters",
                "DescribeSubscriptionFilters",
                g -> g.describeSubscriptionFilters(GROUP)),
            new PortCall(
                "deleteSubscriptionFilter",
                "DeleteSubscriptionFilter",
                g -> g.deleteSubscriptionFilter(GROUP, "archive")),
            new PortCall(
                "putQueryDefinition",
                "PutQueryDefinition",
                g -> queryId[0] = g.putQueryDefinition(query())),
            new PortCall(
                "listQueryDefinitions",
                "DescribeQueryDefinitions",
                g -> g.listQueryDefinitions("modelaudit/")),
            new PortCall(
                "listQueryDefinitionsPage",
                "DescribeQueryDefinitions",
                g -> g.listQueryDefinitionsPage("modelaudit/", null)),
            new PortCall(
                "deleteQueryDefinition",
                "DeleteQueryDefinition",
                g -> g.deleteQueryDefinition(queryId[0])),
            new PortCall(
                "putIndexPolicy",
                "PutIndexPolicy",
                g -> g.putIndexPolicy(GROUP, "{\"Fields\":[\"request_id\"]}")),
            new PortCall("getIndexPolicy", "DescribeIndexPolicies", g -> g.getIndexPolicy(GROUP)),
            new PortCall("deleteIndexPolicy", "DeleteIndexPolicy", g -> g.deleteIndexPolicy(GROUP)),
            new PortCall("deleteLogGroup", "DeleteLogGroup", g -> g.deleteLogGroup(other)));

    for (PortCall call : calls) {
      cloud.resetCalls();
      call.call().accept(gateway);
      assertThat(cloud.calls()).as(call.method()).isEqualTo(Map.of(call.operation(), 1));
      assertThat(cloud.mutatingCallCount())
          .as(call.method())
          .isEqualTo(InMemoryCloudWatch.MUTATING_OPERATIONS.contains(call.operation()) ? 1 : 0);
    }

    Set<String> portMethods =
        Arrays.stream(CloudWatchGateway.class.getMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    assertThat(calls).extracting(PortCall::method).containsExactlyInAnyOrderElementsOf(portMethods);
    assertThat(calls.stream().map(PortCall::operation).collect(Collectors.toSet()))
        .isEqualTo(InMemoryCloudWatch.OPERATIONS);
  }

  @Test
  void listingsAreCountedOncePerPageOfAwsSize() {
    for (int i = 0; i < 120; i++) {
      createGroup("/modelaudit/pages/g-%03d".formatted(i));
    }
    createGroup("/other/g");
    for (int i = 0; i < 3; i++) {
      for (int f = 0; f < 40; f++) {
        gateway.putMetricFilter(filter("/modelaudit/pages/g-%03d".formatted(i), "f-" + f));
      }
    }
    gateway.putMetricFilter(filter("/other/g", "outside"));
    for (int i = 0; i < 250; i++) {
      gateway.putMetricAlarm(alarm("modelaudit-pages-%03d".formatted(i)), Map.of());
    }
    gateway.putMetricAlarm(alarm("other-alarm"), Map.of());
    for (int i = 0; i < 120; i++) {
      gateway.createLogStream("/modelaudit/pages/g-000", "s-%03d".formatted(i));
    }
    cloud.resetCalls();

    assertThat(gateway.listLogStreams("/modelaudit/pages/g-000")).hasSize(120);
    assertThat(gateway.listLogGroups("/modelaudit/pages/")).hasSize(120);
    assertThat(gateway.listAlarms("modelaudit-pages-")).hasSize(250);
    List<MetricFilterConfig> filters = gateway.listMetricFilters("/modelaudit/");

    assertThat(filters).hasSize(120).doesNotHaveDuplicates();
    assertThat(filters).noneMatch(f -> f.logGroupName().equals("/other/g"));
    // 120 streams and 120 groups in pages of 50, 250 alarms in pages of 100, 121 filters of the
    // region in pages of 50 whatever the prefix.
    assertThat(cloud.calls())
        .isEqualTo(
            Map.of(
                DESCRIBE_LOG_STREAMS,
                3,
                DESCRIBE_LOG_GROUPS,
                3,
                DESCRIBE_ALARMS,
                3,
                DESCRIBE_METRIC_FILTERS,
                3));
  }

  @Test
  void aPageNamesTheTokenOfTheNextOneAndTheLastPageNone() {
    for (int i = 0; i < 51; i++) {
      createGroup("/modelaudit/tokens/g-%03d".formatted(i));
    }

    Page<ObservedLogGroup> first = gateway.listLogGroupsPage("/modelaudit/tokens/", null);
    Page<ObservedLogGroup> second =
        gateway.listLogGroupsPage("/modelaudit/tokens/", first.nextToken());

    assertThat(first.items()).hasSize(50);
    assertThat(first.hasNext()).isTrue();
    assertThat(second.items())
        .extracting(ObservedLogGroup::name)
        .containsExactly("/modelaudit/tokens/g-050");
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void callsAboveAQuotaAreThrottledLikeAws() {
    long[] nanos = {0};
    cloud.enforceQuotas(
        Map.of(PUT_METRIC_ALARM, 3.0, CREATE_LOG_GROUP, 5.0), new ManualTime(nanos));

    for (int i = 0; i < 3; i++) {
      gateway.putMetricAlarm(alarm(ALARM + i), Map.of());
    }
    assertThatThrownBy(() -> gateway.putMetricAlarm(alarm(ALARM + "x"), Map.of()))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.errorCode()).isEqualTo("Throttling");
            });
    // other operations, and the same operation in another region, have quotas of their own
    createGroup(GROUP);
    cloud.forRegion("us-west-2").putMetricAlarm(alarm(ALARM), Map.of());
    gateway.describeAlarms(List.of(ALARM + "0"));

    nanos[0] += Duration.ofMillis(334).toNanos();
    gateway.putMetricAlarm(alarm(ALARM + "y"), Map.of());

    assertThat(cloud.throttledCalls()).isEqualTo(Map.of(PUT_METRIC_ALARM, 1));
    assertThat(cloud.throttledCallCount()).isEqualTo(1);
    assertThat(cloud.callCount(PUT_METRIC_ALARM))
        .as("both regions, throttled call included")
        .isEqualTo(6);
    assertThat(cloud.alarmNames(REGION)).doesNotContain(ALARM + "x").contains(ALARM + "y");
    assertThatThrownBy(() -> createGroupsQuickly(6))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ThrottlingException"));

    cloud.enforceQuotas(Map.of());
    createGroupsQuickly(6);
  }

  private void createGroupsQuickly(int count) {
    for (int i = 0; i < count; i++) {
      createGroup(GROUP + "-" + i + "-" + System.nanoTime());
    }
  }

  /** A Bucket4j clock that moves only when the test moves it. */
  private record ManualTime(long[] nanos) implements io.github.bucket4j.TimeMeter {
    @Override
    public long currentTimeNanos() {
      return nanos[0];
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  @Test
  void callsAreCountedPerOperationUntilReset() {
    createGroup(GROUP);
    gateway.describeLogGroup(GROUP);
    gateway.listLogGroups("");
    gateway.putRetentionPolicy(GROUP, 7);

    assertThat(cloud.callCount(DESCRIBE_LOG_GROUPS)).isEqualTo(2);
    assertThat(cloud.calls())
        .isEqualTo(Map.of("CreateLogGroup", 1, "DescribeLogGroups", 2, "PutRetentionPolicy", 1));
    assertThat(cloud.mutatingCallCount()).isEqualTo(2);

    cloud.resetCalls();

    assertThat(cloud.calls()).isEmpty();
    assertThat(cloud.callCount(DESCRIBE_LOG_GROUPS)).isZero();
    assertThat(cloud.mutatingCallCount()).isZero();
  }

  @Test
  void callsThatAwsRejectsAreCountedToo() {
    createGroup(GROUP);

    assertFails(Kind.ALREADY_EXISTS, () -> createGroup(GROUP));

    assertThat(cloud.callCount(CREATE_LOG_GROUP)).isEqualTo(2);
  }

  @Test
  void unknownOperationNamesAreRejected() {
    assertThatThrownBy(() -> cloud.callCount("CreateLogGroups"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cloud.failNext("PutAlarm", Kind.TRANSIENT, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cloud.failAlways("PutAlarm", Kind.TRANSIENT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cloud.latency("PutAlarm", Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- failure switches ----

  @Test
  void failNextFailsThatManyCallsThenLetsTheCallThrough() {
    cloud.failNext(CREATE_LOG_GROUP, Kind.TRANSIENT, 2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> createGroup(GROUP))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.operation()).isEqualTo("CreateLogGroup");
                assertThat(e.errorCode()).isEqualTo("ServiceUnavailableException");
              });
      assertThat(cloud.logGroupNames(REGION)).isEmpty();
    }
    createGroup(GROUP);

    assertThat(cloud.logGroupNames(REGION)).containsExactly(GROUP);
    assertThat(cloud.callCount(CREATE_LOG_GROUP)).isEqualTo(3);
  }

  @Test
  void failNextQueuesFailuresInTheOrderGiven() {
    createGroup(GROUP);
    cloud.failNext(DESCRIBE_LOG_GROUPS, Kind.TRANSIENT, 1);
    cloud.failNext(DESCRIBE_LOG_GROUPS, Kind.PERMISSION, 1);

    assertFails(Kind.TRANSIENT, () -> gateway.describeLogGroup(GROUP));
    assertFails(Kind.PERMISSION, () -> gateway.describeLogGroup(GROUP));
    assertThat(gateway.describeLogGroup(GROUP)).isPresent();
  }

  @Test
  void failAlwaysFailsOnlyThatOperationUntilCleared() {
    createGroup(GROUP);
    cloud.failAlways(PUT_METRIC_ALARM, Kind.PERMISSION);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> gateway.putMetricAlarm(alarm(ALARM), Map.of()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
                assertThat(e.operation()).isEqualTo("PutMetricAlarm");
                assertThat(e.errorCode()).isEqualTo("AccessDenied");
              });
    }
    gateway.putRetentionPolicy(GROUP, 7);

    cloud.clearFailures();
    gateway.putMetricAlarm(alarm(ALARM), Map.of());

    assertThat(cloud.alarmNames(REGION)).containsExactly(ALARM);
  }

  @Test
  void failAllMakesEveryOperationFailLikeAnUnreachableAws() {
    createGroup(GROUP);
    gateway.putMetricAlarm(alarm(ALARM), Map.of());
    cloud.failAll(Kind.TRANSIENT);

    assertFails(Kind.TRANSIENT, () -> gateway.describeLogGroup(GROUP));
    assertFails(Kind.TRANSIENT, () -> gateway.listLogStreams(GROUP));
    assertFails(Kind.TRANSIENT, () -> gateway.describeAlarms(List.of(ALARM)));
    assertFails(Kind.TRANSIENT, () -> gateway.deleteAlarms(List.of(ALARM)));
    assertFails(Kind.TRANSIENT, () -> gateway.deleteLogGroup(GROUP));
    assertThatThrownBy(() -> gateway.listAlarms(""))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.errorCode()).isEqualTo("Throttling"));
    assertThat(cloud.logGroupNames(REGION)).containsExactly(GROUP);
    assertThat(cloud.alarmNames(REGION)).containsExactly(ALARM);
    assertThat(cloud.mutatingCallCount()).isEqualTo(4);

    cloud.clearFailures();

    assertThat(gateway.describeLogGroup(GROUP)).isPresent();
  }

  @Test
  void latencyDelaysOnlyThatOperationAndDoesNotBlockOtherCalls() throws Exception {
    createGroup(GROUP);
    cloud.latency(DESCRIBE_ALARMS, Duration.ofMillis(300));

    long start = System.nanoTime();
    gateway.listAlarms("");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ofMillis(300));

    cloud.latency(DESCRIBE_ALARMS, Duration.ofSeconds(3));
    executor = Executors.newSingleThreadExecutor();
    Future<List<ObservedAlarm>> slow = executor.submit(() -> gateway.listAlarms(""));
    await().atMost(Duration.ofSeconds(2)).until(() -> cloud.callCount(DESCRIBE_ALARMS) == 2);
    long fastStart = System.nanoTime();
    gateway.describeLogGroup(GROUP);
    assertThat(Duration.ofNanos(System.nanoTime() - fastStart)).isLessThan(ofMillis(1000));
    assertThat(slow.isDone()).isFalse();
    slow.cancel(true);

    cloud.latency(DESCRIBE_ALARMS, Duration.ZERO);
    start = System.nanoTime();
    gateway.listAlarms("");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ofMillis(1000));
  }

  // ---- out-of-band changes and snapshots ----

  @Test
  void outOfBandChangesBypassCountingAndFailuresAndShowUpThroughTheGateway() {
    createGroup(GROUP);
    gateway.putRetentionPolicy(GROUP, 7);
    gateway.createLogStream(GROUP, "events");
    gateway.putMetricFilter(filter(GROUP, "errors"));
    gateway.putMetricAlarm(alarm(ALARM), Map.of("modelaudit.io/owner", "ml-prod/fraud"));
    gateway.putMetricAlarm(alarm(ALARM + "-2"), Map.of());
    cloud.resetCalls();
    cloud.failAll(Kind.PERMISSION);
    clock.advance(Duration.ofMinutes(5));

    cloud.setRetentionOutOfBand(REGION, GROUP, 30);
    cloud.deleteMetricFilterOutOfBand(REGION, GROUP, "errors");
    cloud.removeTagOutOfBand(InMemoryCloudWatch.alarmArn(REGION, ALARM), "modelaudit.io/owner");
    cloud.setAlarmState(REGION, ALARM, "ALARM", "Threshold Crossed: 1 datapoint [9.0]");
    cloud.deleteAlarmOutOfBand(REGION, ALARM + "-2");

    assertThat(cloud.calls()).isEmpty();
    cloud.clearFailures();
    assertThat(gateway.describeLogGroup(GROUP).orElseThrow().config().retentionInDays())
        .isEqualTo(30);
    assertThat(gateway.describeMetricFilters(GROUP)).isEmpty();
    assertThat(gateway.listAlarmTags(InMemoryCloudWatch.alarmArn(REGION, ALARM))).isEmpty();
    assertThat(gateway.listAlarms("")).extracting(ObservedAlarm::alarmName).containsExactly(ALARM);
    ObservedAlarm observed = gateway.describeAlarms(List.of(ALARM)).get(0);
    assertThat(observed.state()).isEqualTo("ALARM");
    assertThat(observed.stateReason()).isEqualTo("Threshold Crossed: 1 datapoint [9.0]");
    assertThat(observed.stateUpdatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void seededResourcesLookLikeSomeoneElseCreatedThem() {
    cloud.seedLogGroup(
        REGION,
        new LogGroupConfig(GROUP, 14, KMS_KEY, "STANDARD", true),
        Map.of("modelaudit.io/owner", "other/other"));
    cloud.seedAlarm(REGION, alarm(ALARM), Map.of("team", "x"));
    cloud.putTagOutOfBand(InMemoryCloudWatch.logGroupArn(REGION, GROUP), "Extra", "1");

    assertThat(cloud.calls()).isEmpty();
    assertThat(gateway.describeLogGroup(GROUP).orElseThrow().config())
        .isEqualTo(new LogGroupConfig(GROUP, 14, KMS_KEY, "STANDARD", true));
    assertThat(cloud.logGroupTags(REGION, GROUP))
        .isEqualTo(Map.of("modelaudit.io/owner", "other/other", "Extra", "1"));
    assertThat(cloud.alarmTags(REGION, ALARM)).isEqualTo(Map.of("team", "x"));
  }

  @Test
  void snapshotsAreImmutableCopies() {
    createGroup(GROUP);
    gateway.createLogStream(GROUP, "events");
    gateway.putMetricFilter(filter(GROUP, "errors"));
    List<String> streams = cloud.logStreams(REGION, GROUP);
    List<MetricFilterConfig> filters = cloud.metricFilters(REGION, GROUP);
    Map<String, String> tags = cloud.logGroupTags(REGION, GROUP);
    List<String> groups = cloud.logGroupNames(REGION);

    gateway.createLogStream(GROUP, "more");
    gateway.putMetricFilter(filter(GROUP, "more"));
    gateway.tagLogGroup(InMemoryCloudWatch.logGroupArn(REGION, GROUP), Map.of("k", "v"));

    assertThat(streams).containsExactly("events");
    assertThat(filters).extracting(MetricFilterConfig::filterName).containsExactly("errors");
    assertThat(tags).isEmpty();
    assertThatThrownBy(() -> groups.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(cloud.logStreams(REGION, GROUP)).containsExactly("events", "more");
    assertThat(cloud.logStreams(REGION, "/missing")).isEmpty();
    assertThat(cloud.alarm(REGION, ALARM)).isEmpty();
  }

  // ---- regions and ARNs ----

  @Test
  void eachRegionHasItsOwnStoreAndArns() {
    CloudWatchGateway us = cloud.forRegion("us-east-1");
    createGroup(GROUP);
    gateway.putMetricAlarm(alarm(ALARM), Map.of());

    assertThat(us.describeLogGroup(GROUP)).isEmpty();
    assertThat(us.listAlarms("")).isEmpty();
    assertThat(gateway.describeLogGroup(GROUP).orElseThrow().arn())
        .isEqualTo("arn:aws:logs:eu-west-1:123456789012:log-group:" + GROUP);
    assertThat(gateway.describeAlarms(List.of(ALARM)).get(0).arn())
        .isEqualTo("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + ALARM);
    assertThat(cloud.forRegion(REGION)).isSameAs(gateway);

    us.createLogGroup(new LogGroupConfig(GROUP, null, null, null, false), Map.of());
    assertThat(cloud.logGroupNames("us-east-1")).containsExactly(GROUP);
    assertFails(
        Kind.NOT_FOUND, () -> us.listLogGroupTags(InMemoryCloudWatch.logGroupArn(REGION, GROUP)));
  }

  // ---- log groups ----

  @Test
  void createLogGroupKeepsClassKeyAndProtectionButNotRetention() {
    gateway.createLogGroup(
        new LogGroupConfig(GROUP, 7, KMS_KEY, "INFREQUENT_ACCESS", true), Map.of("a", "b"));

    assertThat(cloud.logGroup(REGION, GROUP).orElseThrow().config())
        .isEqualTo(new LogGroupConfig(GROUP, null, KMS_KEY, "INFREQUENT_ACCESS", true));
    assertThat(cloud.logGroupTags(REGION, GROUP)).isEqualTo(Map.of("a", "b"));
  }

  @Test
  void createLogGroupDefaultsToStandardAndRejectsBadNamesAndClasses() {
    gateway.createLogGroup(new LogGroupConfig(GROUP, null, null, null, false), Map.of());

    assertThat(cloud.logGroup(REGION, GROUP).orElseThrow().config().logGroupClass())
        .isEqualTo("STANDARD");
    assertInvalid(
        CREATE_LOG_GROUP,
        "InvalidParameterException",
        () ->
            gateway.createLogGroup(
                new LogGroupConfig("bad name!", null, null, null, false), Map.of()));
    assertInvalid(
        CREATE_LOG_GROUP,
        "InvalidParameterException",
        () ->
            gateway.createLogGroup(
                new LogGroupConfig(GROUP + "2", null, null, "ARCHIVE", false), Map.of()));
  }

  @Test
  void retentionAcceptsOnlyCloudWatchValues() {
    createGroup(GROUP);
    for (int days : List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731)) {
      gateway.putRetentionPolicy(GROUP, days);
      assertThat(cloud.logGroup(REGION, GROUP).orElseThrow().config().retentionInDays())
          .isEqualTo(days);
    }
    for (int days : List.of(1096, 1827, 2192, 2557, 2922, 3288, 3653)) {
      gateway.putRetentionPolicy(GROUP, days);
    }

    for (int days : List.of(0, 2, 10, 31, 366, 3650, -1)) {
      assertInvalid(
          "PutRetentionPolicy",
          "InvalidParameterException",
          () -> gateway.putRetentionPolicy(GROUP, days));
    }
    assertThat(cloud.logGroup(REGION, GROUP).orElseThrow().config().retentionInDays())
        .isEqualTo(3653);
  }

  @Test
  void deletionProtectionBlocksDeleteUntilItIsTurnedOff() {
    createGroup(GROUP);
    gateway.putDeletionProtection(GROUP, true);

    assertThatThrownBy(() -> gateway.deleteLogGroup(GROUP))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
              assertThat(e.operation()).isEqualTo("DeleteLogGroup");
              assertThat(e.errorCode()).isEqualTo("ValidationException");
            });
    assertThat(cloud.logGroupNames(REGION)).containsExactly(GROUP);

    gateway.putDeletionProtection(GROUP, false);
    gateway.deleteLogGroup(GROUP);

    assertThat(cloud.logGroupNames(REGION)).isEmpty();
    assertThat(cloud.callCount(DELETE_LOG_GROUP)).isEqualTo(2);
  }

  @Test
  void missingResourcesAreNotFoundWithAwsErrorCodes() {
    assertNotFound(
        "DescribeMetricFilters",
        "ResourceNotFoundException",
        () -> gateway.describeMetricFilters(GROUP));
    assertNotFound(
        "PutLogGroupDeletionProtection",
        "ResourceNotFoundException",
        () -> gateway.putDeletionProtection(GROUP, true));
    assertNotFound(
        "AssociateKmsKey",
        "ResourceNotFoundException",
        () -> gateway.associateKmsKey(GROUP, KMS_KEY));
    assertNotFound(
        "DisassociateKmsKey", "ResourceNotFoundException", () -> gateway.disassociateKmsKey(GROUP));
    assertNotFound(
        "DeleteMetricFilter",
        "ResourceNotFoundException",
        () -> gateway.deleteMetricFilter(GROUP, "errors"));
    String groupArn = InMemoryCloudWatch.logGroupArn(REGION, GROUP);
    String[] queryId = new String[1];
    cloud.outOfBand().createDestination(REGION, FIREHOSE);
    assertNotFound(
        "ListTagsForResource",
        "ResourceNotFoundException",
        () -> gateway.listLogGroupTags(groupArn));
    assertNotFound(
        "TagResource", "ResourceNotFoundException", () -> gateway.tagLogGroup(groupArn, Map.of()));
    assertNotFound(
        "UntagResource",
        "ResourceNotFoundException",
        () -> gateway.untagLogGroup(groupArn, Set.of("k")));
    String alarmArn = InMemoryCloudWatch.alarmArn(REGION, ALARM);
    assertNotFound(
        "ListTagsForResource", "ResourceNotFoundException", () -> gateway.listAlarmTags(alarmArn));
    assertNotFound(
        "TagResource", "ResourceNotFoundException", () -> gateway.tagAlarm(alarmArn, Map.of()));
    assertNotFound(
        "UntagResource",
        "ResourceNotFoundException",
        () -> gateway.untagAlarm(alarmArn, Set.of("k")));
  }

  @Test
  void associateKmsKeyWantsAKeyArn() {
    createGroup(GROUP);

    assertInvalid(
        "AssociateKmsKey",
        "InvalidParameterException",
        () -> gateway.associateKmsKey(GROUP, "alias/my-key"));
  }

  // ---- metric filters ----

  @Test
  void infrequentAccessGroupsCannotCarryMetricFilters() {
    gateway.createLogGroup(
        new LogGroupConfig(GROUP, null, null, "INFREQUENT_ACCESS", false), Map.of());

    assertInvalid(
        PUT_METRIC_FILTER,
        "InvalidParameterException",
        () -> gateway.putMetricFilter(filter(GROUP, "errors")));
    assertThat(cloud.metricFilters(REGION, GROUP)).isEmpty();
  }

  @Test
  void aLogGroupHoldsAtMostAHundredFiltersButAnExistingOneCanBeReplaced() {
    createGroup(GROUP);
    createGroup(GROUP + "-other");
    for (int i = 0; i < 100; i++) {
      gateway.putMetricFilter(filter(GROUP, "filter-" + i));
    }

    assertThatThrownBy(() -> gateway.putMetricFilter(filter(GROUP, "filter-100")))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
              assertThat(e.operation()).isEqualTo("PutMetricFilter");
              assertThat(e.errorCode()).isEqualTo("LimitExceededException");
            });

    MetricFilterConfig replacement =
        new MetricFilterConfig(
            GROUP, "filter-7", "ERROR", "AIModelAuditing", "Other", "1", null, null, Map.of());
    gateway.putMetricFilter(replacement);
    gateway.putMetricFilter(filter(GROUP + "-other", "filter-100"));

    assertThat(cloud.metricFilters(REGION, GROUP)).hasSize(100).contains(replacement);
  }

  @Test
  void metricFilterTransformationFollowsAwsRules() {
    createGroup(GROUP);
    MetricFilterConfig dimensionsAndDefault =
        new MetricFilterConfig(
            GROUP, "f", "[a, b]", "NS", "M", "1", 0.0, "Count", Map.of("A", "$a"));
    MetricFilterConfig fourDimensions =
        new MetricFilterConfig(
            GROUP,
            "f",
            "[a, b, c, d]",
            "NS",
            "M",
            "1",
            null,
            null,
            Map.of("A", "$a", "B", "$b", "C", "$c", "D", "$d"));
    MetricFilterConfig badUnit =
        new MetricFilterConfig(GROUP, "f", "x", "NS", "M", "1", null, "Parsecs", Map.of());
    MetricFilterConfig noValue =
        new MetricFilterConfig(GROUP, "f", "x", "NS", "M", "", null, null, Map.of());
    MetricFilterConfig badName =
        new MetricFilterConfig(GROUP, "a:b", "x", "NS", "M", "1", null, null, Map.of());

    for (MetricFilterConfig invalid :
        List.of(dimensionsAndDefault, fourDimensions, badUnit, noValue, badName)) {
      assertInvalid(
          PUT_METRIC_FILTER, "InvalidParameterException", () -> gateway.putMetricFilter(invalid));
    }
    assertThat(cloud.metricFilters(REGION, GROUP)).isEmpty();

    gateway.putMetricFilter(
        new MetricFilterConfig(GROUP, "f", "x", "NS", "M", "1", null, "None", Map.of()));
    assertThat(cloud.metricFilters(REGION, GROUP).get(0).unit()).isNull();
  }

  // ---- alarms ----

  @Test
  void aNewAlarmStartsInInsufficientDataWithItsTags() {
    gateway.putMetricAlarm(alarm(ALARM), Map.of("modelaudit.io/owner", "ml-prod/fraud"));

    ObservedAlarm observed = cloud.alarm(REGION, ALARM).orElseThrow();
    assertThat(observed.state()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(observed.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
    assertThat(observed.stateUpdatedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(cloud.alarmTags(REGION, ALARM))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/fraud"));
  }

  @Test
  void anUpdateReplacesTheConfigurationKeepsTheStateAndIgnoresTags() {
    gateway.putMetricAlarm(alarm(ALARM), Map.of("modelaudit.io/owner", "ml-prod/fraud"));
    clock.advance(Duration.ofMinutes(1));
    cloud.setAlarmState(REGION, ALARM, "ALARM", "Threshold Crossed");
    Instant alarmedAt = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    AlarmConfig updated = alarm(ALARM, 50.0, List.of(TOPIC), null);

    gateway.putMetricAlarm(updated, Map.of("modelaudit.io/owner", "someone/else"));

    ObservedAlarm observed = cloud.alarm(REGION, ALARM).orElseThrow();
    assertThat(observed.config()).isEqualTo(updated);
    assertThat(observed.state()).isEqualTo("ALARM");
    assertThat(observed.stateReason()).isEqualTo("Threshold Crossed");
    assertThat(observed.stateUpdatedAt()).isEqualTo(alarmedAt);
    assertThat(cloud.alarmTags(REGION, ALARM))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/fraud"));
  }

  @Test
  void eachAlarmStateTakesAtMostFiveActions() {
    List<String> five = topics(5);
    List<String> six = topics(6);
    gateway.putMetricAlarm(alarmWithActions(ALARM, five, five, five), Map.of());

    List<AlarmConfig> tooMany =
        List.of(
            alarmWithActions(ALARM + "-a", six, List.of(), List.of()),
            alarmWithActions(ALARM + "-b", List.of(), six, List.of()),
            alarmWithActions(ALARM + "-c", List.of(), List.of(), six));
    for (AlarmConfig invalid : tooMany) {
      assertInvalid(
          PUT_METRIC_ALARM, "ValidationError", () -> gateway.putMetricAlarm(invalid, Map.of()));
    }
    assertThat(cloud.alarmNames(REGION)).containsExactly(ALARM);
  }

  @Test
  void anAlarmNeedsExactlyOneOfStatisticAndExtendedStatistic() {
    AlarmConfig both = alarm(ALARM, 5.0, List.of(), "p99");
    AlarmConfig neither = withStatistics(alarm(ALARM), null, null);

    assertInvalid(
        PUT_METRIC_ALARM,
        "InvalidParameterCombination",
        () -> gateway.putMetricAlarm(both, Map.of()));
    assertInvalid(
        PUT_METRIC_ALARM,
        "InvalidParameterCombination",
        () -> gateway.putMetricAlarm(neither, Map.of()));
    assertThat(cloud.alarmNames(REGION)).isEmpty();
  }

  @Test
  void alarmSettingsOutsideCloudWatchRangesAreInvalid() {
    AlarmConfig base = alarm(ALARM);
    List<AlarmConfig> invalid =
        List.of(
            withStatistics(base, "Median", null),
            withPeriodAndDatapoints(base, 45, 1, null),
            withPeriodAndDatapoints(base, 60, 0, null),
            withPeriodAndDatapoints(base, 60, 2, 3),
            new AlarmConfig(
                ALARM, null, "NS", "M", Map.of(), "Sum", null, 60, 1, null, "Bigger", 1.0, null,
                true, List.of(), List.of(), List.of(), null),
            new AlarmConfig(
                ALARM,
                null,
                "NS",
                "M",
                Map.of(),
                "Sum",
                null,
                60,
                1,
                null,
                "GreaterThanThreshold",
                1.0,
                "sometimes",
                true,
                List.of(),
                List.of(),
                List.of(),
                null));
    for (AlarmConfig config : invalid) {
      assertFails(Kind.INVALID_INPUT, () -> gateway.putMetricAlarm(config, Map.of()));
    }
    for (int period : List.of(10, 20, 30, 60, 300, 3600)) {
      gateway.putMetricAlarm(withPeriodAndDatapoints(base, period, 1, 1), Map.of());
    }
    assertThat(cloud.alarm(REGION, ALARM).orElseThrow().config().period()).isEqualTo(3600);
  }

  @Test
  void deleteAlarmsDeletesTheNamesThatExistAndIgnoresTheRest() {
    gateway.putMetricAlarm(alarm(ALARM), Map.of());
    gateway.putMetricAlarm(alarm(ALARM + "-2"), Map.of());

    gateway.deleteAlarms(List.of(ALARM, "never-created"));
    gateway.deleteAlarms(List.of());

    assertThat(cloud.alarmNames(REGION)).containsExactly(ALARM + "-2");
  }

  @Test
  void describeAlarmsWithNoNamesDescribesNothing() {
    gateway.putMetricAlarm(alarm(ALARM), Map.of());

    assertThat(gateway.describeAlarms(List.of())).isEmpty();
  }

  // ---- thread safety ----

  @Test
  void concurrentCreatesOfOneLogGroupLetExactlyOneWin() throws Exception {
    int threads = 8;
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      racers.add(
          () -> {
            try {
              createGroup(GROUP);
              return true;
            } catch (GatewayException e) {
              assertThat(e.kind()).isEqualTo(Kind.ALREADY_EXISTS);
              return false;
            }
          });
    }

    List<Boolean> outcomes = runAll(racers);

    assertThat(Collections.frequency(outcomes, true)).isEqualTo(1);
    assertThat(cloud.callCount(CREATE_LOG_GROUP)).isEqualTo(threads);
  }

  @Test
  void concurrentFilterPutsNeverExceedTheLimit() throws Exception {
    createGroup(GROUP);
    AtomicInteger limited = new AtomicInteger();
    List<Callable<Boolean>> writers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      writers.add(
          () -> {
            for (int i = 0; i < 20; i++) {
              try {
                gateway.putMetricFilter(filter(GROUP, "t" + thread + "-" + i));
              } catch (GatewayException e) {
                assertThat(e.kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
                limited.incrementAndGet();
              }
            }
            return true;
          });
    }

    runAll(writers);

    assertThat(cloud.metricFilters(REGION, GROUP)).hasSize(100);
    assertThat(limited).hasValue(60);
    assertThat(cloud.callCount(PUT_METRIC_FILTER)).isEqualTo(160);
  }

  // ---- fixtures ----

  private <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    executor = Executors.newFixedThreadPool(tasks.size());
    List<T> results = new ArrayList<>();
    for (Future<T> future : executor.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
      results.add(future.get());
    }
    return results;
  }

  private void createGroup(String name) {
    gateway.createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());
  }

  private static MetricFilterConfig filter(String group, String name) {
    return new MetricFilterConfig(
        group,
        name,
        "{ $.level = \"ERROR\" }",
        "AIModelAuditing",
        "ErrorCount",
        "1",
        0.0,
        "Count",
        Map.of());
  }

  private static AlarmConfig alarm(String name) {
    return alarm(name, 5.0, List.of(TOPIC), null);
  }

  private static CompositeAlarmConfig composite(String name, String... children) {
    return new CompositeAlarmConfig(
        name,
        null,
        Arrays.stream(children)
            .map(c -> "ALARM(\"" + c + "\")")
            .collect(Collectors.joining(" OR ")),
        true,
        List.of(TOPIC),
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  // ---- composite alarms, anomaly detectors, dashboards ----

  @Test
  void aCompositeAlarmStartsWithoutDataAndThenFollowsItsRule() {
    String other = ALARM + "-other";
    gateway.putMetricAlarm(alarm(ALARM), Map.of());
    gateway.putMetricAlarm(alarm(other), Map.of());
    gateway.putCompositeAlarm(composite(HEALTH, ALARM, other), Map.of());
    cloud.setAlarmState(REGION, ALARM, "OK", "fine");
    cloud.setAlarmState(REGION, other, "OK", "fine");

    assertThat(gateway.describeCompositeAlarms(List.of(HEALTH)).get(0).state()).isEqualTo("OK");

    clock.advance(Duration.ofMinutes(1));
    cloud.setAlarmState(REGION, other, "ALARM", "too many errors");
    assertThat(gateway.describeCompositeAlarms(List.of(HEALTH)).get(0))
        .satisfies(c -> assertThat(c.state()).isEqualTo("ALARM"))
        .satisfies(c -> assertThat(c.stateUpdatedAt()).isEqualTo(clock.instant()));
  }

  @Test
  void aRuleOfAndNotAndParenthesesIsEvaluatedAsCloudWatchDoes() throws Exception {
    AlarmRule rule = AlarmRule.parse("(ALARM(a) OR ALARM(\"b/c\")) AND NOT OK(d) AND TRUE");

    assertThat(rule.alarms()).containsExactlyInAnyOrder("a", "b/c", "d");
    assertThat(rule.holds(Map.of("a", "ALARM", "d", "INSUFFICIENT_DATA"))).isTrue();
    assertThat(rule.holds(Map.of("b/c", "ALARM", "d", "OK"))).isFalse();
    assertThat(rule.holds(Map.of("a", "OK", "b/c", "OK"))).isFalse();
    assertThatThrownBy(() -> AlarmRule.parse(" ALARM(a)")).isInstanceOf(AlarmRule.Invalid.class);
    assertThatThrownBy(() -> AlarmRule.parse("ALARM(a) OR")).isInstanceOf(AlarmRule.Invalid.class);
    assertThatThrownBy(() -> AlarmRule.parse("()")).isInstanceOf(AlarmRule.Invalid.class);
  }

  @Test
  void deleteAlarmsTakesAtMostOneCompositeAlarm() {
    gateway.putMetricAlarm(alarm(ALARM), Map.of());
    gateway.putCompositeAlarm(composite(HEALTH, ALARM), Map.of());
    gateway.putCompositeAlarm(composite(HEALTH + "-2", ALARM), Map.of());

    assertFails(Kind.INVALID_INPUT, () -> gateway.deleteAlarms(List.of(HEALTH, HEALTH + "-2")));
    assertThat(cloud.compositeAlarmNames(REGION)).hasSize(2);

    gateway.deleteAlarms(List.of(HEALTH));
    gateway.deleteAlarms(List.of(HEALTH + "-2", ALARM));
    assertThat(cloud.compositeAlarmNames(REGION)).isEmpty();
    assertThat(cloud.alarmNames(REGION)).isEmpty();
  }

  @Test
  void aCompositeAlarmsSuppressorMustExistAndNeedsItsPeriods() {
    gateway.putMetricAlarm(alarm(ALARM), Map.of());
    CompositeAlarmConfig plain = composite(HEALTH, ALARM);
    CompositeAlarmConfig missing =
        new CompositeAlarmConfig(
            HEALTH, null, plain.rule(), true, List.of(), List.of(), List.of(), "nope", 60, 60);
    CompositeAlarmConfig noPeriods =
        new CompositeAlarmConfig(
            HEALTH, null, plain.rule(), true, List.of(), List.of(), List.of(), ALARM, null, null);

    assertFails(Kind.INVALID_INPUT, () -> gateway.putCompositeAlarm(missing, Map.of()));
    assertFails(Kind.INVALID_INPUT, () -> gateway.putCompositeAlarm(noPeriods, Map.of()));
  }

  @Test
  void aMetricMathAlarmWithoutExactlyOneReturnedSeriesIsRefused() {
    AlarmConfig plain = alarm(ALARM);
    AlarmConfig noSeries =
        new AlarmConfig(
            ALARM,
            null,
            null,
            null,
            Map.of(),
            null,
            null,
            0,
            1,
            null,
            "GreaterThanThreshold",
            5,
            null,
            true,
            List.of(),
            List.of(),
            List.of(),
            null,
            List.of(
                io.modelaudit.operator.cloudwatch.MetricQuery.metric(
                    "m", null, "NS", "M", Map.of(), 60, "Sum", false)),
            null);

    assertFails(Kind.INVALID_INPUT, () -> gateway.putMetricAlarm(noSeries, Map.of()));
    assertThat(plain.isMetricMath()).isFalse();
  }

  @Test
  void dashboardsAreGlobalToTheAccount() {
    gateway.putDashboard(new DashboardConfig(DASHBOARD, "{\"widgets\":[]}"), Map.of());

    assertThat(cloud.forRegion("us-west-2").getDashboard(DASHBOARD)).isPresent();
    assertThat(cloud.forRegion("us-west-2").getDashboard(DASHBOARD).orElseThrow().arn())
        .isEqualTo("arn:aws:cloudwatch::123456789012:dashboard/" + DASHBOARD);
  }

  @Test
  void aDashboardOfTooManyWidgetsIsRefused() {
    String widgets =
        IntStream.range(0, 501)
            .mapToObj(i -> "{\"type\":\"text\"}")
            .collect(Collectors.joining(","));

    assertFails(
        Kind.INVALID_INPUT,
        () ->
            gateway.putDashboard(
                new DashboardConfig(DASHBOARD, "{\"widgets\":[" + widgets + "]}"), Map.of()));
  }

  private static AlarmConfig alarm(
      String name, double threshold, List<String> actions, String extendedStatistic) {
    return new AlarmConfig(
        name,
        "More than 5 model events a minute",
        "AIModelAuditing",
        "EventCount",
        Map.of(),
        "Sum",
        extendedStatistic,
        60,
        1,
        1,
        "GreaterThanThreshold",
        threshold,
        "notBreaching",
        true,
        actions,
        actions,
        List.of(),
        null);
  }

  private static AlarmConfig alarmWithActions(
      String name, List<String> alarm, List<String> ok, List<String> insufficientData) {
    AlarmConfig a = alarm(name);
    return new AlarmConfig(
        a.alarmName(),
        a.description(),
        a.metricNamespace(),
        a.metricName(),
        a.dimensions(),
        a.statistic(),
        a.extendedStatistic(),
        a.period(),
        a.evaluationPeriods(),
        a.datapointsToAlarm(),
        a.comparisonOperator(),
        a.threshold(),
        a.treatMissingData(),
        a.actionsEnabled(),
        alarm,
        ok,
        insufficientData,
        a.unit());
  }

  private static AlarmConfig withStatistics(AlarmConfig a, String statistic, String extended) {
    return new AlarmConfig(
        a.alarmName(),
        a.description(),
        a.metricNamespace(),
        a.metricName(),
        a.dimensions(),
        statistic,
        extended,
        a.period(),
        a.evaluationPeriods(),
        a.datapointsToAlarm(),
        a.comparisonOperator(),
        a.threshold(),
        a.treatMissingData(),
        a.actionsEnabled(),
        a.alarmActions(),
        a.okActions(),
        a.insufficientDataActions(),
        a.unit());
  }

  private static AlarmConfig withPeriodAndDatapoints(
      AlarmConfig a, int period, int evaluationPeriods, Integer datapointsToAlarm) {
    return new AlarmConfig(
        a.alarmName(),
        a.description(),
        a.metricNamespace(),
        a.metricName(),
        a.dimensions(),
        a.statistic(),
        a.extendedStatistic(),
        period,
        evaluationPeriods,
        datapointsToAlarm,
        a.comparisonOperator(),
        a.threshold(),
        a.treatMissingData(),
        a.actionsEnabled(),
        a.alarmActions(),
        a.okActions(),
        a.insufficientDataActions(),
        a.unit());
  }

  private static List<String> topics(int count) {
    return IntStream.range(0, count).mapToObj(i -> TOPIC + "-" + i).toList();
  }

  private static Duration ofMillis(long millis) {
    return Duration.ofMillis(millis);
  }

  private static void assertFails(Kind kind, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
  }

  private static void assertInvalid(String operation, String errorCode, ThrowingCallable call) {
    assertError(Kind.INVALID_INPUT, operation, errorCode, call);
  }

  private static void assertNotFound(String operation, String errorCode, ThrowingCallable call) {
    assertError(Kind.NOT_FOUND, operation, errorCode, call);
  }

  private static void assertError(
      Kind kind, String operation, String errorCode, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
              assertThat(e.operation()).isEqualTo(operation);
              assertThat(e.errorCode()).isEqualTo(errorCode);
            });
  }

  /** A clock the test moves by hand, so alarm state timestamps can be asserted exactly. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig archive(
      String group, String name) {
    return new io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig(
        group,
        name,
        "",
        FIREHOSE,
        "arn:aws:iam::123456789012:role/modelaudit.ml-prod.archive",
        "ByLogStream");
  }

  private static io.modelaudit.operator.cloudwatch.QueryDefinition query() {
    return new io.modelaudit.operator.cloudwatch.QueryDefinition(
        null, "modelaudit/ml-prod/fraud-detector/errors", "fields @message", List.of(GROUP));
  }
}
