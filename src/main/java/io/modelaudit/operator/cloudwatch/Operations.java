package io.modelaudit.operator.cloudwatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The AWS operations behind the ports' methods ({@link CloudWatchGateway} and {@link
 * EventsGateway}), by the names AWS's quotas and errors use, and AWS's control-plane quotas for
 * them (calls per second, per account and region). Each port method names its operation with {@link
 * AwsOperation}.
 */
public final class Operations {

  public static final String DESCRIBE_LOG_GROUPS = "DescribeLogGroups";
  public static final String CREATE_LOG_GROUP = "CreateLogGroup";
  public static final String DELETE_LOG_GROUP = "DeleteLogGroup";
  public static final String PUT_RETENTION_POLICY = "PutRetentionPolicy";
  public static final String DELETE_RETENTION_POLICY = "DeleteRetentionPolicy";
  public static final String ASSOCIATE_KMS_KEY = "AssociateKmsKey";
  public static final String DISASSOCIATE_KMS_KEY = "DisassociateKmsKey";
  public static final String PUT_LOG_GROUP_DELETION_PROTECTION = "PutLogGroupDeletionProtection";
  public static final String LIST_TAGS_FOR_RESOURCE = "ListTagsForResource";
  public static final String TAG_RESOURCE = "TagResource";
  public static final String UNTAG_RESOURCE = "UntagResource";
  public static final String DESCRIBE_LOG_STREAMS = "DescribeLogStreams";
  public static final String CREATE_LOG_STREAM = "CreateLogStream";
  public static final String DELETE_LOG_STREAM = "DeleteLogStream";
  public static final String DESCRIBE_METRIC_FILTERS = "DescribeMetricFilters";
  public static final String PUT_METRIC_FILTER = "PutMetricFilter";
  public static final String DELETE_METRIC_FILTER = "DeleteMetricFilter";
  public static final String DESCRIBE_ALARMS = "DescribeAlarms";
  public static final String PUT_METRIC_ALARM = "PutMetricAlarm";
  public static final String DELETE_ALARMS = "DeleteAlarms";
  public static final String PUT_COMPOSITE_ALARM = "PutCompositeAlarm";
  public static final String PUT_ANOMALY_DETECTOR = "PutAnomalyDetector";
  public static final String DESCRIBE_ANOMALY_DETECTORS = "DescribeAnomalyDetectors";
  public static final String DELETE_ANOMALY_DETECTOR = "DeleteAnomalyDetector";
  public static final String PUT_DASHBOARD = "PutDashboard";
  public static final String GET_DASHBOARD = "GetDashboard";
  public static final String LIST_DASHBOARDS = "ListDashboards";
  public static final String DELETE_DASHBOARDS = "DeleteDashboards";
  public static final String GET_DATA_PROTECTION_POLICY = "GetDataProtectionPolicy";
  public static final String PUT_DATA_PROTECTION_POLICY = "PutDataProtectionPolicy";
  public static final String DELETE_DATA_PROTECTION_POLICY = "DeleteDataProtectionPolicy";
  public static final String DESCRIBE_SUBSCRIPTION_FILTERS = "DescribeSubscriptionFilters";
  public static final String PUT_SUBSCRIPTION_FILTER = "PutSubscriptionFilter";
  public static final String DELETE_SUBSCRIPTION_FILTER = "DeleteSubscriptionFilter";
  public static final String DESCRIBE_QUERY_DEFINITIONS = "DescribeQueryDefinitions";
  public static final String PUT_QUERY_DEFINITION = "PutQueryDefinition";
  public static final String DELETE_QUERY_DEFINITION = "DeleteQueryDefinition";
  public static final String DESCRIBE_INDEX_POLICIES = "DescribeIndexPolicies";
  public static final String PUT_INDEX_POLICY = "PutIndexPolicy";
  public static final String DELETE_INDEX_POLICY = "DeleteIndexPolicy";

