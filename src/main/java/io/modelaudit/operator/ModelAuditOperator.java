package io.modelaudit.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.ratelimit.RateLimitedCloudWatchGateways;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.reconcile.EventRecorder;
import io.modelaudit.operator.reconcile.ModelAuditReconciler;
import java.time.Clock;
import java.util.Optional;

/**
 * Assembles the JOSDK operator with the ModelAudit reconciler. Production, the sandbox and the
 * integration tests all build the operator here, so they run the same code path.
 */
public final class ModelAuditOperator {

  /** Name of the Lease used for leader election. */
  public static final String LEASE_NAME = "modelaudit-operator-leader";

  private ModelAuditOperator() {}

  /**
   * Builds (but does not start) an operator.
   *
   * @param leaseNamespace namespace of the leader-election Lease; empty disables leader election
   */
  public static Operator create(
      KubernetesClient client,
      CloudWatchGateways gateways,
      OperatorConfig config,
      Optional<String> leaseNamespace,
      Optional<String> identity) {
    return create(client, gateways, config, leaseNamespace, identity, Metrics.NOOP);
  }

  /**
   * Builds (but does not start) an operator that reports JOSDK's controller metrics, such as the
   * duration of each reconcile, to {@code metrics}.
   */
  public static Operator create(
      KubernetesClient client,
      CloudWatchGateways gateways,
      OperatorConfig config,
      Optional<String> leaseNamespace,
      Optional<String> identity,
      Metrics metrics) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withMetrics(metrics)
                  // The fabric8 mock server has no server-side apply; production uses the same
                  // JSON-patch path so tests exercise it.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  // Reconciles mostly wait for rate-limit permits, so more threads than cores
                  // keep every operation's quota busy.
                  .withConcurrentReconciliationThreads(config.reconcileThreads());
              leaseNamespace.ifPresent(
                  ns ->
                      o.withLeaderElectionConfiguration(
                          identity
                              .map(id -> new LeaderElectionConfiguration(LEASE_NAME, ns, id))
                              .orElseGet(() -> new LeaderElectionConfiguration(LEASE_NAME, ns))));
            });
    CloudWatchGateways limited = new RateLimitedCloudWatchGateways(gateways, config.rateLimits());
    ModelAuditReconciler reconciler =
        new ModelAuditReconciler(
            limited, config, new EventRecorder(client), Clock.systemUTC(), new InventoryStore());
    operator.register(
        reconciler,
        c -> {
          if (config.watchedNamespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(config.watchedNamespaces());
          }
          // A long safety net: the inventory's batched listings find drift, and its sweep reads
          // each ModelAudit in full once per resync interval.
          c.withReconciliationMaxInterval(config.resyncInterval());
        });
    return operator;
  }
}
