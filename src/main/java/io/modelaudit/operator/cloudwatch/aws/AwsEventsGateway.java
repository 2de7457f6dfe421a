package io.modelaudit.operator.cloudwatch.aws;

import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.ObservedRule;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.QueueMessage;
import io.modelaudit.operator.cloudwatch.RuleConfig;
import io.modelaudit.operator.cloudwatch.RuleTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The {@link EventsGateway} of one region on the AWS SDK v2: EventBridge for the rules, SQS for the
 * queue, STS for the caller's identity. Its methods only translate; {@link #create} puts {@link
 * AwsErrors#CLASSIFY} around them, so every failure leaves classified and named after the operation
 * the port method declares. A lookup AWS answers with "does not exist" returns empty instead.
 */
public final class AwsEventsGateway implements EventsGateway {

  /** The largest batch ReceiveMessage and DeleteMessageBatch take. */
  private static final int BATCH = 10;

  private final EventBridgeClient events;
  private final SqsClient sqs;
  private final StsClient sts;

  private AwsEventsGateway(EventBridgeClient events, SqsClient sqs, StsClient sts) {
    this.events = Objects.requireNonNull(events, "events");
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.sts = Objects.requireNonNull(sts, "sts");
  }

  /** The gateway of the region these clients talk to, its failures classified. */
  public static EventsGateway create(EventBridgeClient events, SqsClient sqs, StsClient sts) {
    return AwsErrors.CLASSIFY.aroundEvents(new AwsEventsGateway(events, sqs, sts));
  }

  // ---- EventBridge ----

  @Override
  public Optional<ObservedRule> describeRule(String name) {
    DescribeRuleResponse rule;
    try {
      rule = events.describeRule(b -> b.name(name));
    } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(
        new ObservedRule(
            rule.name(),
            rule.arn(),
            rule.eventPattern(),
            rule.state() == RuleState.ENABLED,
            rule.description()));
  }

  @Override
  public String putRule(RuleConfig rule, Map<String, String> tagsOnCreate) {
    PutRuleRequest.Builder request =
        PutRuleRequest.builder()
            .name(rule.name())
            .eventPattern(rule.eventPattern())
            .state(RuleState.ENABLED);
    if (rule.description() != null) {
      request.description(rule.description());
    }
    if (tagsOnCreate != null && !tagsOnCreate.isEmpty()) {
      request.tags(
          tagsOnCreate.entrySet().stream()
              .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
              .toList());
    }
    return events.putRule(request.build()).ruleArn();
  }

  @Override
  public List<RuleTarget> listTargetsByRule(String ruleName) {
    List<RuleTarget> targets = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = events.listTargetsByRule(b -> b.rule(ruleName).nextToken(next));
      page.targets().forEach(t -> targets.add(new RuleTarget(t.id(), t.arn())));
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return List.copyOf(targets);
  }

  @Override
  public void putTargets(String ruleName, List<RuleTarget> targets) {
    PutTargetsResponse response =
        events.putTargets(
            b ->
                b.rule(ruleName)
                    .targets(
                        targets.stream()
                            .map(t -> Target.builder().id(t.id()).arn(t.arn()).build())
                            .toList()));
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      var failed = response.failedEntries().get(0);
      throw new GatewayException(
          AwsErrors.kindOf(failed.errorCode(), 400, failed.errorMessage()),
          Operations.PUT_TARGETS,
          failed.errorCode(),
          "target " + failed.targetId() + " of rule " + ruleName + ": " + failed.errorMessage());
    }
  }

  @Override
  public Map<String, String> listRuleTags(String ruleArn) {
    Map<String, String> tags = new TreeMap<>();
    events
        .listTagsForResource(b -> b.resourceARN(ruleArn))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return Map.copyOf(tags);
  }

  // ---- SQS ----

  @Override
  public Optional<String> queueUrl(String name) {
    try {
      return Optional.of(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
    } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException e) {
      return Optional.empty();
    }
  }

  @Override
  public String createQueue(String name, Map<String, String> attributes, Map<String, String> tags) {
    return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes).tags(tags))
        .queueUrl();
  }

  @Override
  public Map<String, String> queueAttributes(String queueUrl) {
    return Map.copyOf(
        sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
            .attributesAsStrings());
  }

  @Override
  public void setQueueAttributes(String queueUrl, Map<String, String> attributes) {
    sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributesWithStrings(attributes));
  }

  @Override
  public Map<String, String> queueTags(String queueUrl) {
    return Map.copyOf(sqs.listQueueTags(b -> b.queueUrl(queueUrl)).tags());
  }

  @Override
  public List<QueueMessage> receiveMessages(String queueUrl, int max, int waitSeconds) {
    return sqs
        .receiveMessage(
            b ->
                b.queueUrl(queueUrl)
                    .maxNumberOfMessages(Math.max(1, Math.min(BATCH, max)))
                    .waitTimeSeconds(Math.max(0, Math.min(20, waitSeconds)))
                    .messageSystemAttributeNames(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
        .messages()
        .stream()
        .map(
            m ->
                new QueueMessage(
                    m.messageId(),
                    m.receiptHandle(),
                    m.body(),
                    receiveCount(
                        m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))))
        .toList();
  }

  @Override
  public void deleteMessages(String queueUrl, List<String> receiptHandles) {
    for (int start = 0; start < receiptHandles.size(); start += BATCH) {
      List<String> batch =
          receiptHandles.subList(start, Math.min(receiptHandles.size(), start + BATCH));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(batch.get(i))
                .build());
      }
      DeleteMessageBatchResponse response =
          sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      if (!response.failed().isEmpty()) {
        var failed = response.failed().get(0);
        throw new GatewayException(
            AwsErrors.kindOf(
                failed.code(),
                Boolean.TRUE.equals(failed.senderFault()) ? 400 : 500,
                failed.message()),
            Operations.DELETE_MESSAGE_BATCH,
            failed.code(),
            response.failed().size()
                + " of "
                + batch.size()
                + " deletions failed: "
                + failed.message());
      }
    }
  }

  // ---- STS ----

  @Override
  public String callerArn() {
    return sts.getCallerIdentity().arn();
  }

  private static int receiveCount(String text) {
    try {
      return text == null ? 1 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
