package io.modelaudit.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelaudit.operator.accounts.AccountMappings;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.MeteredCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.ratelimit.RateLimitedCloudWatchGateways;
import io.modelaudit.operator.config.AccountMappingMode;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.ops.ResourceMetrics;
import io.modelaudit.operator.reconcile.EventRecorder;
import io.modelaudit.operator.reconcile.HomeRecorder;
import io.modelaudit.operator.reconcile.ModelAuditReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Assembles the JOSDK operator with the ModelAudit reconciler. Production, the sandbox and the
 * integration tests all build the operator here, so they run the same code path.
 */
public final class ModelAuditOperator {

  /** Name of the Lease used for leader election by an operator that manages every ModelAudit. */
  public static final String LEASE_NAME = "modelaudit-operator-leader";

  /**
   * The Lease of a shard: {@value #LEASE_NAME} without MODELAUDIT_SELECTOR, otherwise that name and
   * a short hash of the selector, so that each shard (one Deployment per selector) elects its own
   * leader and two Deployments with the same selector share one.
   */
  public static String leaseName(Optional<String> selector) {
    if (selector.isEmpty()) {
      return LEASE_NAME;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(selector.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return LEASE_NAME + "-" + java.util.HexFormat.of().formatHex(digest, 0, 5);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How long JOSDK's stop waits for reconciles under way before it interrupts them. By then AWS is
   * fenced off and its calls under way have returned ({@link Replica#shutdown(Duration)}), so a
   * reconcile ends at its next AWS call; one still waiting for a rate-limit permit is interrupted,
   * which is safe, since it has not called AWS.
   */
  public static final Duration RECONCILE_TERMINATION_TIMEOUT = Duration.ofSeconds(4);

  private ModelAuditOperator() {}

  /**
   * How replicas elect the one that reconciles.
   *
   * @param leaseNamespace namespace of the Lease {@value #LEASE_NAME}
   * @param identity this replica's name in the Lease (the pod name); empty lets JOSDK use HOSTNAME
   * @param leaseDuration how long a Lease that is not renewed keeps others from taking over
   * @param renewDeadline how long the leader retries renewing before it gives up leadership
   * @param retryPeriod how often candidates try to acquire, and the leader to renew
   * @param onLeadershipLost what a replica does after it lost the Lease while running (AWS is
   *     already fenced off by then): in production, exit, so that Kubernetes restarts it as a
   *     follower (JOSDK cannot rejoin an election); tests that run several operators in one JVM
   *     pass something else. It runs on the leader-election thread and must not block.
   */
  public record LeaderElection(
      String leaseNamespace,
      Optional<String> identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      Runnable onLeadershipLost) {

    public LeaderElection {
      Objects.requireNonNull(leaseNamespace, "leaseNamespace");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(onLeadershipLost, "onLeadershipLost");
      if (renewDeadline.compareTo(leaseDuration) >= 0
          || retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException(
            "leader election needs retryPeriod < renewDeadline < leaseDuration");
      }
    }

    /**
     * JOSDK's default timings (lease 15 s, renew deadline 10 s, retry 2 s); the process exits when
     * it loses the Lease.
     */
    public static LeaderElection in(String leaseNamespace, Optional<String> identity) {
      return new LeaderElection(
          leaseNamespace,
          identity,
          LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
          LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
          LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
          ProcessExit::afterLostLeadership);
    }

    public LeaderElection withTimings(
        Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      return new LeaderElection(
          leaseNamespace, identity, leaseDuration, renewDeadline, retryPeriod, onLeadershipLost);
    }

    public LeaderElection withOnLeadershipLost(Runnable action) {
      return new LeaderElection(
          leaseNamespace, identity, leaseDuration, renewDeadline, retryPeriod, action);
    }

    /**
     * This replica's name in the Lease: the given identity, else HOSTNAME (the pod name in a
     * cluster), else a random one. Resolved once, because releasing the Lease needs the same name.
     */
    String resolveIdentity() {
      return identity
          .filter(id -> !id.isBlank())
          .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()))
          .orElseGet(() -> UUID.randomUUID().toString());
    }

    /**
     * JOSDK's configuration, built with its supported {@code build()}: JOSDK itself never exits on
     * a lost Lease (its exit-on-stop-leading calls System.exit on whatever thread stops the
     * election, which on shutdown is the shutdown hook's: a deadlock). Our callbacks decide.
     */
    LeaderElectionConfiguration toJosdk(
        String leaseName, String resolvedIdentity, LeaderCallbacks callbacks) {
      return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
          .withLeaseNamespace(leaseNamespace)
          .withIdentity(resolvedIdentity)
          .withLeaseDuration(leaseDuration)
          .withRenewDeadline(renewDeadline)
          .withRetryPeriod(retryPeriod)
          .withLeaderCallbacks(callbacks)
          .build();
    }
  }

  /**
   * Builds (but does not start) an operator whose metrics are not exported.
   *
   * @param leaseNamespace namespace of the leader-election Lease; empty disables leader election
   */
  public static Operator create(
      KubernetesClient client,
      CloudWatchGateways gateways,
      OperatorConfig config,
      Optional<String> leaseNamespace,
      Optional<String> identity) {
    return create(
        client,
        gateways,
        config,
        leaseNamespace.map(ns -> LeaderElection.in(ns, identity)),
        new SimpleMeterRegistry());
  }

  /**
   * Builds (but does not start) an operator that records JOSDK's reconcile metrics, every AWS call
   * (see {@link MeteredCloudWatchGateways}) and per-resource gauges (see {@link ResourceMetrics})
   * in the registry.
   *
   * @param leaderElection empty disables leader election: this operator reconciles at once
   */
  public static Operator create(
      KubernetesClient client,
      CloudWatchGateways gateways,
      OperatorConfig config,
      Optional<LeaderElection> leaderElection,
      MeterRegistry registry) {
    return create(client, gateways, config, leaderElection, registry, null);
  }

  /**
   * As {@link #create(KubernetesClient, CloudWatchGateways, OperatorConfig, Optional,
   * MeterRegistry)}, with JOSDK's controller metrics sent to {@code josdkMetrics} instead of the
   * registry (the benchmark measures reconcile latency this way); null keeps the registry.
   */
  public static Operator create(
      KubernetesClient client,
      CloudWatchGateways gateways,
      OperatorConfig config,
      Optional<LeaderElection> leaderElection,
      MeterRegistry registry,
      Metrics josdkMetrics) {
    return assemble(client, gateways, config, leaderElection, registry, josdkMetrics).operator();
  }

  /**
   * Builds (but does not start) a {@link Replica}: the operator of {@link #create(KubernetesClient,
   * CloudWatchGateways, OperatorConfig, Optional, MeterRegistry, Metrics)} with the handle that
   * shuts it down gracefully and reacts to a lost Lease. Production uses this.
   */
  public static Replica assemble(
      KubernetesClient client,
      CloudWatchGateways gateways,
      OperatorConfig config,
      Optional<LeaderElection> leaderElection,
      MeterRegistry registry,
      Metrics josdkMetrics) {
    // without leader election this replica leads from the start
    AtomicBoolean leading = new AtomicBoolean(leaderElection.isEmpty());
    // Fenced inside the limiter (checked just before a call would go to AWS), metered inside the
    // fence (the timers measure AWS, not refusals nor the wait for a permit).
    FencedCloudWatchGateways fence =
        new FencedCloudWatchGateways(new MeteredCloudWatchGateways(gateways, registry));
    CloudWatchGateways limited = new RateLimitedCloudWatchGateways(fence, config.rateLimits());
    Optional<String> identity = leaderElection.map(LeaderElection::resolveIdentity);
    String leaseName = leaseName(config.selector());
    Optional<LeaseRelease> lease =
        leaderElection.map(
            le -> new LeaseRelease(client, le.leaseNamespace(), leaseName, identity.get()));
    // The callbacks reach the replica, which exists only after the operator is built.
    AtomicReference<Replica> replica = new AtomicReference<>();
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> replica.get().startedLeading(), () -> replica.get().stoppedLeading(), l -> {});
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // The fabric8 mock server has no server-side apply; production uses the same
                  // JSON-patch path so tests exercise it.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withResourceCloner(new ModelAuditCloner(client.getKubernetesSerialization()))
                  .withCloseClientOnStop(false)
                  // Reconciles mostly wait for rate-limit permits, so more threads than cores
                  // keep every operation's quota busy.
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withReconciliationTerminationTimeout(RECONCILE_TERMINATION_TIMEOUT)
                  .withMetrics(
                      josdkMetrics != null
                          ? josdkMetrics
                          : MicrometerMetricsV2.newBuilder(registry).build());
              leaderElection.ifPresent(
                  le ->
                      o.withLeaderElectionConfiguration(
                          le.toJosdk(leaseName, identity.get(), callbacks)));
            });
    ModelAuditReconciler reconciler =
        new ModelAuditReconciler(
            limited,
            config,
            new EventRecorder(client),
            new HomeRecorder(client),
            Clock.systemUTC(),
            new ResourceMetrics(registry),
            new InventoryStore(),
            config.accountMapping() == AccountMappingMode.OFF
                ? null
                : new AccountMappings(client, config.accountMapping()));
    reconciler.actOnlyWhileLeading(leading::get);
    operator.register(
        reconciler,
        c -> {
          if (config.watchedNamespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(config.watchedNamespaces());
          }
          // Sharding: only the ModelAudits this operator's selector selects are its own.
          config.selector().ifPresent(c::withLabelSelector);
          // A long safety net: the inventory's batched listings find drift, and its sweep reads
          // each ModelAudit in full once per resync interval.
          c.withReconciliationMaxInterval(config.resyncInterval());
        });
    replica.set(
        new Replica(
            operator,
            fence,
            leading,
            lease,
            leaderElection.map(LeaderElection::onLeadershipLost).orElse(() -> {})));
    return replica.get();
  }

  /**
   * Readiness: the operator has started, which JOSDK does only once its informers' caches have
   * synced, and every informer is still healthy (watching). A replica that is not the leader is
   * ready too: its caches are warm and it is ready to take over.
   */
  public static boolean isReady(Operator operator) {
    RuntimeInfo info = operator.getRuntimeInfo();
    return info.isStarted() && info.allEventSourcesAreHealthy();
  }
}
