package io.modelaudit.operator.cloudwatch;

/** Hands out the gateway of a region; implementations cache one per region. */
@FunctionalInterface
public interface CloudWatchGateways {

  CloudWatchGateway forRegion(String region);
}
