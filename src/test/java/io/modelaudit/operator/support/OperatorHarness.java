package io.modelaudit.operator.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.ModelAuditOperator;
import io.modelaudit.operator.Replica;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.status.Conditions;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The operator running in JOSDK against fabric8's CRUD mock API server (127.0.0.1, free port) with
 * the generated CRD installed, and a CloudWatch implementation of the test's choice.
 */
public final class OperatorHarness implements AutoCloseable {

  /** The checked-in CRD, as users install it. */
  public static final Path CRD = Path.of("crds", "modelaudits.modelaudit.io-v1.yml");

  /** The checked-in CRD of the cluster-scoped account mapping. */
  public static final Path ACCOUNTS_CRD =
      Path.of("crds", "modelauditaccounts.modelaudit.io-v1.yml");

  /**
   * A configuration with short inventory periods and retry delays, and ten times AWS's quotas as
   * rate limits, so scenarios run in seconds. The full per-resource resync stays long, so only the
   * batched inventory reads run in steady state.
   */
  public static OperatorConfig fastConfig() {
    return Fixtures.config()
        .withInventoryIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1))
        .withRetryDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
        .withRateLimitsScaled(10);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final CloudWatchGateways gateways;
  private final OperatorConfig config;
  private final List<Replica> extraOperators = new CopyOnWriteArrayList<>();
  private final Metrics metrics;
  private Operator operator;

  private OperatorHarness(
      CloudWatchGateways gateways,
      OperatorConfig config,
      Metrics metrics,
      KubernetesCrudDispatcher dispatcher) {
    this.gateways = gateways;
    this.config = config;
    this.metrics = metrics;
    this.server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.client = server.createClient();
    installCrd(client);
  }

  /** Starts the API server, installs the CRD and starts the operator. */
  public static OperatorHarness start(CloudWatchGateways gateways, OperatorConfig config) {
    return start(gateways, config, Metrics.NOOP);
  }

  /** As {@link #start(CloudWatchGateways, OperatorConfig)}, reporting JOSDK's metrics. */
  public static OperatorHarness start(
      CloudWatchGateways gateways, OperatorConfig config, Metrics metrics) {
    OperatorHarness harness =
        new OperatorHarness(gateways, config, metrics, new LeaseGrantingCrudDispatcher());
    harness.startOperator();
    return harness;
  }

  /**
   * Like {@link #start(CloudWatchGateways, OperatorConfig)} with a dispatcher of the test's choice,
   * e.g. a {@link FaultyApiDispatcher} that makes the API server fail on purpose.
   */
  public static OperatorHarness start(
      CloudWatchGateways gateways, OperatorConfig config, KubernetesCrudDispatcher dispatcher) {
    OperatorHarness harness = new OperatorHarness(gateways, config, Metrics.NOOP, dispatcher);
    harness.startOperator();
    return harness;
  }

  /**
   * Starts the API server and installs the CRD, without an operator: the test starts its own with
   * {@link #startOperator(CloudWatchGateways, Optional, MeterRegistry)}.
   */
  public static OperatorHarness apiServerOnly(OperatorConfig config) {
    return new OperatorHarness(null, config, null, new LeaseGrantingCrudDispatcher());
  }

  /**
   * Starts the API server and installs the CRD; the operator waits for {@link #startOperator()}.
   */
  public static OperatorHarness createStopped(
      CloudWatchGateways gateways, OperatorConfig config, Metrics metrics) {
    return new OperatorHarness(gateways, config, metrics, new LeaseGrantingCrudDispatcher());
  }

  /** Installs the checked-in CRDs through the API, as kubectl apply would. */
  public static void installCrd(KubernetesClient client) {
    for (Path file : List.of(CRD, ACCOUNTS_CRD)) {
      try (InputStream in = new FileInputStream(file.toFile())) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public void startOperator() {
    operator =
        ModelAuditOperator.create(
            client,
            Objects.requireNonNull(gateways, "this harness has no CloudWatch of its own"),
            config,
            Optional.empty(),
            new SimpleMeterRegistry(),
            metrics == Metrics.NOOP ? null : metrics);
    operator.start();
  }

  /**
   * Builds and starts one more operator on this API server, with the harness's configuration and
   * its own CloudWatch, leader election and registry; {@link #close()} stops it unless the test did
   * with {@link #stopOperator(Operator)}. Returns once its informers have synced.
   */
  public Operator startOperator(
      CloudWatchGateways cloudWatch,
      Optional<ModelAuditOperator.LeaderElection> leaderElection,
      MeterRegistry registry) {
    return startReplica(cloudWatch, leaderElection, registry).operator();
  }

  /**
   * As {@link #startOperator(CloudWatchGateways, Optional, MeterRegistry)}, returning the replica,
   * which {@link #shutDown(Replica)} stops the way SIGTERM does in production.
   */
  public Replica startReplica(
      CloudWatchGateways cloudWatch,
      Optional<ModelAuditOperator.LeaderElection> leaderElection,
      MeterRegistry registry) {
    Replica started =
        ModelAuditOperator.assemble(client, cloudWatch, config, leaderElection, registry, null);
    extraOperators.add(started);
    started.start();
    return started;
  }

  /**
   * Stops an operator started with {@link #startOperator(CloudWatchGateways, Optional,
   * MeterRegistry)} abruptly: JOSDK's stop, without the graceful shutdown (no Lease release).
   */
  public void stopOperator(Operator started) {
    extraOperators.stream()
        .filter(r -> r.operator() == started)
        .findFirst()
        .filter(extraOperators::remove)
        .ifPresent(r -> r.operator().stop());
  }

  /** Stops a replica as SIGTERM does in production: drain, release the Lease, stop. */
  public Replica.ShutdownResult shutDown(Replica replica) {
    extraOperators.remove(replica);
    return replica.shutdown(Duration.ofSeconds(20));
  }

  /** Stops the operator, e.g. to simulate a crash; {@link #startOperator()} starts a new one. */
  public void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  public ModelAudit create(ModelAudit audit) {
    return client.resource(audit).create();
  }

  /**
   * Changes the spec as kubectl edit would; the server bumps metadata.generation. Like kubectl, it
   * reads again and retries when the operator changed the object meanwhile (409 Conflict): the
   * operator writes status, and once the annotations recording where its resources live.
   */
  public ModelAudit edit(String namespace, String name, UnaryOperator<ModelAudit> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .resources(ModelAudit.class)
            .inNamespace(namespace)
            .withName(name)
            .edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  public ModelAudit get(String namespace, String name) {
    return client.resources(ModelAudit.class).inNamespace(namespace).withName(name).get();
  }

  public void delete(String namespace, String name) {
    client.resources(ModelAudit.class).inNamespace(namespace).withName(name).delete();
  }

  /** Waits until the resource is Ready for its current generation. */
  public ModelAudit awaitReady(String namespace, String name) {
    return awaitStatus(
        namespace,
        name,
        r ->
            r.getStatus() != null
                && r.getStatus().getObservedGeneration() != null
                && r.getStatus().getObservedGeneration().equals(r.getMetadata().getGeneration())
                && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY));
  }

  /** Waits until the condition of this type is True with this reason. */
  public ModelAudit awaitCondition(String namespace, String name, String type, String reason) {
    return awaitStatus(
        namespace,
        name,
        r ->
            r.getStatus() != null
                && Conditions.find(r.getStatus().getConditions(), type)
                    .filter(c -> Conditions.TRUE.equals(c.getStatus()))
                    .map(Condition::getReason)
                    .filter(reason::equals)
                    .isPresent());
  }

  public ModelAudit awaitStatus(String namespace, String name, Predicate<ModelAudit> test) {
    return awaitStatus(namespace, name, test, Duration.ofSeconds(30));
  }

  /** Waits until the resource is Ready for its current generation, at most this long. */
  public ModelAudit awaitReady(String namespace, String name, Duration atMost) {
    return awaitStatus(
        namespace,
        name,
        r ->
            r.getStatus() != null
                && r.getStatus().getObservedGeneration() != null
                && r.getStatus().getObservedGeneration().equals(r.getMetadata().getGeneration())
                && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY),
        atMost);
  }

  public ModelAudit awaitStatus(
      String namespace, String name, Predicate<ModelAudit> test, Duration atMost) {
    ModelAudit[] last = new ModelAudit[1];
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                last[0] = get(namespace, name);
                return last[0] != null && test.test(last[0]);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "timed out waiting for "
              + namespace
              + "/"
              + name
              + "; last seen:\n"
              + (last[0] == null ? "nothing" : Serialization.asYaml(last[0])),
          e);
    }
    return last[0];
  }

  public void awaitGone(String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(namespace, name) == null);
  }

  /**
   * The CRUD dispatcher, plus an answer to SelfSubjectRulesReview that grants the Lease verbs:
   * JOSDK checks them before it runs leader election, and the CRUD mode would only echo the
   * request.
   */
  private static final class LeaseGrantingCrudDispatcher extends KubernetesCrudDispatcher {

    private static final String RULES_REVIEWS =
        "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      if (!request.getPath().startsWith(RULES_REVIEWS)) {
        return super.handleCreate(request);
      }
      SelfSubjectRulesReview review =
          Serialization.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class);
      review.setStatus(
          new SubjectRulesReviewStatusBuilder()
              .withIncomplete(false)
              .addNewResourceRule()
              .withApiGroups("coordination.k8s.io")
              .withResources("leases")
              .withVerbs("get", "create", "update")
              .endResourceRule()
              .build());
      return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
    }
  }

  /** Events recorded about this resource, oldest first. */
  public List<Event> events(String namespace, String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Override
  public void close() {
    try {
      stopOperator();
      extraOperators.forEach(r -> r.shutdown(Duration.ofSeconds(5)));
    } finally {
      client.close();
      server.destroy();
    }
  }
}