  // the push machinery (EventsGateway): EventBridge rules, the SQS queue, the caller's identity
  public static final String DESCRIBE_RULE = "DescribeRule";
  public static final String PUT_RULE = "PutRule";
  public static final String LIST_TARGETS_BY_RULE = "ListTargetsByRule";
  public static final String PUT_TARGETS = "PutTargets";
  public static final String GET_QUEUE_URL = "GetQueueUrl";
  public static final String CREATE_QUEUE = "CreateQueue";
  public static final String GET_QUEUE_ATTRIBUTES = "GetQueueAttributes";
  public static final String SET_QUEUE_ATTRIBUTES = "SetQueueAttributes";
  public static final String LIST_QUEUE_TAGS = "ListQueueTags";
  public static final String RECEIVE_MESSAGE = "ReceiveMessage";
  public static final String DELETE_MESSAGE_BATCH = "DeleteMessageBatch";
  public static final String GET_CALLER_IDENTITY = "GetCallerIdentity";

  /**
   * STS AssumeRole, behind the credentials of every mapped account rather than behind a port
   * method: the SDK's credentials provider calls it about once an hour per mapped account and
   * region, too rarely to need a client-side limit, so it is neither rate-limited nor in {@link
   * #ALL}. A failure to assume a role is reported as this operation.
   */
  public static final String ASSUME_ROLE = "AssumeRole";

  /** Every operation the port uses. */
  public static final Set<String> ALL =
      Set.of(
          DESCRIBE_LOG_GROUPS,
          CREATE_LOG_GROUP,
          DELETE_LOG_GROUP,
          PUT_RETENTION_POLICY,
          DELETE_RETENTION_POLICY,
          ASSOCIATE_KMS_KEY,
          DISASSOCIATE_KMS_KEY,
          PUT_LOG_GROUP_DELETION_PROTECTION,
          LIST_TAGS_FOR_RESOURCE,
          TAG_RESOURCE,
          UNTAG_RESOURCE,
          DESCRIBE_LOG_STREAMS,
          CREATE_LOG_STREAM,
          DELETE_LOG_STREAM,
          DESCRIBE_METRIC_FILTERS,
          PUT_METRIC_FILTER,
          DELETE_METRIC_FILTER,
          DESCRIBE_ALARMS,
          PUT_METRIC_ALARM,
          DELETE_ALARMS,
          PUT_COMPOSITE_ALARM,
          PUT_ANOMALY_DETECTOR,
          DESCRIBE_ANOMALY_DETECTORS,
          DELETE_ANOMALY_DETECTOR,
          PUT_DASHBOARD,
          GET_DASHBOARD,
          LIST_DASHBOARDS,
          DELETE_DASHBOARDS,
          GET_DATA_PROTECTION_POLICY,
          PUT_DATA_PROTECTION_POLICY,
          DELETE_DATA_PROTECTION_POLICY,
          DESCRIBE_SUBSCRIPTION_FILTERS,
          PUT_SUBSCRIPTION_FILTER,
          DELETE_SUBSCRIPTION_FILTER,
          DESCRIBE_QUERY_DEFINITIONS,
          PUT_QUERY_DEFINITION,
          DELETE_QUERY_DEFINITION,
          DESCRIBE_INDEX_POLICIES,
          PUT_INDEX_POLICY,
          DELETE_INDEX_POLICY,
          DESCRIBE_RULE,
          PUT_RULE,
          LIST_TARGETS_BY_RULE,
          PUT_TARGETS,
          GET_QUEUE_URL,
          CREATE_QUEUE,
          GET_QUEUE_ATTRIBUTES,
          SET_QUEUE_ATTRIBUTES,
          LIST_QUEUE_TAGS,
          RECEIVE_MESSAGE,
          DELETE_MESSAGE_BATCH,
          GET_CALLER_IDENTITY);

  /** The quota of every operation not named in {@link #QUOTAS}. */
  public static final double DEFAULT_QUOTA = 5.0;

