package io.modelaudit.operator.fake;

import static io.modelaudit.operator.cloudwatch.Operations.*;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The port's AWS operations as the fakes sort them: those that change something, those that read.
 */
final class FakeOperations {

  /** The operations that change something in AWS. */
  static final Set<String> MUTATING =
      Set.of(
          CREATE_LOG_GROUP,
          DELETE_LOG_GROUP,
          PUT_RETENTION_POLICY,
          DELETE_RETENTION_POLICY,
          ASSOCIATE_KMS_KEY,
          DISASSOCIATE_KMS_KEY,
          PUT_LOG_GROUP_DELETION_PROTECTION,
          TAG_RESOURCE,
          UNTAG_RESOURCE,
          CREATE_LOG_STREAM,
          DELETE_LOG_STREAM,
          PUT_METRIC_FILTER,
          DELETE_METRIC_FILTER,
          PUT_METRIC_ALARM,
          DELETE_ALARMS,
          PUT_COMPOSITE_ALARM,
          PUT_ANOMALY_DETECTOR,
          DELETE_ANOMALY_DETECTOR,
          PUT_DASHBOARD,
          DELETE_DASHBOARDS,
          PUT_DATA_PROTECTION_POLICY,
          DELETE_DATA_PROTECTION_POLICY,
          PUT_SUBSCRIPTION_FILTER,
          DELETE_SUBSCRIPTION_FILTER,
          PUT_QUERY_DEFINITION,
          DELETE_QUERY_DEFINITION,
          PUT_INDEX_POLICY,
          DELETE_INDEX_POLICY);

  /** The operations that only read. */
  static final Set<String> READ =
      Set.of(
          DESCRIBE_LOG_GROUPS,
          LIST_TAGS_FOR_RESOURCE,
          DESCRIBE_LOG_STREAMS,
          DESCRIBE_METRIC_FILTERS,
          DESCRIBE_ALARMS,
          DESCRIBE_ANOMALY_DETECTORS,
          GET_DASHBOARD,
          LIST_DASHBOARDS,
          GET_DATA_PROTECTION_POLICY,
          DESCRIBE_SUBSCRIPTION_FILTERS,
          DESCRIBE_QUERY_DEFINITIONS,
          DESCRIBE_INDEX_POLICIES);

  /** Every operation name the fakes count and can fail. */
  static final Set<String> ALL = union(MUTATING, READ);

  private FakeOperations() {}

  /** The operation name a test passed, when the port knows it. */
  static String require(String operation) {
    if (!ALL.contains(operation)) {
      throw new IllegalArgumentException(
          "unknown operation " + operation + "; known: " + new TreeSet<>(ALL));
    }
    return operation;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
