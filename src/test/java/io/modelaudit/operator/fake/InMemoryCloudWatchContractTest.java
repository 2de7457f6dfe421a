package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGatewayContract;
import org.junit.jupiter.api.BeforeEach;

/** Holds the in-memory fake to the same contract as the AWS SDK adapter. */
class InMemoryCloudWatchContractTest extends CloudWatchGatewayContract {

  private CloudWatchGateway gateway;
  private InMemoryCloudWatch cloud;

  @BeforeEach
  void newFake() {
    cloud = new InMemoryCloudWatch();
    gateway = cloud.forRegion(region());
  }

  @Override
  protected String createFirehoseStream(String name) {
    String arn =
        "arn:aws:firehose:"
            + region()
            + ":"
            + InMemoryCloudWatch.ACCOUNT_ID
            + ":deliverystream/"
            + name;
    cloud.outOfBand().createDestination(region(), arn);
    return arn;
  }

  @Override
  protected CloudWatchGateway gateway() {
    return gateway;
  }
}
