package io.modelaudit.operator.cloudwatch;

/**
 * Hands out the {@link EventsGateway} of an account (through the identity the operator acts as) and
 * a region, like {@link CloudWatchGateways}; implementations cache one per target.
 */
@FunctionalInterface
public interface EventsGateways {

  EventsGateway forTarget(AwsTarget target);

  /** The gateway of a region of the operator's own account. */
  default EventsGateway forRegion(String region) {
    return forTarget(AwsTarget.own(region));
  }
}