  /**
   * AWS's documented quotas where they differ from {@link #DEFAULT_QUOTA}. CreateLogGroup is
   * documented as 5 to 10 per second depending on the region; 5 is safe everywhere. The CloudWatch
   * ones are from "CloudWatch service quotas"
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html):
   * PutMetricAlarm, PutCompositeAlarm and DeleteAlarms 3 per second, DescribeAlarms 9,
   * PutAnomalyDetector and DescribeAnomalyDetectors 10, DeleteAnomalyDetector 5, and PutDashboard,
   * GetDashboard, ListDashboards and DeleteDashboards 10 each.
   *
   * <p>The data protection, subscription filter, query definition and index policy operations
   * (Get/Put/DeleteDataProtectionPolicy, Describe/Put/DeleteSubscriptionFilter(s),
   * Describe/Put/DeleteQueryDefinition(s), Describe/Put/DeleteIndexPolic(y|ies)) take the default:
   * the CloudWatch Logs quotas page
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html) lists no
   * higher rate for them, and 5 transactions per second is the rate it gives the control-plane
   * operations it does list, so 5 stays under AWS's throttling wherever the account's quota lies.
   *
   * <p>The push machinery's operations: EventBridge allows 50 requests per second for its API
   * operations other than PutEvents ("Throttle limit in transactions per second", Amazon
   * EventBridge quotas); SQS documents a "nearly unlimited" number of calls per second per action
   * for standard queues (Amazon SQS quotas) and the operator caps itself at 50; STS
   * GetCallerIdentity is made once per region at start, 5 is plenty.
   */
  private static final Map<String, Double> EXCEPTIONS =
      Map.ofEntries(
          Map.entry(PUT_METRIC_ALARM, 3.0),
          Map.entry(DESCRIBE_ALARMS, 9.0),
          Map.entry(DELETE_ALARMS, 3.0),
          Map.entry(CREATE_LOG_STREAM, 50.0),
          Map.entry(DESCRIBE_RULE, 50.0),
          Map.entry(PUT_RULE, 50.0),
          Map.entry(LIST_TARGETS_BY_RULE, 50.0),
          Map.entry(PUT_TARGETS, 50.0),
          Map.entry(GET_QUEUE_URL, 50.0),
          Map.entry(CREATE_QUEUE, 50.0),
          Map.entry(GET_QUEUE_ATTRIBUTES, 50.0),
          Map.entry(SET_QUEUE_ATTRIBUTES, 50.0),
          Map.entry(LIST_QUEUE_TAGS, 50.0),
          Map.entry(RECEIVE_MESSAGE, 50.0),
          Map.entry(DELETE_MESSAGE_BATCH, 50.0),
          Map.entry(PUT_COMPOSITE_ALARM, 3.0),
          Map.entry(PUT_ANOMALY_DETECTOR, 10.0),
          Map.entry(DESCRIBE_ANOMALY_DETECTORS, 10.0),
          Map.entry(DELETE_ANOMALY_DETECTOR, 5.0),
          Map.entry(PUT_DASHBOARD, 10.0),
          Map.entry(GET_DASHBOARD, 10.0),
          Map.entry(LIST_DASHBOARDS, 10.0),
          Map.entry(DELETE_DASHBOARDS, 10.0));

  /** Every operation's quota in calls per second, per account and region. */
  public static final Map<String, Double> QUOTAS = quotas();

  /**
   * AWS accepts at most this many names in one DescribeAlarms, DeleteAlarms or DeleteDashboards
   * call.
   */
  public static final int NAMES_PER_CALL = 100;

  private Operations() {}

  /**
   * The API family of an operation; ListTagsForResource, TagResource, UntagResource exist in
   * several.
   */
  public enum Service {
    LOGS,
    CLOUDWATCH,
    EVENTS,
    SQS,
    STS
  }

  /**
   * The distinct names in the batches AWS accepts in one DescribeAlarms or DeleteAlarms call, in
   * their first order; no batch when there is no name.
   */
  public static List<List<String>> batches(Collection<String> names) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i += NAMES_PER_CALL) {
      batches.add(distinct.subList(i, Math.min(distinct.size(), i + NAMES_PER_CALL)));
    }
    return batches;
  }

  private static Map<String, Double> quotas() {
    Map<String, Double> quotas = new TreeMap<>();
    for (String operation : ALL) {
      quotas.put(operation, EXCEPTIONS.getOrDefault(operation, DEFAULT_QUOTA));
    }
    return Map.copyOf(quotas);
  }
}
