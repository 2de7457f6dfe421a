package io.modelaudit.operator.cloudwatch.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

/**
 * Builds and caches one {@link AwsCloudWatchGateway} per region, its failures classified. Clients
 * use the default credentials chain, the Apache HTTP client and the SDK's adaptive retry mode; the
 * SDK itself reads AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_CLOUDWATCH and
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, so emulators need no setting of ours.
 */
public final class AwsCloudWatchGateways implements CloudWatchGateways, AutoCloseable {

  /**
   * Adjusts the client builders after the defaults are applied, e.g. to point tests at an emulator.
   * A customizer that changes the override configuration should start from the builder's current
   * one ({@code builder.overrideConfiguration().toBuilder()}) to keep the retry mode.
   */
  public interface ClientCustomizer {

    /** Leaves both builders as the defaults made them. */
    ClientCustomizer NONE = new ClientCustomizer() {};

    default void customizeLogs(String region, CloudWatchLogsClientBuilder builder) {}

    default void customizeCloudWatch(String region, CloudWatchClientBuilder builder) {}
  }

  /** The clients behind one region's gateway, kept so that close() can release them. */
  private record RegionClients(
      CloudWatchLogsClient logs, CloudWatchClient cloudWatch, CloudWatchGateway gateway) {}

  private final ClientCustomizer customizer;
  private final MeterRegistry registry;
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<String, RegionClients> byRegion = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Gateways on the default AWS configuration. */
  public AwsCloudWatchGateways() {
    this(ClientCustomizer.NONE);
  }

  public AwsCloudWatchGateways(ClientCustomizer customizer) {
    this.customizer = Objects.requireNonNull(customizer, "customizer");
    this.registry = null;
  }

  /**
   * Gateways that also count, in the registry, the attempts AWS throttled and the SDK retried
   * (modelaudit_aws_throttling_retries_total by region and operation).
   */
  public AwsCloudWatchGateways(ClientCustomizer customizer, MeterRegistry registry) {
    this.customizer = Objects.requireNonNull(customizer, "customizer");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public CloudWatchGateway forRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (closed) {
      throw new IllegalStateException("the CloudWatch gateways are closed");
    }
    return byRegion.computeIfAbsent(region, this::build).gateway();
  }

  private RegionClients build(String region) {
    CloudWatchLogsClientBuilder logsBuilder =
        CloudWatchLogsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder())
            .overrideConfiguration(o -> defaults(o, region));
    customizer.customizeLogs(region, logsBuilder);
    CloudWatchClientBuilder cloudWatchBuilder =
        CloudWatchClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder())
            .overrideConfiguration(o -> defaults(o, region));
    customizer.customizeCloudWatch(region, cloudWatchBuilder);
    CloudWatchLogsClient logs = logsBuilder.build();
    CloudWatchClient cloudWatch;
    try {
      cloudWatch = cloudWatchBuilder.build();
    } catch (RuntimeException e) {
      logs.close();
      throw e;
    }
    return new RegionClients(logs, cloudWatch, AwsCloudWatchGateway.create(logs, cloudWatch));
  }

  private void defaults(ClientOverrideConfiguration.Builder override, String region) {
    override.retryStrategy(RetryMode.ADAPTIVE_V2);
    if (registry != null) {
      override.addMetricPublisher(new ThrottlingRetryMetrics(registry, region));
    }
  }

  /** Closes every client built so far and the credentials chain; later forRegion calls fail. */
  @Override
  public void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (RegionClients clients : byRegion.values()) {
      closeQuietly(clients.logs(), failures);
      closeQuietly(clients.cloudWatch(), failures);
    }
    byRegion.clear();
    closeQuietly(credentials, failures);
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void closeQuietly(AutoCloseable client, List<RuntimeException> failures) {
    try {
      client.close();
    } catch (RuntimeException e) {
      failures.add(e);
    } catch (Exception e) {
      failures.add(new IllegalStateException(e));
    }
  }
}
