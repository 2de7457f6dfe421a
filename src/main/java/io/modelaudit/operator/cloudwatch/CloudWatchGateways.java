package io.modelaudit.operator.cloudwatch;

/**
 * Hands out the gateway of an account (through the identity the operator acts as) and a region;
 * implementations cache one per target.
 */
@FunctionalInterface
public interface CloudWatchGateways {

  CloudWatchGateway forTarget(AwsTarget target);

  /** The gateway of a region of the operator's own account. */
  default CloudWatchGateway forRegion(String region) {
    return forTarget(AwsTarget.own(region));
  }
}
