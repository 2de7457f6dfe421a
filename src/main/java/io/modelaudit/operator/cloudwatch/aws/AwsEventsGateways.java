package io.modelaudit.operator.cloudwatch.aws;

import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds and caches one {@link AwsEventsGateway} per account and region ({@link AwsTarget}), on the
 * default credentials chain (or, for a mapped role, STS AssumeRole on top of it with the same
 * request as {@link AwsCloudWatchGateways}), the Apache HTTP client and the SDK's adaptive retries.
 * The SDK reads AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL_SQS and
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

  private record TargetClients(
      EventBridgeClient events,
      SqsClient sqs,
      StsClient sts,
      List<AutoCloseable> credentials,
      EventsGateway gateway) {}

  private final ClientCustomizer customizer;
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<AwsTarget, TargetClients> byTarget = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public AwsEventsGateways() {
    this(ClientCustomizer.NONE);
  }

  public AwsEventsGateways(ClientCustomizer customizer) {
    this.customizer = Objects.requireNonNull(customizer, "customizer");
  }

  @Override
  public EventsGateway forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    if (closed) {
      throw new IllegalStateException("the events gateways are closed");
    }
    return byTarget.computeIfAbsent(target, this::build).gateway();
  }

  private TargetClients build(AwsTarget target) {
    String region = target.region();
    List<AutoCloseable> owned = new ArrayList<>();
    AwsCredentialsProvider credentials = this.credentials;
    if (!target.identity().isOwn()) {
      StsClientBuilder assuming =
          StsClient.builder()
              .region(Region.of(region))
              .credentialsProvider(this.credentials)
              .httpClientBuilder(ApacheHttpClient.builder());
      customizer.customizeSts(region, assuming);
      StsClient assumingClient = assuming.build();
      StsAssumeRoleCredentialsProvider assumed =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(assumingClient)
              .refreshRequest(AwsCloudWatchGateways.assumeRoleRequest(target.identity()))
              .build();
      owned.add(assumed);
      owned.add(assumingClient);
      credentials = assumed;
    }
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
    if (!target.identity().isOwn()) {
      // a role's credentials always come from STS, whatever a customizer sets
      events.credentialsProvider(credentials);
      sqs.credentialsProvider(credentials);
      sts.credentialsProvider(credentials);
    }
    EventBridgeClient eventsClient = events.build();
    SqsClient sqsClient = sqs.build();
    StsClient stsClient = sts.build();
    return new TargetClients(
        eventsClient,
        sqsClient,
        stsClient,
        owned,
        AwsEventsGateway.create(eventsClient, sqsClient, stsClient));
  }

  /** Closes every client built so far; later forTarget calls fail. */
  @Override
  public void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (TargetClients clients : byTarget.values()) {
      List<AutoCloseable> all =
          new ArrayList<>(List.of(clients.events(), clients.sqs(), clients.sts()));
      all.addAll(clients.credentials());
      for (AutoCloseable client : all) {
        try {
          client.close();
        } catch (Exception e) {
          failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
      }
    }
    byTarget.clear();
    credentials.close();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
