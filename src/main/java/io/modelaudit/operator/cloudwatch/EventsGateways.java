package io.modelaudit.operator.cloudwatch;

/** Hands out the {@link EventsGateway} of a region; implementations cache one per region. */
@FunctionalInterface
public interface EventsGateways {

  EventsGateway forRegion(String region);
}
