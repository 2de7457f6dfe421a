package io.modelaudit.operator.bench;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsEventsGateways;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.CountingCloudWatch;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The AWS the benchmark runs the operator against: the in-memory fake (AWS's quotas enforced, time
 * scaled) or moto through the production AWS SDK adapter (real time, the operator's default rate
 * limits). Either way every call the operator makes is counted by operation, and the benchmark has
 * a port of its own, not counted, to change AWS behind the operator's back and to check repairs.
 */
abstract class BenchAws implements AutoCloseable {

  /** What the operator is given: every call counted. */
  abstract CloudWatchGateways operatorGateways();

  /** What the operator's push machinery is given (every call counted); null with push off. */
  abstract EventsGateways operatorEvents();

  /** Calls the push machinery made since the last reset, by operation. */
  abstract Map<String, Integer> eventCalls();

  /**
   * A change made behind the operator's back, as CloudTrail would report it to EventBridge with
   * push {@code all}: the fake publishes it itself; on moto the benchmark puts the event.
   */
  abstract void reportApiCall(String region, String eventName, String logGroupName);

  /** Calls the operator made since the last reset, by AWS operation. */
  abstract Map<String, Integer> calls();

  abstract void resetCalls();

  /** Calls refused with a throttling error since the last reset (only the fake enforces quotas). */
  abstract Map<String, Integer> throttled();

  /** The port as someone else uses it: not counted, for out-of-band changes and checks. */
  abstract CloudWatchGateway outOfBand(String region);

  /** Moves an alarm to a state, as CloudWatch does when it evaluates the metric. */
  abstract void setAlarmState(String region, String alarmName, String state, String reason);

  /** Someone deletes an alarm (and AWS tells EventBridge, with push on). */
  abstract void deleteAlarm(String region, String alarmName);

  /** Someone changes a log group's retention (CloudTrail tells EventBridge, with push all). */
  abstract void setRetention(String region, String logGroupName, int days);

  /** Someone changes a metric filter (CloudTrail tells EventBridge, with push all). */
  abstract void putMetricFilter(String region, MetricFilterConfig filter);

  /** One line for the report. */
  abstract String describe();

  @Override
  public abstract void close();

  static boolean isWrite(String operation) {
    return InMemoryCloudWatch.MUTATING_OPERATIONS.contains(operation);
  }

  /** The in-memory fake, throttling above AWS's quotas multiplied by the time scale. */
  static final class Fake extends BenchAws {
    final InMemoryCloudWatch aws = new InMemoryCloudWatch();
    private final InMemoryEvents events;
    private final double scale;

    Fake(double scale, PushMode push) {
      this.scale = scale;
      this.events = push.isOn() ? new InMemoryEvents() : null;
      if (events != null) {
        aws.emitEventsTo(events);
      }
      Map<String, Double> quotas = new TreeMap<>();
      // the CloudWatch fake's quotas; the push machinery's operations are not CloudWatch's
      Operations.QUOTAS.forEach(
          (op, q) -> {
            if (InMemoryCloudWatch.OPERATIONS.contains(op)) {
              quotas.put(op, q * scale);
            }
          });
      aws.enforceQuotas(quotas);
    }

    @Override
    CloudWatchGateways operatorGateways() {
      return aws;
    }

    @Override
    Map<String, Integer> calls() {
      return aws.calls();
    }

    @Override
    EventsGateways operatorEvents() {
      return events;
    }

    @Override
    Map<String, Integer> eventCalls() {
      return events == null ? Map.of() : events.calls();
    }

    @Override
    void reportApiCall(String region, String eventName, String logGroupName) {
      // the fake's out-of-band changes publish their CloudTrail events themselves
    }

    @Override
    void resetCalls() {
      aws.resetCalls();
      if (events != null) {
        events.resetCalls();
      }
    }

    @Override
    Map<String, Integer> throttled() {
      return aws.throttledCalls();
    }

    @Override
    CloudWatchGateway outOfBand(String region) {
      return aws.uncounted(region);
    }

    @Override
    void setAlarmState(String region, String alarmName, String state, String reason) {
      aws.setAlarmState(region, alarmName, state, reason);
    }

    @Override
    void deleteAlarm(String region, String alarmName) {
      aws.deleteAlarmOutOfBand(region, alarmName);
    }

    @Override
    void setRetention(String region, String logGroupName, int days) {
      aws.setRetentionOutOfBand(region, logGroupName, days);
    }

    @Override
    void putMetricFilter(String region, MetricFilterConfig filter) {
      aws.putMetricFilterOutOfBand(region, filter);
    }

