package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console table: status read like the CRD's printer columns, aligned like kubectl. */
class ModelAuditTableTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void readsTheColumnsFromStatus() {
    ModelAudit ready = audit("ml-prod", "fraud-detector");
    ModelAuditStatus status = new ModelAuditStatus();
    status.setConditions(
        List.of(new ConditionBuilder().withType("Ready").withStatus("True").build()));
    status.setAlarmState("ALARM");
    LogGroupStatus group = new LogGroupStatus();
    group.setName("/modelaudit/ml-prod/fraud-detector");
    group.setRetentionInDays(7);
    status.setLogGroup(group);
    ready.setStatus(status);

    assertThat(ModelAuditTable.row(ready, NOW).cells())
        .containsExactly(
            "ml-prod",
            "fraud-detector",
            "True",
            "ALARM",
            "/modelaudit/ml-prod/fraud-detector",
            "7",
            "90s");
  }

  @Test
  void leavesColumnsEmptyWithoutStatus() {
    assertThat(ModelAuditTable.row(audit("ml-prod", "new"), NOW).cells())
        .containsExactly("ml-prod", "new", "", "", "", "", "90s");
  }

  @Test
  void sortsAndAligns() {
    String text =
        ModelAuditTable.render(
            ModelAuditTable.rows(List.of(audit("b", "two"), audit("a", "one")), NOW));

    assertThat(text.lines().toList())
        .containsExactly(
            "NAMESPACE   NAME   READY   ALARM   LOG GROUP   RETENTION   AGE",
            "a           one                                            90s",
            "b           two                                            90s");
  }

  @Test
  void saysSoWhenThereIsNothing() {
    assertThat(ModelAuditTable.render(List.of())).endsWith("(no ModelAudits)\n");
  }

  private static ModelAudit audit(String namespace, String name) {
    ModelAudit audit = new ModelAudit();
    audit.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withCreationTimestamp("2026-01-01T11:58:30Z")
            .build());
    return audit;
  }
}
