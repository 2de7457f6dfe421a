package io.modelaudit.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.config.OperatorConfig;
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
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // The fabric8 mock server has no server-side apply; production uses the same
                  // JSON-patch path so tests exercise it.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withResourceCloner(new ModelAuditCloner(client.getKubernetesSerialization()))
                  .withCloseClientOnStop(false);
              leaseNamespace.ifPresent(
                  ns ->
                      o.withLeaderElectionConfiguration(
                          identity
                              .map(id -> new LeaderElectionConfiguration(LEASE_NAME, ns, id))
                              .orElseGet(() -> new LeaderElectionConfiguration(LEASE_NAME, ns))));
            });
    ModelAuditReconciler reconciler =
        new ModelAuditReconciler(gateways, config, new EventRecorder(client), Clock.systemUTC());
    operator.register(
        reconciler,
        c -> {
          if (config.watchedNamespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(config.watchedNamespaces());
          }
          c.withReconciliationMaxInterval(config.resyncInterval());
        });
    return operator;
  }
}
