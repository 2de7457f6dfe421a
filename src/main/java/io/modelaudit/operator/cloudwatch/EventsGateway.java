package io.modelaudit.operator.cloudwatch;

import static io.modelaudit.operator.cloudwatch.AwsOperation.Cost.NONE_WHEN_EMPTY;
import static io.modelaudit.operator.cloudwatch.Operations.*;
import static io.modelaudit.operator.cloudwatch.Operations.Service.EVENTS;
import static io.modelaudit.operator.cloudwatch.Operations.Service.SQS;
import static io.modelaudit.operator.cloudwatch.Operations.Service.STS;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's door to what pushes AWS's events to it, for one region, in the operator's own
 * terms: the EventBridge rules on the default event bus that match its alarms' events and the API
 * calls made to its resources, the SQS queue they deliver to, and who the operator is (to tell its
 * own API calls from others'). Implementations throw {@link GatewayException} with the error
 * already classified; each method declares its AWS operation with {@link AwsOperation}, so
 * metering, rate limiting, fencing and the fakes work as for {@link CloudWatchGateway}.
 */
public interface EventsGateway {

  // ---- EventBridge rules ----

  /** The rule of this name on the default event bus, or empty when there is none. */
  @AwsOperation(name = DESCRIBE_RULE, service = EVENTS)
  Optional<ObservedRule> describeRule(String name);

  /**
   * Creates the rule, or replaces the pattern and description of the rule of that name, and enables
   * it. Tags are applied only when the rule is created.
   *
   * @return the rule's ARN
   */
  @AwsOperation(name = PUT_RULE, service = EVENTS)
  String putRule(RuleConfig rule, Map<String, String> tagsOnCreate);

  /** The targets of the rule; empty when it has none. */
  @AwsOperation(name = LIST_TARGETS_BY_RULE, service = EVENTS)
  List<RuleTarget> listTargetsByRule(String ruleName);

  /** Adds the targets to the rule, replacing those with the same ids. */
  @AwsOperation(name = PUT_TARGETS, service = EVENTS)
  void putTargets(String ruleName, List<RuleTarget> targets);

  /** The tags of the rule with this ARN. */
  @AwsOperation(name = LIST_TAGS_FOR_RESOURCE, service = EVENTS)
  Map<String, String> listRuleTags(String ruleArn);

  // ---- SQS queue ----

  /** The URL of the queue of this name in the region, or empty when there is none. */
  @AwsOperation(name = GET_QUEUE_URL, service = SQS)
  Optional<String> queueUrl(String name);

  /**
   * Creates a standard queue with these attributes and tags.
   *
   * @return its URL
   */
  @AwsOperation(name = CREATE_QUEUE, service = SQS)
  String createQueue(String name, Map<String, String> attributes, Map<String, String> tags);

  /** Every attribute of the queue (QueueArn, Policy, MessageRetentionPeriod, ...). */
  @AwsOperation(name = GET_QUEUE_ATTRIBUTES, service = SQS)
  Map<String, String> queueAttributes(String queueUrl);

  @AwsOperation(name = SET_QUEUE_ATTRIBUTES, service = SQS, cost = NONE_WHEN_EMPTY)
  void setQueueAttributes(String queueUrl, Map<String, String> attributes);

  @AwsOperation(name = LIST_QUEUE_TAGS, service = SQS)
  Map<String, String> queueTags(String queueUrl);

  /**
   * Waits up to {@code waitSeconds} (long polling, at most 20) for up to {@code max} messages (at
   * most 10) and returns them; empty when none came.
   */
  @AwsOperation(name = RECEIVE_MESSAGE, service = SQS)
  List<QueueMessage> receiveMessages(String queueUrl, int max, int waitSeconds);

  /** Deletes these deliveries (at most 10, by receipt handle); an empty list sends nothing. */
  @AwsOperation(name = DELETE_MESSAGE_BATCH, service = SQS, cost = NONE_WHEN_EMPTY)
  void deleteMessages(String queueUrl, List<String> receiptHandles);

  // ---- identity ----

  /** The ARN of the principal the calls are made as (STS GetCallerIdentity; needs no grant). */
  @AwsOperation(name = GET_CALLER_IDENTITY, service = STS)
  String callerArn();
}
