package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The event shapes AWS documents (src/test/resources/events, written after the examples in the
 * CloudWatch and EventBridge user guides), and what is not an event at all.
 */
class EventParserTest {

  private static final String ALARM = "modelaudit-ml-prod/fraud-detector/high-event-rate";

  @Test
  void anAlarmStateChangeCarriesTheNewStateAndWhenCloudWatchSetIt() {
    PushEvent event = EventParser.parse(resource("alarm-state-change.json")).orElseThrow();

    assertThat(event)
        .isEqualTo(
            new PushEvent.AlarmStateChange(
                "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
                ALARM,
                "ALARM",
                "Threshold Crossed: 1 out of the last 1 datapoints [9.0 (02/10/19 16:59:00)] was"
                    + " greater than the threshold (5.0).",
                Instant.parse("2019-10-02T17:04:40.985Z")));
  }

  @Test
  void anAlarmConfigurationChangeSaysWhatHappenedButNotWho() {
    assertThat(EventParser.parse(resource("alarm-configuration-change.json")))
        .contains(
            new PushEvent.AlarmConfigurationChange(
                "5ce1c0cd-8b59-4e6b-8d66-ab4a1e5b7a12", ALARM, "update"));
  }

  @Test
  void anApiCallNamesItsPrincipalAndTheResourcesItChanged() {
    PushEvent.ApiCall retention =
        (PushEvent.ApiCall)
            EventParser.parse(resource("api-call-put-retention.json")).orElseThrow();
    assertThat(retention.eventName()).isEqualTo("PutRetentionPolicy");
    assertThat(retention.principal())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/Admin/someone");
    assertThat(retention.logGroups()).containsExactly("/modelaudit/ml-prod/fraud-detector");
    assertThat(retention.alarms()).isEmpty();

    PushEvent.ApiCall untag =
        (PushEvent.ApiCall) EventParser.parse(resource("api-call-untag-alarm.json")).orElseThrow();
    assertThat(untag.alarms()).containsExactly(ALARM);
    assertThat(untag.logGroups()).isEmpty();
  }

  @Test
  void aCallThatFailedChangedNothing() {
    String failed =
        resource("api-call-put-retention.json")
            .replace("\"readOnly\": false", "\"errorCode\": \"AccessDenied\", \"readOnly\": false");

    assertThat(EventParser.parse(failed)).isEmpty();
  }

  @Test
  void otherEventsAreIgnoredAndWhatIsNoEventIsPoison() {
    assertThat(
            EventParser.parse(
                "{\"id\":\"1\",\"detail-type\":\"EC2 Instance State-change Notification\","
                    + "\"detail\":{}}"))
        .isEqualTo(Optional.empty());
    assertThatThrownBy(() -> EventParser.parse("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> EventParser.parse("[1, 2]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> EventParser.parse("{\"detail-type\":\"x\"}"))
        .hasMessageContaining("not an EventBridge event");
    assertThatThrownBy(
            () ->
                EventParser.parse(
                    "{\"id\":\"1\",\"detail-type\":\"CloudWatch Alarm State Change\","
                        + "\"detail\":{\"alarmName\":\"a\",\"state\":{\"value\":\"OK\","
                        + "\"timestamp\":\"yesterday\"}}}"))
        .hasMessage("not a timestamp: yesterday");
  }

  @Test
  void arnsNameTheirLogGroupOrAlarm() {
    assertThat(EventParser.logGroupOfArn("arn:aws:logs:us-east-1:1:log-group:/a/b:*"))
        .contains("/a/b");
    assertThat(EventParser.logGroupOfArn("arn:aws-cn:logs:cn-north-1:1:log-group:/a/b"))
        .contains("/a/b");
    assertThat(EventParser.alarmOfArn("arn:aws:cloudwatch:us-east-1:1:alarm:x/y")).contains("x/y");
    assertThat(EventParser.alarmOfArn("arn:aws:logs:us-east-1:1:log-group:/a")).isEmpty();
  }

  @Test
  void theOperatorsOwnRoleIsItselfInEverySession() {
    assertThat(PushEvents.principalOf("arn:aws:sts::123:assumed-role/op/session-a"))
        .isEqualTo(PushEvents.principalOf("arn:aws:sts::123:assumed-role/op/session-b"))
        .isNotEqualTo(PushEvents.principalOf("arn:aws:sts::123:assumed-role/other/session-a"));
    assertThat(PushEvents.principalOf("arn:aws:iam::123:user/me"))
        .isEqualTo("arn:aws:iam::123:user/me");
  }

  static String resource(String name) {
    try (InputStream in = EventParserTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
