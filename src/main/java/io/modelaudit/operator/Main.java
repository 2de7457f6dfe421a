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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator against the current kubeconfig (or the in-cluster service account) and AWS's
 * default credential chain, configured from environment variables.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

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
    // create() wraps the gateways so that every AWS call is timed in the registry.
    Operator operator =
        ModelAuditOperator.create(client, gateways, config, leaderElection, registry);
    OperatorHttpServer http =
        new OperatorHttpServer(
            new InetSocketAddress(config.httpPort()),
            registry,
            () -> ModelAuditOperator.isReady(operator));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  operator.stop();
                  http.close();
                  gateways.close();
                  client.close();
                },
                "shutdown"));
    http.start();
    // Returns once the informers' caches have synced; from then on /readyz answers 200.
    operator.start();
    LOG.info(
        "started{}; serving /metrics, /healthz and /readyz on port {}",
        leaderElection
            .map(
                le ->
                    ", reconciling once elected leader (Lease "
                        + le.leaseNamespace()
                        + "/"
                        + ModelAuditOperator.LEASE_NAME
                        + ")")
            .orElse(""),
        http.port());
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
