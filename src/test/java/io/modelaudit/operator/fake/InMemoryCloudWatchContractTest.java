package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGatewayContract;
import org.junit.jupiter.api.BeforeEach;

/** Holds the in-memory fake to the same contract as the AWS SDK adapter. */
class InMemoryCloudWatchContractTest extends CloudWatchGatewayContract {

  private CloudWatchGateway gateway;

  @BeforeEach
  void newFake() {
    gateway = new InMemoryCloudWatch().forRegion(region());
  }

  @Override
  protected CloudWatchGateway gateway() {
    return gateway;
  }
}
