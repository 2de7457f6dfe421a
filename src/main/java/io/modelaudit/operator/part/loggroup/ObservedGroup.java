package io.modelaudit.operator.part.loggroup;

import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import java.util.Map;
import java.util.Optional;

/**
 * The log group as AWS holds it.
 *
 * @param tags its tags; empty when it does not exist or the read did not take tags in
 */
public record ObservedGroup(Optional<ObservedLogGroup> group, Map<String, String> tags) {

  public static final ObservedGroup MISSING = new ObservedGroup(Optional.empty(), Map.of());

  public ObservedGroup {
    tags = Map.copyOf(tags);
  }

  public boolean exists() {
    return group.isPresent();
  }
}
