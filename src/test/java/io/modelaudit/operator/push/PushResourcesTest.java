package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.cloudwatch.RuleConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.EventPatterns;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules, queue and policy the push machinery keeps, derived from the configuration. */
class PushResourcesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesStartWithTheAlarmPrefixAndFitAwsLimits() {
    PushResources resources =
        new PushResources(
            OperatorConfig.defaults().withPushEvents(PushMode.ALL).withClusterName("prod eu/1"));

    assertThat(resources.queueName()).isEqualTo("modelaudit-prod-eu-1-events");
    assertThat(resources.rules())
        .extracting(RuleConfig::name)
        .containsExactly(
            "modelaudit-prod-eu-1-events-alarms", "modelaudit-prod-eu-1-events-api-calls");
    String long_ = PushResources.baseName("modelaudit", "x".repeat(100));
    assertThat(long_)
        .hasSizeLessThanOrEqualTo(64 - "-api-calls".length())
        .startsWith("modelaudit-x");
    assertThat(PushResources.baseName("modelaudit", "y".repeat(100))).isNotEqualTo(long_);
  }

  @Test
  void withAlarmsOnlyThereIsNoCloudTrailRule() {
    assertThat(new PushResources(OperatorConfig.defaults().withPushEvents(PushMode.ALARMS)).rules())
        .hasSize(1);
  }

  @Test
  void theAlarmRuleMatchesOnlyThisOperatorsAlarms() throws Exception {
    PushResources resources =
        new PushResources(OperatorConfig.defaults().withPushEvents(PushMode.ALARMS));
    JsonNode pattern = JSON.readTree(resources.rules().get(0).eventPattern());
    JsonNode event = JSON.readTree(EventParserTest.resource("alarm-state-change.json"));

    assertThat(matches(pattern, event)).isTrue();
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("detail"))
        .put("alarmName", "someone-elses-alarm");
    assertThat(matches(pattern, event)).isFalse();
  }

  @Test
  void theApiCallRuleMatchesTheDocumentedCalls() throws Exception {
    JsonNode pattern =
        JSON.readTree(
            new PushResources(OperatorConfig.defaults().withPushEvents(PushMode.ALL))
                .rules()
                .get(1)
                .eventPattern());

    assertThat(
            matches(
                pattern, JSON.readTree(EventParserTest.resource("api-call-put-retention.json"))))
        .isTrue();
    assertThat(
            matches(pattern, JSON.readTree(EventParserTest.resource("api-call-untag-alarm.json"))))
        .isTrue();
  }

  @Test
  void thePolicyLetsOnlyEventBridgeSendForTheRules() throws Exception {
    JsonNode policy =
        JSON.readTree(PushResources.queuePolicy("arn:aws:sqs:us-east-1:1:q", List.of("r1", "r2")));
    JsonNode statement = policy.get("Statement").get(0);

    assertThat(statement.get("Principal").get("Service").asText())
        .isEqualTo("events.amazonaws.com");
    assertThat(statement.get("Action").asText()).isEqualTo("sqs:SendMessage");
    assertThat(statement.get("Resource").asText()).isEqualTo("arn:aws:sqs:us-east-1:1:q");
    assertThat(statement.at("/Condition/ArnEquals/aws:SourceArn").toString())
        .isEqualTo("[\"r1\",\"r2\"]");
  }

  @Test
  void jsonIsComparedByWhatItSays() {
    assertThat(PushResources.sameJson("{\"a\":[\"x\"],\"b\":1}", "{ \"b\": 1, \"a\": \"x\" }"))
        .isTrue();
    assertThat(PushResources.sameJson("{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"y\",\"x\"]}")).isTrue();
    assertThat(PushResources.sameJson("{\"a\":1}", "{\"a\":2}")).isFalse();
    assertThat(PushResources.sameJson("{\"a\":1}", null)).isFalse();
  }

  @Test
  void ownershipIsTheClusterAndComponentTags() {
    PushResources resources =
        new PushResources(OperatorConfig.defaults().withPushEvents(PushMode.ALL));
    assertThat(resources.isOwn(resources.tags())).isTrue();
    assertThat(resources.isOwn(Map.of())).isFalse();
    assertThat(
            new PushResources(
                    OperatorConfig.defaults()
                        .withPushEvents(PushMode.ALL)
                        .withEventQueue(Optional.of("admins-queue")))
                .queueName())
        .isEqualTo("admins-queue");
  }

  private static boolean matches(JsonNode pattern, JsonNode event) {
    return EventPatterns.matches(pattern, event);
  }
}
