package io.modelaudit.operator.cloudwatch.aws;

import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/** The regions the AWS SDK on the class path knows, from its endpoint metadata. */
public final class AwsRegions {

  private AwsRegions() {}

  /** Every region of every partition the SDK knows, without the global pseudo-regions. */
  public static Set<String> known() {
    return Region.regions().stream()
        .filter(r -> !r.isGlobalRegion())
        .map(Region::id)
        .collect(Collectors.toUnmodifiableSet());
  }
}
