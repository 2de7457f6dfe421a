package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.ObservedRule;
import io.modelaudit.operator.cloudwatch.RuleConfig;
import io.modelaudit.operator.cloudwatch.RuleTarget;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.InMemoryEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules and queue of a region: made when missing, repaired when changed, and never touched when
 * they are not this operator's.
 */
class PushChannelTest {

  private static final String REGION = "us-east-1";

  private final OperatorConfig config = OperatorConfig.defaults().withPushEvents(PushMode.ALL);
  private final PushResources resources = new PushResources(config);
  private final InMemoryEvents events = new InMemoryEvents();
  private final EventsGateway gateway = events.forRegion(REGION);
  private final PushChannel channel = new PushChannel(REGION, resources);

  @Test
  void whatIsMissingIsMadeAndThenLeftAlone() {
    assertThat(channel.ensure(gateway)).isTrue();

    assertThat(channel.healthy()).isTrue();
    String url = channel.queueUrl().orElseThrow();
    Map<String, String> attributes = gateway.queueAttributes(url);
    assertThat(resources.isOwn(gateway.queueTags(url))).isTrue();
    for (RuleConfig rule : resources.rules()) {
      ObservedRule observed = gateway.describeRule(rule.name()).orElseThrow();
      assertThat(resources.isOwn(gateway.listRuleTags(observed.arn()))).isTrue();
      assertThat(gateway.listTargetsByRule(rule.name()))
          .containsExactly(new RuleTarget(PushResources.TARGET_ID, attributes.get("QueueArn")));
    }
    events.resetCalls();

    assertThat(channel.ensure(gateway)).as("nothing to repair").isFalse();
    assertThat(events.calls())
        .doesNotContainKeys("CreateQueue", "PutRule", "PutTargets", "SetQueueAttributes");
  }

  @Test
  void aDisabledOrChangedRuleAndAChangedPolicyAreRepaired() {
    channel.ensure(gateway);
    String url = channel.queueUrl().orElseThrow();
    RuleConfig alarms = resources.rules().get(0);
    events.disableRuleOutOfBand(REGION, alarms.name());
    RuleConfig apiCalls = resources.rules().get(1);
    gateway.putRule(new RuleConfig(apiCalls.name(), "{\"source\":[\"aws.s3\"]}", null), Map.of());
    gateway.setQueueAttributes(url, Map.of("Policy", "{\"Statement\":[]}"));

    assertThat(channel.ensure(gateway)).isTrue();

    assertThat(gateway.describeRule(alarms.name()).orElseThrow().enabled()).isTrue();
    assertThat(
            PushResources.sameJson(
                gateway.describeRule(apiCalls.name()).orElseThrow().eventPattern(),
                apiCalls.eventPattern()))
        .isTrue();
    assertThat(gateway.queueAttributes(url).get("Policy")).contains("events.amazonaws.com");
  }

  @Test
  void aRuleOrQueueOfAnotherOwnerIsNeverTouched() {
    RuleConfig alarms = resources.rules().get(0);
    gateway.putRule(new RuleConfig(alarms.name(), "{\"source\":[\"someone\"]}", null), Map.of());

    channel.ensure(gateway);

    assertThat(channel.healthy()).isFalse();
    assertThat(channel.problem()).contains("is not this operator's");
    assertThat(gateway.describeRule(alarms.name()).orElseThrow().eventPattern())
        .isEqualTo("{\"source\":[\"someone\"]}");
    assertThat(gateway.listTargetsByRule(alarms.name())).isEmpty();

    InMemoryEvents other = new InMemoryEvents();
    EventsGateway otherGateway = other.forRegion(REGION);
    otherGateway.createQueue(resources.queueName(), Map.of(), Map.of("team", "theirs"));
    PushChannel refused = new PushChannel(REGION, resources);
    refused.ensure(otherGateway);
    assertThat(refused.healthy()).isFalse();
    assertThat(otherGateway.describeRule(alarms.name())).isEmpty();
  }

  @Test
  void anAdministratorsQueueIsUsedButNeverChanged() {
    PushResources admins = new PushResources(config.withEventQueue(Optional.of("audit-events")));
    PushChannel withTheirs = new PushChannel(REGION, admins);
    withTheirs.ensure(gateway);
    assertThat(withTheirs.healthy()).isFalse();
    assertThat(withTheirs.problem()).contains("audit-events").contains("does not exist");

    String url = gateway.createQueue("audit-events", Map.of(), Map.of());
    withTheirs.ensure(gateway);

    assertThat(withTheirs.healthy()).isTrue();
    assertThat(gateway.queueAttributes(url)).doesNotContainKey("Policy");
    assertThat(gateway.queueTags(url)).isEmpty();
    assertThat(gateway.listTargetsByRule(admins.rules().get(0).name()))
        .extracting(RuleTarget::arn)
        .containsExactly(gateway.queueAttributes(url).get("QueueArn"));
  }

  @Test
  void aLostQueueIsBrokenUntilMadeAgain() {
    channel.ensure(gateway);
    events.deleteQueueOutOfBand(REGION, resources.queueName());
    channel.broken("the queue is gone");
    assertThat(channel.queueUrl()).isEmpty();

    assertThat(channel.ensure(gateway)).isTrue();

    assertThat(channel.healthy()).isTrue();
    assertThat(List.of(channel.queueUrl().orElseThrow()))
        .containsExactly(gateway.queueUrl(resources.queueName()).orElseThrow());
  }
}
