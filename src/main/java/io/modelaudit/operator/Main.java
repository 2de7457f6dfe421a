package io.modelaudit.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.ops.OperatorHttpServer;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
    LOG.info(
        "starting: region {}, namespaces {}, cluster {}, alarm states every {}, drift check every"
            + " {}, full read every {}, {} reconcile threads, leader election {}",
        config.defaultRegion(),
        config.watchedNamespaces().isEmpty() ? "all" : config.watchedNamespaces(),
        config.clusterName(),
        config.alarmStateInterval(),
        config.driftCheckInterval(),
        config.resyncInterval(),
        config.reconcileThreads(),
        config.leaderElection());

    KubernetesClient client = new KubernetesClientBuilder().build();
    AwsCloudWatchGateways gateways = new AwsCloudWatchGateways();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicBoolean started = new AtomicBoolean();

    Optional<String> lease = Optional.empty();
    if (config.leaderElection()) {
      lease = Optional.of(config.leaseNamespace().orElse(client.getNamespace()));
    }
    Operator operator =
        ModelAuditOperator.create(
            client, gateways, config, lease, Optional.ofNullable(System.getenv("POD_NAME")));
    OperatorHttpServer http =
        new OperatorHttpServer(new InetSocketAddress(config.httpPort()), registry, started::get);
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
    operator.start();
    started.set(true);
    LOG.info("started; serving /metrics, /healthz and /readyz on port {}", http.port());
  }
}
