package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import org.junit.jupiter.api.Test;

/** JOSDK hands the reconciler a clone; the clone must still know what could not be read. */
class ModelAuditClonerTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void theCloneKeepsTheUnreadableFields() {
    ModelAudit original =
        serialization.unmarshal(
            """
            {"apiVersion": "modelaudit.io/v1alpha1", "kind": "ModelAudit",
             "metadata": {"name": "x", "namespace": "ns"},
             "spec": {"tags": ["a", "b"], "deletionPolicy": "Delete"}}
            """,
            ModelAudit.class);

    ModelAudit plainClone = serialization.clone(original);
    ModelAudit clone = new ModelAuditCloner(serialization).clone(original);

    assertThat(plainClone.getSpec().getUnreadableFields())
        .as("the record is not part of the JSON")
        .isEmpty();
    assertThat(clone.getSpec().getUnreadableFields())
        .isEqualTo(original.getSpec().getUnreadableFields())
        .hasSize(1);
    assertThat(clone.getSpec().getDeletionPolicy()).isEqualTo("Delete");
    assertThat(clone).isNotSameAs(original);
  }
}
