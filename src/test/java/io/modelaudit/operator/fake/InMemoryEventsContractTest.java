package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGatewayContract;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Holds the in-memory push AWS to the same contract as the AWS SDK adapter on moto. */
class InMemoryEventsContractTest extends EventsGatewayContract {

  private InMemoryEvents events;

  @BeforeEach
  void newFake() {
    events = new InMemoryEvents();
  }

  @Override
  protected EventsGateway gateway() {
    return events.forRegion("us-east-1");
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void publish(String source, String detailType, String detailJson) {
    try {
      events.publish(
          "us-east-1",
          source,
          detailType,
          new com.fasterxml.jackson.databind.ObjectMapper().readValue(detailJson, Map.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
