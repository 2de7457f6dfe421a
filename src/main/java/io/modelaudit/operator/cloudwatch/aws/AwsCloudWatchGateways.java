package io.modelaudit.operator.cloudwatch.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Builds and caches one {@link AwsCloudWatchGateway} per account and region ({@link AwsTarget}),
 * its failures classified. Clients of the operator's own identity use the default credentials
 * chain; those of a mapped role use STS AssumeRole (with the mapping's external ID and session
 * tags) on top of it, through the SDK's {@link StsAssumeRoleCredentialsProvider}, which caches the
 * temporary credentials and renews them before they expire. Every client uses the Apache HTTP
 * client and the SDK's adaptive retry mode; the SDK itself reads AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS and AWS_ENDPOINT_URL_STS, so
 * emulators need no setting of ours.
 */
public final class AwsCloudWatchGateways implements CloudWatchGateways, AutoCloseable {

  /**
   * Adjusts the client builders after the defaults are applied, e.g. to point tests at an emulator.
   * The CloudWatch clients of a mapped role keep the role's credentials whatever the customizer
   * sets; the STS client that assumes the role is customized like the others. A customizer that
   * changes the override configuration should start from the builder's current one ({@code
   * builder.overrideConfiguration().toBuilder()}) to keep the retry mode.
   */
  public interface ClientCustomizer {

    /** Leaves both builders as the defaults made them. */
    ClientCustomizer NONE = new ClientCustomizer() {};

    default void customizeLogs(String region, CloudWatchLogsClientBuilder builder) {}

    default void customizeCloudWatch(String region, CloudWatchClientBuilder builder) {}

    default void customizeSts(String region, StsClientBuilder builder) {}
  }

  /**
   * Name of the STS session of every assumed role, as CloudTrail shows it in the team's account.
   */
  public static final String SESSION_NAME = "modelaudit-operator";

  /** The clients behind one target's gateway, kept so that close() can release them. */
  private record TargetClients(
      CloudWatchLogsClient logs,
      CloudWatchClient cloudWatch,
      List<AutoCloseable> credentials,
      CloudWatchGateway gateway) {}

  private final ClientCustomizer customizer;
  private final MeterRegistry registry;
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<AwsTarget, TargetClients> byTarget = new ConcurrentHashMap<>();
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
  public CloudWatchGateway forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    if (closed) {
      throw new IllegalStateException("the CloudWatch gateways are closed");
    }
    return byTarget.computeIfAbsent(target, this::build).gateway();
  }

  private TargetClients build(AwsTarget target) {
    String region = target.region();
    List<AutoCloseable> owned = new ArrayList<>();
    AwsCredentialsProvider credentials = this.credentials;
    if (!target.identity().isOwn()) {
      StsClientBuilder stsBuilder =
          StsClient.builder()
              .region(Region.of(region))
              .credentialsProvider(this.credentials)
              .httpClientBuilder(ApacheHttpClient.builder());
      customizer.customizeSts(region, stsBuilder);
      StsClient sts = stsBuilder.build();
      StsAssumeRoleCredentialsProvider assumed =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(assumeRoleRequest(target.identity()))
              .build();
      owned.add(assumed);
      owned.add(sts);
      credentials = assumed;
    }
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
    if (!target.identity().isOwn()) {
      // A role's credentials always come from STS: a customizer may point STS elsewhere (an
      // emulator), not replace the role.
      logsBuilder.credentialsProvider(credentials);
      cloudWatchBuilder.credentialsProvider(credentials);
    }
    CloudWatchLogsClient logs = logsBuilder.build();
    CloudWatchClient cloudWatch;
    try {
      cloudWatch = cloudWatchBuilder.build();
    } catch (RuntimeException e) {
      logs.close();
      throw e;
    }
    CloudWatchGateway gateway = AwsCloudWatchGateway.create(logs, cloudWatch);
    if (!target.identity().isOwn()) {
      gateway = credentialsFirst(target.identity(), credentials).around(gateway);
    }
    return new TargetClients(logs, cloudWatch, owned, gateway);
  }

  /** The AssumeRole request the provider repeats before each set of credentials expires. */
  static AssumeRoleRequest assumeRoleRequest(AwsIdentity identity) {
    AssumeRoleRequest.Builder request =
        AssumeRoleRequest.builder()
            .roleArn(identity.roleArn().orElseThrow())
            .roleSessionName(SESSION_NAME);
    identity.externalId().ifPresent(request::externalId);
    if (!identity.sessionTags().isEmpty()) {
      request.tags(
          identity.sessionTags().entrySet().stream()
              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList());
    }
    return request.build();
  }

  /**
   * Resolves the role's credentials before each call (the provider answers from its cache until
   * they are about to expire), so that a role that cannot be assumed fails as AssumeRole, naming
   * the role, and no CloudWatch request is sent with it.
   */
  private static PortInterceptor credentialsFirst(
      AwsIdentity identity, AwsCredentialsProvider credentials) {
    String role = identity.roleArn().orElseThrow();
    return (operation, args, call) -> {
      try {
        credentials.resolveCredentials();
      } catch (SdkException e) {
        GatewayException classified = AwsErrors.classify(ASSUME_ROLE, e);
        throw new GatewayException(
            classified.kind(),
            ASSUME_ROLE,
            classified.errorCode(),
            "cannot assume role " + role + " for " + operation.name() + ": " + rootMessage(e),
            e);
      }
      return call.get();
    };
  }

  private static final String ASSUME_ROLE =
      io.modelaudit.operator.cloudwatch.Operations.ASSUME_ROLE;

  private static String rootMessage(SdkException e) {
    if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  private void defaults(ClientOverrideConfiguration.Builder override, String region) {
    override.retryStrategy(RetryMode.ADAPTIVE_V2);
    if (registry != null) {
      override.addMetricPublisher(new ThrottlingRetryMetrics(registry, region));
    }
  }

  /** Closes every client built so far and the credentials chain; later forTarget calls fail. */
  @Override
  public void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (TargetClients clients : byTarget.values()) {
      closeQuietly(clients.logs(), failures);
      closeQuietly(clients.cloudWatch(), failures);
      clients.credentials().forEach(c -> closeQuietly(c, failures));
    }
    byTarget.clear();
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
