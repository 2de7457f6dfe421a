package io.modelaudit.operator.part;

import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every log group under a name prefix in one region with its metric filters, as one batched
 * DescribeLogGroups listing and one region-wide DescribeMetricFilters listing saw them.
 *
 * @param prefix the listing's prefix: a group outside it is unknown here, not missing
 * @param takenAt when the listings started: changes made after it may be missing
 */
public record LogGroupSnapshot(
    String region,
    Instant takenAt,
    String prefix,
    Map<String, ObservedLogGroup> groups,
    Map<String, List<MetricFilterConfig>> filtersByGroup) {

  public LogGroupSnapshot {
    groups = Map.copyOf(groups);
    filtersByGroup = Map.copyOf(filtersByGroup);
  }

  public static LogGroupSnapshot of(
      String region,
      Instant takenAt,
      String prefix,
      List<ObservedLogGroup> groups,
      List<MetricFilterConfig> filters) {
    return new LogGroupSnapshot(
        region,
        takenAt,
        prefix,
        groups.stream()
            .collect(Collectors.toMap(ObservedLogGroup::name, Function.identity(), (a, b) -> a)),
        filters.stream()
            .collect(
                Collectors.groupingBy(
                    MetricFilterConfig::logGroupName,
                    Collectors.collectingAndThen(Collectors.toList(), List::copyOf))));
  }

  /** Whether the listing could have seen this group. */
  public boolean covers(String logGroupName) {
    return logGroupName.startsWith(prefix);
  }

  public Optional<ObservedLogGroup> group(String logGroupName) {
    return Optional.ofNullable(groups.get(logGroupName));
  }

  public List<MetricFilterConfig> filters(String logGroupName) {
    return filtersByGroup.getOrDefault(logGroupName, List.of());
  }
}
