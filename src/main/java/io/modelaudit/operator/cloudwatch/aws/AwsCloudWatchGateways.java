package io.modelaudit.operator.cloudwatch.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import io.modelaudit.operator.cloudwatch.RoleNotAssumed;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>With an idle timeout, the clients of an account and region that no call used for that long are
 * closed (their connection pools, threads and assumed-role credentials released): a region or
 * account no ModelAudit uses any more does not keep them forever. The gateway {@link #forTarget}
 * hands out stays valid: its next call builds new clients. Clients are never closed under a call
 * that is using them.
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

  private static final String ASSUME_ROLE =
      io.modelaudit.operator.cloudwatch.Operations.ASSUME_ROLE;

  /**
   * The clients behind one target's gateway, kept so that they can be released: how many calls use
   * them right now, and when one last did.
   */
  private static final class TargetClients {
    final CloudWatchLogsClient logs;
    final CloudWatchClient cloudWatch;
    final List<AutoCloseable> credentials;
    final CloudWatchGateway gateway;
    final AtomicInteger inUse = new AtomicInteger();
    volatile Instant lastUsed;

    TargetClients(
        CloudWatchLogsClient logs,
        CloudWatchClient cloudWatch,
        List<AutoCloseable> credentials,
        CloudWatchGateway gateway,
        Instant now) {
      this.logs = logs;
      this.cloudWatch = cloudWatch;
      this.credentials = credentials;
      this.gateway = gateway;
      this.lastUsed = now;
    }

    void close(List<RuntimeException> failures) {
      closeQuietly(logs, failures);
      closeQuietly(cloudWatch, failures);
      credentials.forEach(c -> closeQuietly(c, failures));
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(AwsCloudWatchGateways.class);

  private final ClientCustomizer customizer;
  private final MeterRegistry registry;
  private final Duration idleTimeout;
  private final Clock clock;
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<AwsTarget, TargetClients> open = new ConcurrentHashMap<>();
  private final Map<AwsTarget, CloudWatchGateway> handles = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;
  private volatile boolean closed;

  /** Gateways on the default AWS configuration. */
  public AwsCloudWatchGateways() {
    this(ClientCustomizer.NONE);
  }

  public AwsCloudWatchGateways(ClientCustomizer customizer) {
    this(customizer, null, null, Clock.systemUTC());
  }

  /**
   * Gateways that also count, in the registry, the attempts AWS throttled and the SDK retried
   * (modelaudit_aws_throttling_retries_total by region and operation).
   */
  public AwsCloudWatchGateways(ClientCustomizer customizer, MeterRegistry registry) {
    this(customizer, Objects.requireNonNull(registry, "registry"), null, Clock.systemUTC());
  }

  /**
   * Gateways that close the clients of a region unused for {@code idleTimeout}, checked by a daemon
   * thread a few times per timeout; see {@link #closeIdle}.
   *
   * @param registry where throttled retries are counted; null counts nowhere
   * @param idleTimeout null keeps every region's clients until {@link #close}
   * @param clock what "unused for" is measured with
   */
  public AwsCloudWatchGateways(
      ClientCustomizer customizer, MeterRegistry registry, Duration idleTimeout, Clock clock) {
    this.customizer = Objects.requireNonNull(customizer, "customizer");
    this.registry = registry;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new IllegalArgumentException("the idle timeout must be positive, got " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    this.sweeper = idleTimeout == null ? null : startSweeper(idleTimeout);
  }

  private ScheduledExecutorService startSweeper(Duration timeout) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "modelaudit-aws-clients");
              thread.setDaemon(true);
              return thread;
            });
    long every = Math.max(1_000, Math.min(60_000, timeout.toMillis() / 4));
    executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    return executor;
  }

  /**
   * The gateway of an account (through the identity) and region. It builds the clients on its first
   * call, and again after {@link #closeIdle} released them.
   */
  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    if (closed) {
      throw new IllegalStateException("the CloudWatch gateways are closed");
    }
    return handles.computeIfAbsent(target, this::handle);
  }

  /**
   * The AWS account the operator's credentials belong to, from STS GetCallerIdentity in this region
   * (a call every principal may make; no IAM permission needed). Called once at start.
   *
   * @throws RuntimeException when STS cannot be reached or the credentials are not valid
   */
  public String callerAccount(String region) {
    StsClientBuilder builder =
        StsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder());
    customizer.customizeSts(region, builder);
    try (StsClient sts = builder.build()) {
      return sts.getCallerIdentity().account();
    }
  }

  /**
   * Builds the region's clients now, without an AWS call, so that the first call does not pay for
   * loading the SDK; like any clients they are closed once unused for the idle timeout (the SDK's
   * classes stay loaded).
   */
  public void open(String region) {
    TargetClients clients = acquire(AwsTarget.own(region));
    clients.inUse.decrementAndGet();
  }

  /** The regions whose clients (of any account) are open now. */
  public Set<String> openRegions() {
    return open.keySet().stream()
        .map(AwsTarget::region)
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Closes the clients of every region that no call uses now and none used for the idle timeout;
   * their gateways build new ones when called again. Does nothing without an idle timeout.
   */
  public void closeIdle() {
    if (idleTimeout == null) {
      return;
    }
    Instant now = clock.instant();
    for (AwsTarget target : List.copyOf(open.keySet())) {
      TargetClients[] closing = new TargetClients[1];
      open.computeIfPresent(
          target,
          (r, clients) -> {
            boolean idle =
                clients.inUse.get() == 0 && !clients.lastUsed.plus(idleTimeout).isAfter(now);
            if (idle) {
              closing[0] = clients;
              return null;
            }
            return clients;
          });
      if (closing[0] != null) {
        List<RuntimeException> failures = new ArrayList<>();
        closing[0].close(failures);
        LOG.info(
            "closed the AWS clients of {}: unused for {}{}",
            target.describe(),
            idleTimeout,
            failures.isEmpty() ? "" : " (closing failed: " + failures.get(0) + ")");
      }
    }
  }

  private void sweep() {
    try {
      closeIdle();
    } catch (RuntimeException e) {
      LOG.warn("closing idle AWS clients failed, trying again later: {}", e.toString());
    }
  }

  /**
   * A gateway that takes the region's current clients for each call, building them when there are
   * none, and marks them in use until the call returns.
   */
  private CloudWatchGateway handle(AwsTarget target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "AWS CloudWatch gateway of " + target.describe();
            };
          }
          if (method.isDefault()) {
            // made of other port calls, each of which comes back here
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          TargetClients clients = acquire(target);
          try {
            return method.invoke(clients.gateway, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            clients.lastUsed = clock.instant();
            clients.inUse.decrementAndGet();
          }
        };
    return (CloudWatchGateway)
        Proxy.newProxyInstance(
            CloudWatchGateway.class.getClassLoader(),
            new Class<?>[] {CloudWatchGateway.class},
            handler);
  }

  private TargetClients acquire(AwsTarget target) {
    if (closed) {
      throw new IllegalStateException("the CloudWatch gateways are closed");
    }
    return open.compute(
        target,
        (t, clients) -> {
          TargetClients use = clients != null ? clients : build(t);
          use.inUse.incrementAndGet();
          use.lastUsed = clock.instant();
          return use;
        });
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
    return new TargetClients(logs, cloudWatch, owned, gateway, clock.instant());
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
        throw new RoleNotAssumed(
            classified.kind(),
            role,
            classified.errorCode(),
            "cannot assume role " + role + " for " + operation.name() + ": " + rootMessage(e),
            e);
      }
      return call.get();
    };
  }

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
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    List<RuntimeException> failures = new ArrayList<>();
    for (TargetClients clients : open.values()) {
      clients.close(failures);
    }
    open.clear();
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
