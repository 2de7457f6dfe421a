package io.modelaudit.operator.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the events EventBridge delivers to the queue (each message's body is the event as JSON), in
 * the shapes AWS documents: "CloudWatch Alarm State Change" and "CloudWatch Alarm Configuration
 * Change" (Amazon CloudWatch User Guide, "Alarm events and EventBridge"), and "AWS API Call via
 * CloudTrail" (Amazon EventBridge User Guide, "Events from AWS services delivered via CloudTrail").
 */
public final class EventParser {

  public static final String ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";
  public static final String ALARM_CONFIGURATION_CHANGE = "CloudWatch Alarm Configuration Change";
  public static final String API_CALL = "AWS API Call via CloudTrail";

  /** CloudWatch writes state timestamps as 2019-10-01T13:56:40.987+0000. */
  private static final DateTimeFormatter CLOUDWATCH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S]XX");

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventParser() {}

  /**
   * The event in a message body; empty for a well-formed event the operator does not act on (a call
   * that failed, another kind of event).
   *
   * @throws IllegalArgumentException saying what is wrong with a body that is not such an event: a
   *     poison message, which no retry can fix
   */
  public static Optional<PushEvent> parse(String body) {
    JsonNode event;
    try {
      event = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = text(event, "id");
    String type = text(event, "detail-type");
    JsonNode detail = event.get("detail");
    if (id == null || type == null || detail == null || !detail.isObject()) {
      throw new IllegalArgumentException(
          "not an EventBridge event: id, detail-type or detail missing");
    }
    return switch (type) {
      case ALARM_STATE_CHANGE -> Optional.of(stateChange(id, detail));
      case ALARM_CONFIGURATION_CHANGE -> Optional.of(configurationChange(id, detail));
      case API_CALL -> apiCall(id, detail);
      default -> Optional.empty();
    };
  }

  private static PushEvent stateChange(String id, JsonNode detail) {
    String alarm = required(detail, "alarmName");
    JsonNode state = detail.get("state");
    if (state == null || !state.isObject()) {
      throw new IllegalArgumentException("alarm state change without state");
    }
    return new PushEvent.AlarmStateChange(
        id,
        alarm,
        required(state, "value"),
        text(state, "reason"),
        time(required(state, "timestamp")));
  }

  private static PushEvent configurationChange(String id, JsonNode detail) {
    return new PushEvent.AlarmConfigurationChange(
        id, required(detail, "alarmName"), required(detail, "operation"));
  }

  private static Optional<PushEvent> apiCall(String id, JsonNode detail) {
    String name = required(detail, "eventName");
    if (detail.hasNonNull("errorCode")) {
      // the call failed: it changed nothing
      return Optional.empty();
    }
    JsonNode identity = detail.path("userIdentity");
    String principal =
        Optional.ofNullable(text(identity, "arn"))
            .orElse(Optional.ofNullable(text(identity, "principalId")).orElse("unknown"));
    String eventTime = text(detail, "eventTime");
    JsonNode request = detail.path("requestParameters");
    List<String> groups = new ArrayList<>();
    List<String> alarms = new ArrayList<>();
    addText(groups, request, "logGroupName");
    for (String key : List.of("logGroupIdentifier", "resourceArn", "resourceARN")) {
      String value = text(request, key);
      if (value == null) {
        continue;
      }
      if (value.startsWith("arn:")) {
        logGroupOfArn(value).ifPresent(groups::add);
        alarmOfArn(value).ifPresent(alarms::add);
      } else if (key.equals("logGroupIdentifier")) {
        groups.add(value);
      }
    }
    addText(alarms, request, "alarmName");
    JsonNode names = request.path("alarmNames");
    if (names.isArray()) {
      names.forEach(n -> alarms.add(n.asText()));
    }
    return Optional.of(
        new PushEvent.ApiCall(
            id, name, principal, eventTime == null ? null : time(eventTime), groups, alarms));
  }

  /** The log group of a log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]). */
  static Optional<String> logGroupOfArn(String arn) {
    String marker = ":log-group:";
    int at = arn.indexOf(marker);
    if (!arn.contains(":logs:") || at < 0) {
      return Optional.empty();
    }
    String name = arn.substring(at + marker.length());
    return Optional.of(name.endsWith(":*") ? name.substring(0, name.length() - 2) : name);
  }

  /** The alarm of an alarm ARN (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME). */
  static Optional<String> alarmOfArn(String arn) {
    String marker = ":alarm:";
    int at = arn.indexOf(marker);
    return arn.contains(":cloudwatch:") && at >= 0
        ? Optional.of(arn.substring(at + marker.length()))
        : Optional.empty();
  }

  static Instant time(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, CLOUDWATCH_TIME).toInstant();
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException("not a timestamp: " + text);
      }
    }
  }

  private static void addText(List<String> to, JsonNode node, String field) {
    String value = text(node, field);
    if (value != null) {
      to.add(value);
    }
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw new IllegalArgumentException("event without " + field);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }
}
