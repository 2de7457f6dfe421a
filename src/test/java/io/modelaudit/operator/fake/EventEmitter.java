package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.InterceptedCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the CloudWatch fake tells EventBridge, as AWS's services do: CloudWatch's alarm state and
 * configuration change events, and CloudTrail's "AWS API Call via CloudTrail" events for the calls
 * that change log groups, streams, filters and tags, each with the principal that made it (the
 * operator's role for port calls, someone else for out-of-band changes).
 */
final class EventEmitter extends InterceptedCloudWatchGateways {

  /** Who makes out-of-band changes: a person in the console. */
  static final String SOMEONE_ELSE =
      "arn:aws:iam::" + CloudWatchStore.ACCOUNT_ID + ":user/someone-else";

  private static final DateTimeFormatter CLOUDWATCH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX").withZone(ZoneOffset.UTC);

  private final CloudWatchStore store;
  private volatile InMemoryEvents events;

  EventEmitter(CloudWatchStore store) {
    super(store);
    this.store = store;
  }

  void emitTo(InMemoryEvents events) {
    this.events = events;
  }

  @Override
  protected PortInterceptor interceptor(io.modelaudit.operator.cloudwatch.AwsTarget target) {
    String region = target.region();
    return (operation, args, call) -> {
      String name = operation.name();
      boolean existed =
          name.equals(Operations.PUT_METRIC_ALARM)
              && store.alarm(region, ((AlarmConfig) args[0]).alarmName()).isPresent();
      Object result = call.get();
      InMemoryEvents sink = events;
      if (sink != null && FakeOperations.MUTATING.contains(name)) {
        portCall(sink, region, operation.service(), name, args, existed);
      }
      return result;
    };
  }

  private void portCall(
      InMemoryEvents sink,
      String region,
      io.modelaudit.operator.cloudwatch.Operations.Service service,
      String name,
      Object[] args,
      boolean existed) {
    if (name.equals(Operations.PUT_METRIC_ALARM)) {
      alarmConfiguration(
          sink, region, ((AlarmConfig) args[0]).alarmName(), existed ? "update" : "create");
      return;
    }
    if (name.equals(Operations.DELETE_ALARMS)) {
      @SuppressWarnings("unchecked")
      Collection<String> names = (Collection<String>) args[0];
      names.forEach(n -> alarmConfiguration(sink, region, n, "delete"));
      return;
    }
    Map<String, Object> request = new LinkedHashMap<>();
    Object first = args.length == 0 ? null : args[0];
    if (first instanceof LogGroupConfig config) {
      request.put("logGroupName", config.name());
    } else if (first instanceof MetricFilterConfig filter) {
      request.put("logGroupName", filter.logGroupName());
      request.put("filterName", filter.filterName());
    } else if (first instanceof String text && text.startsWith("arn:")) {
      request.put(service == Operations.Service.LOGS ? "resourceArn" : "resourceARN", text);
    } else if (first instanceof String text) {
      request.put("logGroupName", text);
    }
    apiCall(sink, region, service, name, request, InMemoryEvents.CALLER_ARN);
  }

  /** An alarm's state moved (out of band: CloudWatch evaluated it). */
  void alarmState(String region, ObservedAlarm before, ObservedAlarm after) {
    Map<String, Object> configuration =
        Map.of("description", Optional.ofNullable(after.config().description()).orElse(""));
    stateChange(
        region,
        after.alarmName(),
        state(after.state(), after.stateReason(), after.stateUpdatedAt()),
        state(before.state(), before.stateReason(), before.stateUpdatedAt()),
        configuration);
  }

  /**
   * A composite alarm's state moved because one of its alarms did: the same event, with the rule in
   * its configuration, as AWS sends for composite alarms.
   */
  void compositeState(String region, ObservedCompositeAlarm before, ObservedCompositeAlarm after) {
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("alarmRule", after.config().rule());
    configuration.put("description", Optional.ofNullable(after.config().description()).orElse(""));
    stateChange(
        region,
        after.alarmName(),
        state(after.state(), after.stateReason(), after.stateUpdatedAt()),
        state(before.state(), before.stateReason(), before.stateUpdatedAt()),
        configuration);
  }

  private void stateChange(
      String region,
      String alarmName,
      Map<String, Object> state,
      Map<String, Object> previous,
      Map<String, Object> configuration) {
    InMemoryEvents sink = events;
    if (sink == null) {
      return;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("alarmName", alarmName);
    detail.put("state", state);
    detail.put("previousState", previous);
    detail.put("configuration", configuration);
    sink.publish(region, "aws.cloudwatch", "CloudWatch Alarm State Change", detail);
  }

  void alarmConfiguration(String region, String alarmName, String operation) {
    InMemoryEvents sink = events;
    if (sink != null) {
      alarmConfiguration(sink, region, alarmName, operation);
    }
  }

  /** Someone other than the operator made this call. */
  void apiCallByOthers(
      String region,
      io.modelaudit.operator.cloudwatch.Operations.Service service,
      String eventName,
      Map<String, Object> request) {
    InMemoryEvents sink = events;
    if (sink != null) {
      apiCall(sink, region, service, eventName, request, SOMEONE_ELSE);
    }
  }

  private static void alarmConfiguration(
      InMemoryEvents sink, String region, String alarmName, String operation) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("alarmName", alarmName);
    detail.put("operation", operation);
    sink.publish(region, "aws.cloudwatch", "CloudWatch Alarm Configuration Change", detail);
  }

  private static void apiCall(
      InMemoryEvents sink,
      String region,
      io.modelaudit.operator.cloudwatch.Operations.Service service,
      String eventName,
      Map<String, Object> request,
      String principal) {
    boolean logs = service == Operations.Service.LOGS;
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("eventVersion", "1.08");
    detail.put(
        "userIdentity",
        Map.of(
            "type",
            principal.contains(":assumed-role/") ? "AssumedRole" : "IAMUser",
            "arn",
            principal));
    detail.put("eventTime", Instant.now().toString());
    detail.put("eventSource", logs ? "logs.amazonaws.com" : "monitoring.amazonaws.com");
    detail.put("eventName", eventName);
    detail.put("awsRegion", region);
    detail.put("requestParameters", request);
    detail.put("eventID", UUID.randomUUID().toString());
    detail.put("eventType", "AwsApiCall");
    sink.publish(
        region, logs ? "aws.logs" : "aws.monitoring", "AWS API Call via CloudTrail", detail);
  }

  private static Map<String, Object> state(String value, String reason, Instant at) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("value", value);
    state.put("reason", reason);
    state.put("timestamp", CLOUDWATCH_TIME.format(at == null ? Instant.now() : at));
    return state;
  }

  static List<String> names(String... names) {
    return List.of(names);
  }
}
