package io.modelaudit.operator.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.cloudwatch.RuleConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.part.Tags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the push machinery keeps in each region, derived from the configuration alone: the names,
 * event patterns and tags of its EventBridge rules, and the name, attributes, tags and access
 * policy of its SQS queue. Pure; the names start with the alarm name prefix, which is what the IAM
 * policy scopes the rule and queue actions to.
 */
public final class PushResources {

  /** The tag that says which part of the operator keeps a rule or queue. */
  public static final String COMPONENT_TAG = "modelaudit.io/component";

  public static final String COMPONENT = "push-events";

  /** The target id of the queue in each rule. */
  public static final String TARGET_ID = "modelaudit-queue";

  /** How long the queue keeps a message nobody deleted: 4 days, SQS's default, made explicit. */
  static final String RETENTION_SECONDS = "345600";

  /** The CloudTrail event names of the calls that change what the operator keeps. */
  static final List<String> LOGS_CALLS =
      List.of(
          "DeleteLogGroup",
          "PutRetentionPolicy",
          "DeleteRetentionPolicy",
          "AssociateKmsKey",
          "DisassociateKmsKey",
          "PutLogGroupDeletionProtection",
          "TagResource",
          "UntagResource",
          "TagLogGroup",
          "UntagLogGroup",
          "DeleteLogStream",
          "PutMetricFilter",
          "DeleteMetricFilter");

  /**
   * Alarm changes CloudWatch pushes itself (configuration change events); only its tag calls need
   * CloudTrail.
   */
  static final List<String> MONITORING_CALLS = List.of("TagResource", "UntagResource");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RULE_NAME = 64;

  private final PushMode mode;
  private final String base;
  private final String alarmPrefix;
  private final String cluster;
  private final Optional<String> adminQueue;

  public PushResources(OperatorConfig config) {
    this.mode = config.pushEvents();
    this.alarmPrefix = config.alarmNamePrefix() + "-";
    this.cluster = config.clusterName();
    this.adminQueue = config.eventQueue();
    this.base = baseName(config.alarmNamePrefix(), config.clusterName());
  }

  public PushMode mode() {
    return mode;
  }

  /** The queue's name: the administrator's, or the operator's own. */
  public String queueName() {
    return adminQueue.orElse(base);
  }

  /** Whether the queue is the administrator's: the operator then never changes it. */
  public boolean adminQueue() {
    return adminQueue.isPresent();
  }

  /** The rules the mode needs, by name. */
  public List<RuleConfig> rules() {
    List<RuleConfig> rules = new ArrayList<>();
    rules.add(new RuleConfig(base + "-alarms", alarmPattern(), alarmDescription()));
    if (mode == PushMode.ALL) {
      rules.add(new RuleConfig(base + "-api-calls", apiCallPattern(), apiCallDescription()));
    }
    return rules;
  }

  /** The tags of the rules and of the operator's own queue. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.CLUSTER, cluster);
    tags.put(COMPONENT_TAG, COMPONENT);
    return tags;
  }

  /** Whether these tags say the rule or queue is this operator's. */
  public boolean isOwn(Map<String, String> tags) {
    return cluster.equals(tags.get(Tags.CLUSTER)) && COMPONENT.equals(tags.get(COMPONENT_TAG));
  }

  /**
   * The attributes the operator's own queue is created with (the policy comes once rules exist).
   */
  public Map<String, String> queueAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("MessageRetentionPeriod", RETENTION_SECONDS);
    attributes.put("ReceiveMessageWaitTimeSeconds", "20");
    attributes.put("SqsManagedSseEnabled", "true");
    return attributes;
  }

  /**
   * The queue's access policy: only EventBridge may send, and only for these rules (the confused
   * deputy guard AWS recommends for service principals: aws:SourceArn).
   */
  public static String queuePolicy(String queueArn, List<String> ruleArns) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", "OnlyTheOperatorsEventBridgeRules");
    statement.put("Effect", "Allow");
    statement.put("Principal", Map.of("Service", "events.amazonaws.com"));
    statement.put("Action", "sqs:SendMessage");
    statement.put("Resource", queueArn);
    statement.put("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", List.copyOf(ruleArns))));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", List.of(statement));
    return json(policy);
  }

  /**
   * Whether two JSON documents (event patterns, policies) say the same: AWS may store them with
   * other spacing or key order, and a one-element list where one value was given.
   */
  public static boolean sameJson(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    try {
      return normalize(JSON.readTree(a)).equals(normalize(JSON.readTree(b)));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static JsonNode normalize(JsonNode node) {
    if (node.isArray()) {
      if (node.size() == 1) {
        return normalize(node.get(0));
      }
      List<JsonNode> items = new ArrayList<>();
      node.forEach(n -> items.add(normalize(n)));
      items.sort(java.util.Comparator.comparing(JsonNode::toString));
      return JSON.valueToTree(items);
    }
    if (node.isObject()) {
      var sorted = JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.stream().sorted().forEach(n -> sorted.set(n, normalize(node.get(n))));
      return sorted;
    }
    return node;
  }

  private String alarmPattern() {
    Map<String, Object> pattern = new LinkedHashMap<>();
    pattern.put("source", List.of("aws.cloudwatch"));
    pattern.put(
        "detail-type",
        List.of(EventParser.ALARM_STATE_CHANGE, EventParser.ALARM_CONFIGURATION_CHANGE));
    pattern.put("detail", Map.of("alarmName", List.of(Map.of("prefix", alarmPrefix))));
    return json(pattern);
  }

  private String apiCallPattern() {
    Map<String, Object> pattern = new LinkedHashMap<>();
    pattern.put("detail-type", List.of(EventParser.API_CALL));
    List<String> names = new ArrayList<>(LOGS_CALLS);
    MONITORING_CALLS.stream().filter(n -> !names.contains(n)).forEach(names::add);
    pattern.put(
        "detail",
        Map.of(
            "eventSource",
            List.of("logs.amazonaws.com", "monitoring.amazonaws.com"),
            "eventName",
            names));
    return json(pattern);
  }

  private String alarmDescription() {
    return "ModelAudit operator (cluster "
        + cluster
        + "): state and configuration changes of alarms "
        + alarmPrefix
        + "*";
  }

  private String apiCallDescription() {
    return "ModelAudit operator (cluster "
        + cluster
        + "): API calls that change log groups, streams, metric filters and tags";
  }

  /** prefix-cluster-events in the characters rules and queues allow, short enough for both. */
  static String baseName(String alarmPrefix, String cluster) {
    String name = (alarmPrefix + "-" + cluster + "-events").replaceAll("[^A-Za-z0-9_-]", "-");
    int max = MAX_RULE_NAME - "-api-calls".length();
    if (name.length() <= max) {
      return name;
    }
    String hash = sha256(name).substring(0, 8);
    return name.substring(0, max - hash.length() - 1) + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
