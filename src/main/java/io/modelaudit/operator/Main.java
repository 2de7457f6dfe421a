package io.modelaudit.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelaudit.operator.ModelAuditOperator.LeaderElection;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsRegions;
import io.modelaudit.operator.config.AwsFacts;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.Settings;
import io.modelaudit.operator.ops.OperatorHttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator against the current kubeconfig (or the in-cluster service account) and AWS's
 * default credential chain, configured from environment variables.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /**
   * How long a shutdown waits for the AWS calls under way to return before it stops JOSDK; if some
   * are still out then, it does not release the Lease. With JOSDK's wait for reconciles ({@link
   * ModelAuditOperator#RECONCILE_TERMINATION_TIMEOUT}, 4 s) and their end after it (2 s), the
   * slowest shutdown stays below {@link #HALT_AFTER}.
   */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

  /**
   * A shutdown still running after this halts the JVM. It is shorter than JOSDK's lease duration
   * (15 s) less its retry period (2 s): a replica whose Lease was not released is gone before
   * another can take the Lease over by expiry, so two leaders never call AWS at once.
   */
  static final Duration HALT_AFTER = Duration.ofSeconds(10);

  private Main() {}

  public static void main(String[] args) {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    LOG.info("starting with {}", String.join(", ", Settings.describe(config, System.getenv())));
    try {
      config = config.withAws(new AwsFacts(AwsRegions.known(), Optional.empty()));
    } catch (IllegalArgumentException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    if (config.regionIdleTimeout().compareTo(config.alarmStateInterval()) <= 0) {
      LOG.warn(
          "MODELAUDIT_REGION_IDLE_TIMEOUT ({}) is not longer than MODELAUDIT_ALARM_STATE_INTERVAL"
              + " ({}): the AWS clients of regions in use will be closed and rebuilt between"
              + " listings",
          config.regionIdleTimeout(),
          config.alarmStateInterval());
    }

    KubernetesClient client = new KubernetesClientBuilder().build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindJvmMetrics(registry);
    AwsCloudWatchGateways gateways =
        new AwsCloudWatchGateways(
            AwsCloudWatchGateways.ClientCustomizer.NONE,
            registry,
            config.regionIdleTimeout(),
            Clock.systemUTC());
    // The default policy allows alarm actions of the operator's own account only: learn it once.
    try {
      String account = gateways.callerAccount(config.defaultRegion());
      config = config.withAws(new AwsFacts(config.aws().regions(), Optional.of(account)));
      LOG.info("running as AWS account {}", account);
    } catch (RuntimeException e) {
      LOG.error(
          "could not learn the operator's AWS account with STS GetCallerIdentity in {}: {}",
          config.defaultRegion(),
          e.toString());
      gateways.close();
      System.exit(1);
      return;
    }
    // Build the default region's SDK clients now (no AWS call): a follower that takes over then
    // reconciles at once instead of spending its first second loading the SDK.
    gateways.open(config.defaultRegion());

    Optional<LeaderElection> leaderElection = Optional.empty();
    if (config.leaderElection()) {
      String namespace = config.leaseNamespace().orElse(client.getNamespace());
      if (namespace == null) {
        LOG.error(
            "leader election is on but the Lease's namespace is unknown: set"
                + " MODELAUDIT_LEASE_NAMESPACE or POD_NAMESPACE");
        System.exit(2);
        return;
      }
      leaderElection = Optional.of(LeaderElection.in(namespace, config.podName()));
    }
    // assemble() wraps the gateways so that every AWS call is timed in the registry.
    Replica replica =
        ModelAuditOperator.assemble(client, gateways, config, leaderElection, registry, null);
    Operator operator = replica.operator();
    OperatorHttpServer http =
        new OperatorHttpServer(
            new InetSocketAddress(config.httpPort()),
            registry,
            () -> ModelAuditOperator.isReady(operator));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> shutDown(replica, http, gateways, client), "shutdown"));
    http.start();
    // Returns once the informers' caches have synced; from then on /readyz answers 200.
    replica.start();
    String leaseName = ModelAuditOperator.leaseName(config.selector());
    LOG.info(
        "started{}; serving /metrics, /healthz and /readyz on port {}",
        leaderElection
            .map(
                le ->
                    ", reconciling once elected leader (Lease "
                        + le.leaseNamespace()
                        + "/"
                        + leaseName
                        + ")")
            .orElse(""),
        http.port());
  }

  /**
   * The shutdown hook (SIGTERM, or the exit after a lost Lease): stops the replica gracefully,
   * which releases the Lease once nothing of it can reach AWS any more, then closes the HTTP server
   * and the clients. It never calls System.exit, and nothing it waits for does; a watchdog halts
   * the JVM should it hang anyway.
   */
  private static void shutDown(
      Replica replica,
      OperatorHttpServer http,
      AwsCloudWatchGateways gateways,
      KubernetesClient client) {
    long start = System.nanoTime();
    Thread watchdog = ProcessExit.haltAfter(HALT_AFTER);
    LOG.info("stopping: no new AWS calls; waiting up to {} for those under way", DRAIN_TIMEOUT);
    Replica.ShutdownResult result = new Replica.ShutdownResult(false, false);
    try {
      result = replica.shutdown(DRAIN_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.error("stopping the operator failed", e);
    }
    closeQuietly("HTTP server", http::close);
    closeQuietly("AWS clients", gateways::close);
    closeQuietly("Kubernetes client", client::close);
    LOG.info(
        "stopped in {} ms ({}; {}); HTTP server, AWS clients and Kubernetes client closed",
        Duration.ofNanos(System.nanoTime() - start).toMillis(),
        result.drained() ? "all work ended" : "work was still under way",
        replica.identity().isEmpty()
            ? "no leader election"
            : result.leaseReleased() ? "Lease released" : "Lease not released by this replica");
    watchdog.interrupt();
  }

  private static void closeQuietly(String what, Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.warn("closing the {} failed: {}", what, e.toString());
    }
  }

  /** The JVM's memory, GC, threads, CPU and uptime, as every JVM service exposes them. */
  private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }
}
