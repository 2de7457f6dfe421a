package io.modelaudit.operator.cloudwatch;

import java.util.Objects;

/**
 * Where CloudWatch calls go: the identity they are made as (and so the account) and the region.
 * AWS's quotas, alarm names and log group names are all per account and region, so this is the unit
 * the operator rate-limits, lists and caches clients by.
 */
public record AwsTarget(AwsIdentity identity, String region) {

  public AwsTarget {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(region, "region");
  }

  /** A region of the operator's own account. */
  public static AwsTarget own(String region) {
    return new AwsTarget(AwsIdentity.OWN, region);
  }

  /**
   * The key AWS counts quotas under: the account and the region ("111122223333/us-east-1"), or the
   * region alone for the operator's own account. Two roles of one account share it.
   */
  public String quotaKey() {
    return identity.account().map(account -> account + "/" + region).orElse(region);
  }

  /** For logs: "us-east-1" or "us-east-1 as role arn:...". */
  public String describe() {
    return identity.isOwn() ? region : region + " as " + identity.describe();
  }
}
