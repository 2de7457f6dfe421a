package io.modelaudit.operator.cloudwatch.aws;

import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGatewayContract;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The push port's contract against moto, through the production adapter (EventBridge, SQS, STS),
 * events put with PutEvents as AWS's services would send them (moto sends none itself).
 */
@ExtendWith(MotoServer.Extension.class)
class AwsEventsGatewayContractIT extends EventsGatewayContract {

  private static AwsEventsGateways gateways;
  private static EventBridgeClient eventBridge;

  @BeforeAll
  static void connect(MotoServer moto) {
    gateways = MotoSupport.eventsGateways(moto);
    eventBridge = MotoSupport.eventBridgeClient(moto);
  }

  @AfterAll
  static void disconnect() {
    if (eventBridge != null) {
      eventBridge.close();
    }
    if (gateways != null) {
      gateways.close();
    }
  }

  @Override
  protected EventsGateway gateway() {
    return gateways.forRegion(MotoSupport.REGION);
  }

  @Override
  protected void publish(String source, String detailType, String detailJson) {
    eventBridge.putEvents(
        b -> b.entries(e -> e.source(source).detailType(detailType).detail(detailJson)));
  }
}
