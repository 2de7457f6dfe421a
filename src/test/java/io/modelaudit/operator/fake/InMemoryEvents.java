package io.modelaudit.operator.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.cloudwatch.AwsOperation;
import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.ObservedRule;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import io.modelaudit.operator.cloudwatch.QueueMessage;
import io.modelaudit.operator.cloudwatch.RuleConfig;
import io.modelaudit.operator.cloudwatch.RuleTarget;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * EventBridge's default event bus, SQS and STS in memory, for the push machinery: rules match
 * events with the pattern features the operator uses (lists of values, prefixes, nested objects)
 * and deliver them to SQS targets, but only where the queue's policy lets EventBridge send for that
 * rule, as in AWS. Queues keep messages until deleted, hide a received one for the visibility
 * timeout and long-poll. {@link InMemoryCloudWatch#emitEventsTo} makes the CloudWatch fake publish
 * the events AWS would: alarm state and configuration changes, and CloudTrail's API calls.
 *
 * <p>Every port call is counted by operation; thread-safe, one lock.
 */
public final class InMemoryEvents implements EventsGateways {

  public static final String ACCOUNT_ID = CloudWatchStore.ACCOUNT_ID;

  /** Who the port's calls are made as: the operator's role, in a session of its own. */
  public static final String CALLER_ARN =
      "arn:aws:sts::" + ACCOUNT_ID + ":assumed-role/modelaudit-operator/pod-session-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_VISIBILITY_SECONDS = 30;

  private final Object lock = new Object();
  private final Map<String, RegionState> regions = new HashMap<>();
  private final Map<String, EventsGateway> gateways = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  private static final class RegionState {
    final Map<String, Rule> rules = new TreeMap<>();
    final Map<String, Queue> queues = new TreeMap<>();
  }

  private static final class Rule {
    String arn;
    RuleConfig config;
    boolean enabled = true;
    final Map<String, String> tags = new TreeMap<>();
    final Map<String, RuleTarget> targets = new LinkedHashMap<>();
  }

  private static final class Queue {
    String url;
    String arn;
    final Map<String, String> attributes = new TreeMap<>();
    final Map<String, String> tags = new TreeMap<>();
    final Deque<Message> visible = new ArrayDeque<>();
    final Map<String, Message> inFlight = new HashMap<>();
  }

  private static final class Message {
    final String id = UUID.randomUUID().toString();
    final String body;
    int receives;
    long hiddenUntil;
    String handle;

    Message(String body) {
      this.body = body;
    }
  }

  @Override
  public EventsGateway forTarget(io.modelaudit.operator.cloudwatch.AwsTarget target) {
    // one account, like the CloudWatch fake: no state per account
    return forRegion(target.region());
  }

  @Override
  public EventsGateway forRegion(String region) {
    return gateways.computeIfAbsent(
        region, r -> counting().aroundEvents(atomically().aroundEvents(new RegionGateway(r))));
  }

  // ---- what the tests see and do ----

  /** Calls made per operation since the last reset. */
  public Map<String, Integer> calls() {
    Map<String, Integer> snapshot = new TreeMap<>();
    calls.forEach((op, n) -> snapshot.put(op, n.get()));
    return snapshot;
  }

  public void resetCalls() {
    calls.clear();
  }

  /**
   * EventBridge receiving an event on the default bus of a region, as an AWS service sends it: it
   * goes to the SQS targets of every enabled rule whose pattern matches, where the queue's policy
   * lets EventBridge send for that rule.
   */
  public void publish(String region, String source, String detailType, Map<String, Object> detail) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", detailType);
    event.put("source", source);
    event.put("account", ACCOUNT_ID);
    event.put("time", Instant.now().toString());
    event.put("region", region);
    event.put("resources", List.of());
    event.put("detail", detail);
    String body = json(event);
    JsonNode tree = JSON.valueToTree(event);
    synchronized (lock) {
      for (Rule rule : state(region).rules.values()) {
        if (!rule.enabled || !EventPatterns.matches(read(rule.config.eventPattern()), tree)) {
          continue;
        }
        for (RuleTarget target : rule.targets.values()) {
          Queue queue = queueByArn(region, target.arn());
          if (queue != null && allowsEventBridge(queue, rule.arn)) {
            queue.visible.addLast(new Message(body));
          }
        }
      }
      lock.notifyAll();
    }
  }

  /** Puts a raw message on a queue, as anyone allowed to send could. */
  public void sendRaw(String region, String queueName, String body) {
    synchronized (lock) {
      Queue queue = state(region).queues.get(queueName);
      if (queue == null) {
        throw new IllegalStateException("no queue " + queueName);
      }
      queue.visible.addLast(new Message(body));
      lock.notifyAll();
    }
  }

  /** Deletes a queue behind the operator's back. */
  public void deleteQueueOutOfBand(String region, String queueName) {
    synchronized (lock) {
      state(region).queues.remove(queueName);
    }
  }

  /** Disables a rule behind the operator's back. */
  public void disableRuleOutOfBand(String region, String ruleName) {
    synchronized (lock) {
      state(region).rules.get(ruleName).enabled = false;
    }
  }

  public Optional<ObservedRule> rule(String region, String name) {
    synchronized (lock) {
      Rule rule = state(region).rules.get(name);
      return Optional.ofNullable(rule).map(InMemoryEvents::observe);
    }
  }

  /** The queue's attributes; empty when it does not exist. */
  public Map<String, String> queueAttributes(String region, String name) {
    synchronized (lock) {
      Queue queue = state(region).queues.get(name);
      return queue == null ? Map.of() : Map.copyOf(queue.attributes);
    }
  }

  /** Messages waiting (visible or in flight) in the queue. */
  public int messagesIn(String region, String name) {
    synchronized (lock) {
      Queue queue = state(region).queues.get(name);
      return queue == null ? 0 : queue.visible.size() + queue.inFlight.size();
    }
  }

  // ---- the port ----

  private final class RegionGateway implements EventsGateway {
    private final String region;

    RegionGateway(String region) {
      this.region = region;
    }

    @Override
    public Optional<ObservedRule> describeRule(String name) {
      return Optional.ofNullable(state(region).rules.get(name)).map(InMemoryEvents::observe);
    }

    @Override
    public String putRule(RuleConfig config, Map<String, String> tagsOnCreate) {
      read(config.eventPattern());
      Rule rule = state(region).rules.get(config.name());
      if (rule == null) {
        rule = new Rule();
        rule.arn = "arn:aws:events:" + region + ":" + ACCOUNT_ID + ":rule/" + config.name();
        rule.tags.putAll(tagsOnCreate);
        state(region).rules.put(config.name(), rule);
      }
      rule.config = config;
      rule.enabled = true;
      return rule.arn;
    }

    @Override
    public List<RuleTarget> listTargetsByRule(String ruleName) {
      return List.copyOf(rule(ruleName).targets.values());
    }

    @Override
    public void putTargets(String ruleName, List<RuleTarget> targets) {
      Rule rule = rule(ruleName);
      targets.forEach(t -> rule.targets.put(t.id(), t));
    }

    @Override
    public Map<String, String> listRuleTags(String ruleArn) {
      return state(region).rules.values().stream()
          .filter(r -> r.arn.equals(ruleArn))
          .findFirst()
          .map(r -> Map.copyOf(r.tags))
          .orElseThrow(() -> refusal(Kind.NOT_FOUND, "ResourceNotFoundException", ruleArn));
    }

    @Override
    public Optional<String> queueUrl(String name) {
      return Optional.ofNullable(state(region).queues.get(name)).map(q -> q.url);
    }

    @Override
    public String createQueue(
        String name, Map<String, String> attributes, Map<String, String> tags) {
      Queue existing = state(region).queues.get(name);
      if (existing != null) {
        return existing.url;
      }
      Queue queue = new Queue();
      queue.url = "https://sqs." + region + ".amazonaws.com/" + ACCOUNT_ID + "/" + name;
      queue.arn = "arn:aws:sqs:" + region + ":" + ACCOUNT_ID + ":" + name;
      queue.attributes.put("VisibilityTimeout", Integer.toString(DEFAULT_VISIBILITY_SECONDS));
      queue.attributes.putAll(attributes);
      queue.attributes.put("QueueArn", queue.arn);
      queue.tags.putAll(tags);
      state(region).queues.put(name, queue);
      return queue.url;
    }

    @Override
    public Map<String, String> queueAttributes(String queueUrl) {
      return Map.copyOf(queue(queueUrl).attributes);
    }

    @Override
    public void setQueueAttributes(String queueUrl, Map<String, String> attributes) {
      queue(queueUrl).attributes.putAll(attributes);
    }

    @Override
    public Map<String, String> queueTags(String queueUrl) {
      return Map.copyOf(queue(queueUrl).tags);
    }

    @Override
    public List<QueueMessage> receiveMessages(String queueUrl, int max, int waitSeconds) {
      long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
      while (true) {
        Queue queue = queue(queueUrl);
        long now = System.nanoTime();
        // messages whose visibility timeout passed come back
        queue
            .inFlight
            .values()
            .removeIf(
                m -> {
                  if (m.hiddenUntil - now <= 0) {
                    queue.visible.addFirst(m);
                    return true;
                  }
                  return false;
                });
        if (!queue.visible.isEmpty() || now - deadline >= 0) {
          List<QueueMessage> received = new ArrayList<>();
          long visibility =
              Long.parseLong(
                      queue.attributes.getOrDefault(
                          "VisibilityTimeout", Integer.toString(DEFAULT_VISIBILITY_SECONDS)))
                  * 1_000_000_000L;
          while (received.size() < Math.min(10, max) && !queue.visible.isEmpty()) {
            Message m = queue.visible.removeFirst();
            m.receives++;
            m.hiddenUntil = now + visibility;
            m.handle = UUID.randomUUID().toString();
            queue.inFlight.put(m.handle, m);
            received.add(new QueueMessage(m.id, m.handle, m.body, m.receives));
          }
          return received;
        }
        try {
          lock.wait(Math.max(1, Math.min(200, (deadline - now) / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GatewayException(Kind.TRANSIENT, "ReceiveMessage", null, "interrupted", e);
        }
      }
    }

    @Override
    public void deleteMessages(String queueUrl, List<String> receiptHandles) {
      Queue queue = queue(queueUrl);
      receiptHandles.forEach(queue.inFlight::remove);
    }

    @Override
    public String callerArn() {
      return CALLER_ARN;
    }

    private Rule rule(String name) {
      Rule rule = state(region).rules.get(name);
      if (rule == null) {
        throw refusal(
            Kind.NOT_FOUND, "ResourceNotFoundException", "Rule " + name + " does not exist");
      }
      return rule;
    }

    private Queue queue(String url) {
      return state(region).queues.values().stream()
          .filter(q -> q.url.equals(url))
          .findFirst()
          .orElseThrow(
              () ->
                  refusal(
                      Kind.NOT_FOUND,
                      "AWS.SimpleQueueService.NonExistentQueue",
                      "The specified queue does not exist"));
    }
  }

  // ---- helpers ----

  private PortInterceptor atomically() {
    return (operation, args, call) -> {
      synchronized (lock) {
        try {
          return call.get();
        } catch (GatewayException e) {
          // the refusal is named after the operation the port method declares
          throw new GatewayException(e.kind(), operation.name(), e.errorCode(), e.getMessage());
        }
      }
    };
  }

  private PortInterceptor counting() {
    return (AwsOperation operation, Object[] args, java.util.function.Supplier<Object> call) -> {
      calls.computeIfAbsent(operation.name(), k -> new AtomicInteger()).incrementAndGet();
      return call.get();
    };
  }

  private RegionState state(String region) {
    return regions.computeIfAbsent(region, r -> new RegionState());
  }

  private Queue queueByArn(String region, String arn) {
    return state(region).queues.values().stream()
        .filter(q -> q.arn.equals(arn))
        .findFirst()
        .orElse(null);
  }

  /**
   * Whether the queue's policy lets EventBridge send for this rule: a statement allowing
   * sqs:SendMessage to events.amazonaws.com whose aws:SourceArn condition, if any, names the rule.
   */
  private static boolean allowsEventBridge(Queue queue, String ruleArn) {
    String policy = queue.attributes.get("Policy");
    if (policy == null) {
      return false;
    }
    for (JsonNode statement : read(policy).path("Statement")) {
      boolean allows =
          "Allow".equals(statement.path("Effect").asText())
              && "events.amazonaws.com".equals(statement.path("Principal").path("Service").asText())
              && statement.path("Action").asText().equals("sqs:SendMessage");
      JsonNode sources = statement.path("Condition").path("ArnEquals").path("aws:SourceArn");
      boolean forRule =
          sources.isMissingNode()
              || (sources.isArray()
                  ? java.util.stream.StreamSupport.stream(sources.spliterator(), false)
                      .anyMatch(s -> s.asText().equals(ruleArn))
                  : sources.asText().equals(ruleArn));
      if (allows && forRule) {
        return true;
      }
    }
    return false;
  }

  private static ObservedRule observe(Rule rule) {
    return new ObservedRule(
        rule.config.name(),
        rule.arn,
        rule.config.eventPattern(),
        rule.enabled,
        rule.config.description());
  }

  private static GatewayException refusal(Kind kind, String code, String message) {
    return new GatewayException(kind, "fake", code, message);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new GatewayException(
          Kind.INVALID_INPUT, "fake", "InvalidEventPatternException", e.getOriginalMessage());
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
