package io.modelaudit.operator.cloudwatch.aws;

import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Builds and caches one {@link AwsEventsGateway} per region, on the default credentials chain, the
 * Apache HTTP client and the SDK's adaptive retries, like {@link AwsCloudWatchGateways}. The SDK
 * reads AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL_SQS and
 * AWS_ENDPOINT_URL_STS itself. The SQS client's socket timeout leaves room for a long poll of 20
 * seconds.
 */
public final class AwsEventsGateways implements EventsGateways, AutoCloseable {

  /** Adjusts the client builders after the defaults are applied, e.g. for an emulator. */
  public interface ClientCustomizer {

    ClientCustomizer NONE = new ClientCustomizer() {};

    default void customizeEvents(String region, EventBridgeClientBuilder builder) {}

    default void customizeSqs(String region, SqsClientBuilder builder) {}

    default void customizeSts(String region, StsClientBuilder builder) {}
  }

  private record RegionClients(
      EventBridgeClient events, SqsClient sqs, StsClient sts, EventsGateway gateway) {}

  private final ClientCustomizer customizer;
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<String, RegionClients> byRegion = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public AwsEventsGateways() {
    this(ClientCustomizer.NONE);
  }

  public AwsEventsGateways(ClientCustomizer customizer) {
    this.customizer = Objects.requireNonNull(customizer, "customizer");
  }

  @Override
  public EventsGateway forRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (closed) {
      throw new IllegalStateException("the events gateways are closed");
    }
    return byRegion.computeIfAbsent(region, this::build).gateway();
  }

  private RegionClients build(String region) {
    EventBridgeClientBuilder events =
        EventBridgeClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2));
    customizer.customizeEvents(region, events);
    SqsClientBuilder sqs =
        SqsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            // a receive waits up to 20 s for messages: the socket must wait longer
            .httpClientBuilder(
                ApacheHttpClient.builder().socketTimeout(java.time.Duration.ofSeconds(30)))
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2));
    customizer.customizeSqs(region, sqs);
    StsClientBuilder sts =
        StsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder());
    customizer.customizeSts(region, sts);
    EventBridgeClient eventsClient = events.build();
    SqsClient sqsClient = sqs.build();
    StsClient stsClient = sts.build();
    return new RegionClients(
        eventsClient,
        sqsClient,
        stsClient,
        AwsEventsGateway.create(eventsClient, sqsClient, stsClient));
  }

  /** Closes every client built so far; later forRegion calls fail. */
  @Override
  public void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (RegionClients clients : byRegion.values()) {
      for (AutoCloseable client : List.of(clients.events(), clients.sqs(), clients.sts())) {
        try {
          client.close();
        } catch (Exception e) {
          failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
      }
    }
    byRegion.clear();
    credentials.close();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
