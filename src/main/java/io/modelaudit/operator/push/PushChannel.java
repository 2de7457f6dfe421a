package io.modelaudit.operator.push;

import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.ObservedRule;
import io.modelaudit.operator.cloudwatch.RuleConfig;
import io.modelaudit.operator.cloudwatch.RuleTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules and the queue of one region: made when missing, repaired when changed (pattern, state,
 * target, the queue's attributes and access policy), never touched when they carry another
 * operator's tags or none. An administrator's queue is only looked up and used as the target.
 */
final class PushChannel {

  private static final Logger LOG = LoggerFactory.getLogger(PushChannel.class);

  private final String region;
  private final PushResources resources;
  private volatile String queueUrl;
  private volatile String problem = "not set up yet";

  PushChannel(String region, PushResources resources) {
    this.region = region;
    this.resources = resources;
  }

  /** A rule or queue of the operator's name that is not the operator's: never changed. */
  static final class NotOurs extends RuntimeException {
    NotOurs(String message) {
      super(message, null, false, false);
    }
  }

  /** The queue's URL while the channel works; empty otherwise. */
  Optional<String> queueUrl() {
    return problem == null ? Optional.ofNullable(queueUrl) : Optional.empty();
  }

  boolean healthy() {
    return problem == null;
  }

  /** Why the channel does not work; null when it does. */
  String problem() {
    return problem;
  }

  /** Marks the channel broken, e.g. when the queue is gone; {@link #ensure} repairs it. */
  void broken(String why) {
    if (problem == null) {
      LOG.warn("push events in {} stopped: {}; polling until repaired", region, why);
    }
    problem = why;
  }

  /**
   * Makes the queue and the rules what they should be, through this gateway.
   *
   * @return whether anything was missing or had to be repaired (events may have been lost)
   */
  boolean ensure(EventsGateway gateway) {
    boolean repaired = false;
    try {
      String url = resources.adminQueue() ? adminQueue(gateway) : ownQueue(gateway);
      Map<String, String> attributes = gateway.queueAttributes(url);
      String queueArn = attributes.get("QueueArn");
      if (queueArn == null) {
        throw new IllegalStateException("queue " + url + " has no QueueArn attribute");
      }
      List<String> ruleArns = new ArrayList<>();
      for (RuleConfig rule : resources.rules()) {
        RuleResult result = ensureRule(gateway, rule, queueArn);
        ruleArns.add(result.arn());
        repaired |= result.repaired();
      }
      if (!resources.adminQueue()) {
        repaired |= ensureAttributes(gateway, url, attributes, queueArn, ruleArns);
      }
      repaired |= !Objects.equals(url, queueUrl);
      queueUrl = url;
      if (problem != null) {
        LOG.info("push events in {}: rules {} deliver to queue {}", region, names(), url);
      }
      problem = null;
    } catch (NotOurs e) {
      LOG.error("push events in {} cannot work: {}; polling instead", region, e.getMessage());
      problem = e.getMessage();
    } catch (GatewayException e) {
      LOG.warn(
          "push events in {}: setting up failed, polling meanwhile: {}", region, e.getMessage());
      problem = e.getMessage();
    }
    return repaired;
  }

  private String adminQueue(EventsGateway gateway) {
    return gateway
        .queueUrl(resources.queueName())
        .orElseThrow(
            () ->
                new NotOurs(
                    "the queue "
                        + resources.queueName()
                        + " (MODELAUDIT_EVENT_QUEUE) does not exist in "
                        + region));
  }

  private String ownQueue(EventsGateway gateway) {
    String name = resources.queueName();
    Optional<String> url = gateway.queueUrl(name);
    if (url.isEmpty()) {
      String created = gateway.createQueue(name, resources.queueAttributes(), resources.tags());
      LOG.info("push events in {}: created queue {}", region, name);
      return created;
    }
    Map<String, String> tags = gateway.queueTags(url.get());
    if (!resources.isOwn(tags)) {
      throw new NotOurs(
          "queue "
              + name
              + " exists and is not this operator's (tags "
              + tags
              + "); delete it, or set MODELAUDIT_EVENT_QUEUE to use it");
    }
    return url.get();
  }

  private boolean ensureAttributes(
      EventsGateway gateway,
      String url,
      Map<String, String> has,
      String queueArn,
      List<String> ruleArns) {
    Map<String, String> repair = new LinkedHashMap<>();
    resources
        .queueAttributes()
        .forEach(
            (key, value) -> {
              if (!value.equals(has.get(key))) {
                repair.put(key, value);
              }
            });
    String policy = PushResources.queuePolicy(queueArn, ruleArns);
    if (!PushResources.sameJson(policy, has.get("Policy"))) {
      repair.put("Policy", policy);
    }
    if (repair.isEmpty()) {
      return false;
    }
    gateway.setQueueAttributes(url, repair);
    LOG.info("push events in {}: set {} of queue {}", region, repair.keySet(), url);
    return true;
  }

  private record RuleResult(String arn, boolean repaired) {}

  private RuleResult ensureRule(EventsGateway gateway, RuleConfig rule, String queueArn) {
    Optional<ObservedRule> has = gateway.describeRule(rule.name());
    String arn;
    boolean repaired = false;
    if (has.isEmpty()) {
      arn = gateway.putRule(rule, resources.tags());
      LOG.info("push events in {}: created rule {}", region, rule.name());
      repaired = true;
    } else {
      Map<String, String> tags = gateway.listRuleTags(has.get().arn());
      if (!resources.isOwn(tags)) {
        throw new NotOurs(
            "EventBridge rule "
                + rule.name()
                + " exists and is not this operator's (tags "
                + tags
                + "); delete it or change MODELAUDIT_CLUSTER_NAME");
      }
      arn = has.get().arn();
      if (!has.get().enabled()
          || !PushResources.sameJson(rule.eventPattern(), has.get().eventPattern())) {
        arn = gateway.putRule(rule, Map.of());
        LOG.info(
            "push events in {}: repaired rule {} ({})",
            region,
            rule.name(),
            has.get().enabled() ? "its pattern was changed" : "it was disabled");
        repaired = true;
      }
    }
    boolean targeted =
        gateway.listTargetsByRule(rule.name()).stream()
            .anyMatch(t -> t.arn().equals(queueArn) && t.id().equals(PushResources.TARGET_ID));
    if (!targeted) {
      gateway.putTargets(rule.name(), List.of(new RuleTarget(PushResources.TARGET_ID, queueArn)));
      LOG.info("push events in {}: rule {} now delivers to {}", region, rule.name(), queueArn);
      repaired = true;
    }
    return new RuleResult(arn, repaired);
  }

  private List<String> names() {
    return resources.rules().stream().map(RuleConfig::name).toList();
  }
}