    @Override
    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "the in-memory CloudWatch fake, throttling above AWS's quotas x%.0f%s",
          scale,
          events == null ? "" : ", with the in-memory EventBridge and SQS");
    }

    @Override
    public void close() {}
  }

  /** moto, reached through the production AWS SDK adapter (and the test-only CBOR bridge). */
  static final class Moto extends BenchAws {
    private final MotoServer moto = MotoServer.startOwn();
    private final AwsCloudWatchGateways operatorSide =
        new AwsCloudWatchGateways(MotoSupport.customizer(moto.endpoint()));
    // what moto does not implement (query definitions, ...) answered by the fake's store, counted
    private final CountingCloudWatch counted =
        new CountingCloudWatch(new io.modelaudit.operator.moto.MotoGaps(operatorSide));
    private final AwsCloudWatchGateways benchSide =
        new AwsCloudWatchGateways(MotoSupport.customizer(moto.endpoint()));
    private final CloudWatchClient cloudWatch = MotoSupport.cloudWatchClient(moto);
    private final PushMode push;
    private final AwsEventsGateways events;
    private final EventBridgeClient eventBridge;
    private final Map<String, AtomicInteger> eventCalls = new ConcurrentHashMap<>();
    private final Map<io.modelaudit.operator.cloudwatch.AwsTarget, EventsGateway> countedEvents =
        new ConcurrentHashMap<>();

    Moto(PushMode push) {
      this.push = push;
      this.events = push.isOn() ? MotoSupport.eventsGateways(moto) : null;
      this.eventBridge = push.isOn() ? MotoSupport.eventBridgeClient(moto) : null;
    }

    @Override
    EventsGateways operatorEvents() {
      if (events == null) {
        return null;
      }
      PortInterceptor counting =
          (operation, args, call) -> {
            eventCalls
                .computeIfAbsent(operation.name(), k -> new AtomicInteger())
                .incrementAndGet();
            return call.get();
          };
      return target ->
          countedEvents.computeIfAbsent(target, t -> counting.aroundEvents(events.forTarget(t)));
    }

    @Override
    Map<String, Integer> eventCalls() {
      Map<String, Integer> snapshot = new TreeMap<>();
      eventCalls.forEach((op, n) -> snapshot.put(op, n.get()));
      return snapshot;
    }

    @Override
    void reportApiCall(String region, String eventName, String logGroupName) {
      if (push == PushMode.ALL) {
        putEvent(
            "aws.logs",
            "AWS API Call via CloudTrail",
            "{\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":"
                + "\"arn:aws:iam::123456789012:user/benchmark\"},\"eventSource\":"
                + "\"logs.amazonaws.com\",\"eventName\":\""
                + eventName
                + "\",\"requestParameters\":{\"logGroupName\":\""
                + logGroupName
                + "\"}}");
      }
    }

    private void putEvent(String source, String detailType, String detail) {
      eventBridge.putEvents(
          b -> b.entries(e -> e.source(source).detailType(detailType).detail(detail)));
    }

    @Override
    CloudWatchGateways operatorGateways() {
      return counted;
    }

    @Override
    Map<String, Integer> calls() {
      return counted.callsByOperation();
    }

    @Override
    void resetCalls() {
      counted.reset();
      eventCalls.clear();
    }

    @Override
    Map<String, Integer> throttled() {
      return Map.of();
    }

    @Override
    CloudWatchGateway outOfBand(String region) {
      return benchSide.forRegion(region);
    }

    /** moto emits no alarm event: with push on, the benchmark puts the one CloudWatch sends. */
    @Override
    void setAlarmState(String region, String alarmName, String state, String reason) {
      cloudWatch.setAlarmState(
          b -> b.alarmName(alarmName).stateValue(StateValue.fromValue(state)).stateReason(reason));
      if (push.isOn()) {
        putEvent(
            "aws.cloudwatch",
            "CloudWatch Alarm State Change",
            "{\"alarmName\":\""
                + alarmName
                + "\",\"state\":{\"value\":\""
                + state
                + "\",\"reason\":\""
                + reason
                + "\",\"timestamp\":\""
                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.now())
                + "\"}}");
      }
    }

    @Override
    void deleteAlarm(String region, String alarmName) {
      outOfBand(region).deleteAlarms(java.util.List.of(alarmName));
      if (push.isOn()) {
        putEvent(
            "aws.cloudwatch",
            "CloudWatch Alarm Configuration Change",
            "{\"alarmName\":\"" + alarmName + "\",\"operation\":\"delete\"}");
      }
    }

    @Override
    void setRetention(String region, String logGroupName, int days) {
      outOfBand(region).putRetentionPolicy(logGroupName, days);
      reportApiCall(region, "PutRetentionPolicy", logGroupName);
    }

    @Override
    void putMetricFilter(String region, MetricFilterConfig filter) {
      outOfBand(region).putMetricFilter(filter);
      reportApiCall(region, "PutMetricFilter", filter.logGroupName());
    }

    @Override
    String describe() {
      return "moto_server at "
          + moto.endpoint()
          + " through the production AWS SDK adapter (moto does not throttle; the operator's"
          + " client-side rate limits are AWS's quotas)";
    }

    @Override
    public void close() {
      if (eventBridge != null) {
        eventBridge.close();
      }
      if (events != null) {
        events.close();
      }
      cloudWatch.close();
      benchSide.close();
      operatorSide.close();
      moto.close();
    }
  }
}
