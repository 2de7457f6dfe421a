package io.modelaudit.operator.reliability;

import static io.modelaudit.operator.support.FaultyApiDispatcher.anyModelAuditRequest;
import static io.modelaudit.operator.support.FaultyApiDispatcher.modelAuditList;
import static io.modelaudit.operator.support.FaultyApiDispatcher.modelAuditWatch;
import static io.modelaudit.operator.support.FaultyApiDispatcher.resourcePatch;
import static io.modelaudit.operator.support.FaultyApiDispatcher.statusPatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.ExactState;
import io.modelaudit.operator.support.FaultyApiDispatcher;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes API misbehaving: conflicts on status and finalizer patches, watches dropped with
 * events missed in between, and an API server that answers nothing for a while. The operator must
 * recover by itself, without duplicating anything in AWS.
 */
class KubernetesFaultsIT {

  private static final OperatorConfig CONFIG = OperatorHarness.fastConfig();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static InMemoryCloudWatch aws;
  private static FaultyApiDispatcher api;
  private static OperatorHarness harness;

  private final String namespace = "k8s-" + COUNTER.incrementAndGet();
  private final String region = regionOf(namespace);

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    api = new FaultyApiDispatcher();
    harness = OperatorHarness.start(aws, CONFIG, api);
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @AfterEach
  void calmApi() {
    api.clearFaults();
  }

  @Test
  void conflictsOnStatusPatchesAreRetried() {
    int before = api.injectedCount();
    api.fail(statusPatch(), 409, 3);

    List<ModelAudit> audits = create(2);

    awaitReady(audits);
    assertThat(api.injectedCount() - before).as("conflicts answered").isEqualTo(3);
    assertThat(ExactState.differences(aws, region, CONFIG, audits)).isEmpty();
  }

  @Test
  void conflictsOnTheFinalizerPatchAreRetried() {
    int before = api.injectedCount();
    api.fail(resourcePatch(), 409, 2);

    List<ModelAudit> audits = create(1);

    awaitReady(audits);
    assertThat(api.injectedCount() - before).isEqualTo(2);
    assertThat(
            harness
                .get(namespace, audits.get(0).getMetadata().getName())
                .getMetadata()
                .getFinalizers())
        .containsExactly("modelaudit.io/cleanup");
    assertThat(ExactState.differences(aws, region, CONFIG, audits)).isEmpty();
  }

  @Test
  void droppedWatchesWithMissedEventsRecoverThroughARelist() {
    List<ModelAudit> audits = create(1);
    awaitReady(audits);
    String first = audits.get(0).getMetadata().getName();

    // the watch is dropped and cannot come back for a while; what happens meanwhile is missed
    api.failAlways(modelAuditWatch(), 503);
    assertThat(api.dropWatches()).isPositive();
    harness.edit(
        namespace,
        first,
        r -> {
          r.getSpec().getLogGroup().setRetentionInDays(30);
          return r;
        });
    ModelAudit created = Specs.rich(namespace, "during-the-gap");
    io.modelaudit.operator.Fixtures.inRegion(created.getSpec(), region);
    harness.create(created);
    int refusedWatches = api.injectedCount();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.injectedCount() > refusedWatches);

    // when the watch comes back, the API server says its resource version is too old
    api.clearFaults();
    int beforeGone = api.injectedCount();
    api.fail(modelAuditWatch(), 410, 1);

    List<ModelAudit> all = new ArrayList<>(List.of(harness.get(namespace, first), created));
    awaitReady(all);
    assertThat(api.injectedCount()).as("the watch was answered 410 Gone").isEqualTo(beforeGone + 1);
    assertThat(
            aws.logGroup(region, "/modelaudit/" + namespace + "/" + first)
                .orElseThrow()
                .config()
                .retentionInDays())
        .isEqualTo(30);
    assertThat(ExactState.differences(aws, region, CONFIG, all)).isEmpty();
  }

  @Test
  void anApiServerOutageIsSurvived() {
    List<ModelAudit> audits = create(2);
    awaitReady(audits);
    int mutating = aws.mutatingCallCount();

    api.failAlways(anyModelAuditRequest(), 503);
    api.dropWatches();
    int refused = api.injectedCount();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.injectedCount() >= refused + 5);
    api.clearFaults();
    // a relist catches up with whatever the outage hid
    api.fail(modelAuditWatch(), 410, 1);

    String name = audits.get(0).getMetadata().getName();
    harness.edit(
        namespace,
        name,
        r -> {
          r.getSpec().getLogGroup().setRetentionInDays(14);
          return r;
        });
    List<ModelAudit> after = new ArrayList<>(create(1));
    after.add(harness.get(namespace, name));
    after.add(harness.get(namespace, audits.get(1).getMetadata().getName()));
    awaitReady(after);
    assertThat(
            aws.logGroup(region, "/modelaudit/" + namespace + "/" + name)
                .orElseThrow()
                .config()
                .retentionInDays())
        .isEqualTo(14);
    assertThat(ExactState.differences(aws, region, CONFIG, after)).isEmpty();
    assertThat(aws.mutatingCallCount()).isGreaterThan(mutating);
  }

  @Test
  void anOperatorStartingWhileTheApiServerRefusesListsStartsOnceItAnswers() {
    List<ModelAudit> audits = create(1);
    awaitReady(audits);
    harness.stopOperator();

    int before = api.injectedCount();
    api.fail(modelAuditList(), 503, 3);
    harness.startOperator();
    assertThat(api.injectedCount()).as("lists refused").isEqualTo(before + 3);

    List<ModelAudit> more = create(1);
    awaitReady(more);
    awaitReady(audits);
  }

  // ---- helpers ----

  private List<ModelAudit> create(int count) {
    List<ModelAudit> audits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ModelAudit audit = Specs.rich(namespace, "m-" + COUNTER.incrementAndGet());
      io.modelaudit.operator.Fixtures.inRegion(audit.getSpec(), region);
      harness.create(audit);
      audits.add(audit);
    }
    return audits;
  }

  private void awaitReady(List<ModelAudit> audits) {
    for (ModelAudit audit : audits) {
      harness.awaitReady(namespace, audit.getMetadata().getName());
    }
  }

  /**
   * A region of its own for each test, so that exact-state checks see only its resources; a real
   * one, since the operator refuses regions AWS does not have.
   */
  private static String regionOf(String namespace) {
    List<String> regions =
        List.of(
            "eu-south-1",
            "eu-south-2",
            "eu-north-1",
            "eu-west-3",
            "ap-south-1",
            "ap-south-2",
            "ap-east-1",
            "sa-east-1",
            "ca-central-1",
            "me-south-1");
    int n = Integer.parseInt(namespace.substring(namespace.lastIndexOf('-') + 1));
    return regions.get(n % regions.size());
  }
}
