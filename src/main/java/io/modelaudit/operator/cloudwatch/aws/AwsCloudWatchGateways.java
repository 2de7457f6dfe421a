package io.modelaudit.operator.cloudwatch.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Builds and caches one {@link AwsCloudWatchGateway} per region, its failures classified. Clients
 * use the default credentials chain, the Apache HTTP client and the SDK's adaptive retry mode; the
 * SDK itself reads AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_CLOUDWATCH and
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, so emulators need no setting of ours.
 *
 * <p>With an idle timeout, the clients of a region that no call used for that long are closed
 * (their connection pools and threads released): a region no ModelAudit uses any more does not keep
 * them forever. The gateway {@link #forRegion} hands out stays valid: its next call builds new
 * clients. Clients are never closed under a call that is using them.
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

    default void customizeSts(String region, StsClientBuilder builder) {}
  }

  /**
   * The clients behind one region's gateway, kept so that they can be released: how many calls use
   * them right now, and when one last did.
   */
  private static final class RegionClients {
    final CloudWatchLogsClient logs;
    final CloudWatchClient cloudWatch;
    final CloudWatchGateway gateway;
    final AtomicInteger inUse = new AtomicInteger();
    volatile Instant lastUsed;

    RegionClients(CloudWatchLogsClient logs, CloudWatchClient cloudWatch, Instant now) {
      this.logs = logs;
      this.cloudWatch = cloudWatch;
      this.gateway = AwsCloudWatchGateway.create(logs, cloudWatch);
      this.lastUsed = now;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(AwsCloudWatchGateways.class);

  private final ClientCustomizer customizer;
  private final MeterRegistry registry;
  private final Duration idleTimeout;
  private final Clock clock;
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<String, RegionClients> open = new ConcurrentHashMap<>();
  private final Map<String, CloudWatchGateway> handles = new ConcurrentHashMap<>();
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
   * The gateway of a region. It builds the region's clients on its first call, and again after
   * {@link #closeIdle} released them.
   */
  @Override
  public CloudWatchGateway forRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (closed) {
      throw new IllegalStateException("the CloudWatch gateways are closed");
    }
    return handles.computeIfAbsent(region, this::handle);
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
    RegionClients clients = acquire(region);
    clients.inUse.decrementAndGet();
  }

  /** The regions whose clients are open now. */
  public Set<String> openRegions() {
    return Set.copyOf(open.keySet());
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
    for (String region : List.copyOf(open.keySet())) {
      RegionClients[] closing = new RegionClients[1];
      open.computeIfPresent(
          region,
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
        closeQuietly(closing[0].logs, failures);
        closeQuietly(closing[0].cloudWatch, failures);
        LOG.info(
            "closed the AWS clients of {}: unused for {}{}",
            region,
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
  private CloudWatchGateway handle(String region) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "AWS CloudWatch gateway of " + region;
            };
          }
          if (method.isDefault()) {
            // made of other port calls, each of which comes back here
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          RegionClients clients = acquire(region);
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

  private RegionClients acquire(String region) {
    if (closed) {
      throw new IllegalStateException("the CloudWatch gateways are closed");
    }
    return open.compute(
        region,
        (r, clients) -> {
          RegionClients use = clients != null ? clients : build(r);
          use.inUse.incrementAndGet();
          use.lastUsed = clock.instant();
          return use;
        });
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
    return new RegionClients(logs, cloudWatch, clock.instant());
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
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    List<RuntimeException> failures = new ArrayList<>();
    for (RegionClients clients : open.values()) {
      closeQuietly(clients.logs, failures);
      closeQuietly(clients.cloudWatch, failures);
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
