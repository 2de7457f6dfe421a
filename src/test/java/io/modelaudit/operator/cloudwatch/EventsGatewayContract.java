package io.modelaudit.operator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.push.PushResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link EventsGateway} must do, in the port's own terms: the
 * in-memory fake, and the AWS SDK adapter against moto. Names carry a random suffix, so the suite
 * runs against a long-lived emulator. Where an emulator deviates from AWS, its subclass overrides
 * that one scenario and says how.
 */
public abstract class EventsGatewayContract {

  protected abstract EventsGateway gateway();

  /**
   * EventBridge receiving an event on the default bus, as an AWS service sends it: source,
   * detail-type and detail as JSON.
   */
  protected abstract void publish(String source, String detailType, String detailJson);

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  protected String name(String suffix) {
    return "modelaudit-contract-" + run + "-" + suffix;
  }

  private String pattern(String prefix) {
    return "{\"source\":[\"aws.cloudwatch\"],\"detail-type\":[\"CloudWatch Alarm State Change\"],"
        + "\"detail\":{\"alarmName\":[{\"prefix\":\""
        + prefix
        + "\"}]}}";
  }

  @Test
  protected void aMissingRuleOrQueueIsEmptyNotAnError() {
    assertThat(gateway().describeRule(name("none"))).isEmpty();
    assertThat(gateway().queueUrl(name("none"))).isEmpty();
  }

  @Test
  protected void aRuleIsCreatedEnabledTaggedAndReplacedByName() {
    String rule = name("rule");
    String arn =
        gateway().putRule(new RuleConfig(rule, pattern("a-"), "first"), Map.of("team", "audit"));

    ObservedRule created = gateway().describeRule(rule).orElseThrow();
    assertThat(created.arn()).isEqualTo(arn).contains(":rule/" + rule);
    assertThat(created.enabled()).isTrue();
    assertThat(PushResources.sameJson(created.eventPattern(), pattern("a-"))).isTrue();
    assertThat(gateway().listRuleTags(arn)).containsEntry("team", "audit");

    assertThat(gateway().putRule(new RuleConfig(rule, pattern("b-"), "second"), Map.of()))
        .isEqualTo(arn);
    assertThat(
            PushResources.sameJson(
                gateway().describeRule(rule).orElseThrow().eventPattern(), pattern("b-")))
        .isTrue();
  }

  @Test
  protected void targetsArePutByIdAndListed() {
    String rule = name("targets");
    gateway().putRule(new RuleConfig(rule, pattern("t-"), null), Map.of());
    assertThat(gateway().listTargetsByRule(rule)).isEmpty();
    String queueArn = "arn:aws:sqs:us-east-1:123456789012:" + name("target-queue");

    gateway().putTargets(rule, List.of(new RuleTarget("q", queueArn)));
    gateway().putTargets(rule, List.of(new RuleTarget("q", queueArn)));

    assertThat(gateway().listTargetsByRule(rule)).containsExactly(new RuleTarget("q", queueArn));
  }

  @Test
  protected void aQueueIsCreatedWithItsAttributesAndTags() {
    String queue = name("queue");
    String url =
        gateway()
            .createQueue(
                queue, Map.of("MessageRetentionPeriod", "345600"), Map.of("team", "audit"));

    assertThat(gateway().queueUrl(queue)).contains(url);
    Map<String, String> attributes = gateway().queueAttributes(url);
    assertThat(attributes.get("QueueArn")).endsWith(":" + queue);
    assertThat(attributes).containsEntry("MessageRetentionPeriod", "345600");
    assertThat(gateway().queueTags(url)).containsEntry("team", "audit");

    String policy = PushResources.queuePolicy(attributes.get("QueueArn"), List.of("arn:rule"));
    gateway().setQueueAttributes(url, Map.of("Policy", policy));
    assertThat(PushResources.sameJson(gateway().queueAttributes(url).get("Policy"), policy))
        .isTrue();
    gateway().setQueueAttributes(url, Map.of());
  }

  @Test
  protected void anEventTheRuleMatchesIsReceivedOnceDeleted() {
    String prefix = name("alarm-");
    String rule = name("delivery");
    String url = gateway().createQueue(name("delivery-queue"), Map.of(), Map.of());
    String queueArn = gateway().queueAttributes(url).get("QueueArn");
    String ruleArn = gateway().putRule(new RuleConfig(rule, pattern(prefix), null), Map.of());
    gateway().putTargets(rule, List.of(new RuleTarget("q", queueArn)));
    gateway()
        .setQueueAttributes(
            url, Map.of("Policy", PushResources.queuePolicy(queueArn, List.of(ruleArn))));
    assertThat(gateway().receiveMessages(url, 10, 1)).isEmpty();

    publish(
        "aws.cloudwatch",
        "CloudWatch Alarm State Change",
        "{\"alarmName\":\"" + prefix + "x\",\"state\":{\"value\":\"ALARM\"}}");
    publish(
        "aws.cloudwatch",
        "CloudWatch Alarm State Change",
        "{\"alarmName\":\"someone-else\",\"state\":{\"value\":\"ALARM\"}}");

    List<QueueMessage> received = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              received.addAll(gateway().receiveMessages(url, 10, 1));
              return !received.isEmpty();
            });
    assertThat(received).hasSize(1);
    assertThat(received.get(0).body()).contains(prefix + "x").contains("\"detail-type\"");
    assertThat(received.get(0).receiveCount()).isEqualTo(1);
    gateway().deleteMessages(url, List.of(received.get(0).receiptHandle()));
    gateway().deleteMessages(url, List.of());
    assertThat(gateway().receiveMessages(url, 10, 1)).isEmpty();
  }

  @Test
  protected void theCallerIsAnArn() {
    assertThat(gateway().callerArn()).startsWith("arn:aws");
  }
}
