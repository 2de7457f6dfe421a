package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.connection.ConnectionDetails;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection ConfigMap of each Ready ModelAudit: it appears with what a model's pods need,
 * follows spec edits, is put back when changed or deleted by hand, and goes with its ModelAudit. A
 * ConfigMap of that name that is not the ModelAudit's is never touched.
 */
class ConnectionConfigMapIT {

  private static final String NS = "ml-prod";
  private static final String NAME = "fraud-detector";
  private static final String CONFIG_MAP = "fraud-detector-modelaudit";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private OperatorHarness harness;

  @BeforeEach
  void start() {
    harness = OperatorHarness.start(new InMemoryCloudWatch(), OperatorHarness.fastConfig());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void appearsFollowsEditsIsRepairedAndGoesWithItsModelAudit() {
    harness.create(Fixtures.example(Fixtures.SEED_EXAMPLE));
    ModelAudit ready = harness.awaitReady(NS, NAME);

    ConfigMap connection = awaitConfigMap(c -> c != null);
    assertThat(connection.getData())
        .containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("MODELAUDIT_LOG_GROUP", "/modelaudit/ml-prod/fraud-detector")
        .containsEntry("MODELAUDIT_LOG_STREAM", "inference")
        .containsEntry("MODELAUDIT_LOG_STREAMS", "inference")
        .containsEntry("MODELAUDIT_EVENT_SCHEMA_VERSION", ConnectionDetails.EVENT_SCHEMA_VERSION)
        .containsEntry("MODELAUDIT_MODEL_NAME", "fraud-detector")
        .containsEntry("MODELAUDIT_MODEL_VERSION", "3.2")
        .doesNotContainKey("MODELAUDIT_AWS_ACCOUNT");
    assertThat(connection.getData().get(ConnectionDetails.FLUENT_BIT))
        .contains("Name              cloudwatch_logs")
        .contains("log_group_name    /modelaudit/ml-prod/fraud-detector")
        .contains("log_stream_name   inference");
    assertThat(connection.getData().get(ConnectionDetails.OTEL_COLLECTOR))
        .contains("awscloudwatchlogs/modelaudit:")
        .contains("log_group_name: \"/modelaudit/ml-prod/fraud-detector\"");
    OwnerReference owner = connection.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("ModelAudit");
    assertThat(owner.getUid()).isEqualTo(ready.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(connection.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "modelaudit-operator");

    // follows edits of the spec
    harness.edit(
        NS,
        NAME,
        r -> {
          r.getSpec().setLogStreams(new ArrayList<>(List.of("predictions", "inference")));
          r.getSpec().getModel().setVersion("3.3");
          return r;
        });
    harness.awaitReady(NS, NAME);
    awaitConfigMap(
        c ->
            "predictions".equals(c.getData().get("MODELAUDIT_LOG_STREAM"))
                && "predictions,inference".equals(c.getData().get("MODELAUDIT_LOG_STREAMS"))
                && "3.3".equals(c.getData().get("MODELAUDIT_MODEL_VERSION")));

    // a change made by hand is put back
    harness
        .client()
        .configMaps()
        .inNamespace(NS)
        .withName(CONFIG_MAP)
        .edit(
            c -> {
              c.getData().put("MODELAUDIT_LOG_GROUP", "/somewhere/else");
              return c;
            });
    awaitConfigMap(
        c -> "/modelaudit/ml-prod/fraud-detector".equals(c.getData().get("MODELAUDIT_LOG_GROUP")));

    // and so is a deletion by hand
    harness.client().configMaps().inNamespace(NS).withName(CONFIG_MAP).delete();
    awaitConfigMap(c -> c != null);

    // it goes with its ModelAudit (the mock API server has no garbage collector: the operator
    // deletes it at cleanup)
    harness.delete(NS, NAME);
    harness.awaitGone(NS, NAME);
    awaitConfigMap(c -> c == null);
  }

  @Test
  void aConfigMapOfThatNameThatIsNotTheModelAuditsIsLeftAlone() {
    harness
        .client()
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(CONFIG_MAP)
                .withNamespace(NS)
                .endMetadata()
                .withData(Map.of("mine", "yes"))
                .build())
        .create();

    harness.create(Fixtures.example(Fixtures.SEED_EXAMPLE));
    harness.awaitReady(NS, NAME);

    await()
        .atMost(WAIT)
        .until(
            () ->
                harness.events(NS, NAME).stream()
                    .anyMatch(e -> e.getMessage().contains("is not this ModelAudit's")));
    assertThat(configMap().getData()).isEqualTo(Map.of("mine", "yes"));

    harness.delete(NS, NAME);
    harness.awaitGone(NS, NAME);
    assertThat(configMap()).isNotNull();
  }

  private ConfigMap configMap() {
    return harness.client().configMaps().inNamespace(NS).withName(CONFIG_MAP).get();
  }

  private ConfigMap awaitConfigMap(java.util.function.Predicate<ConfigMap> test) {
    ConfigMap[] last = new ConfigMap[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              last[0] = configMap();
              return test.test(last[0]);
            });
    return last[0];
  }
}
