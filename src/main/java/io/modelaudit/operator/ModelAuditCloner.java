package io.modelaudit.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;

/**
 * Clones resources through JSON as JOSDK does by default, and carries over what the lenient reading
 * of a ModelAudit's spec found unreadable: that record is not part of the JSON, and without it a
 * clone of a spec with a wrong-typed field would look valid to the reconciler.
 */
final class ModelAuditCloner implements Cloner {

  private final KubernetesSerialization serialization;

  ModelAuditCloner(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = serialization.clone(object);
    if (object instanceof ModelAudit original
        && copy instanceof ModelAudit cloned
        && original.getSpec() != null
        && cloned.getSpec() != null) {
      cloned.getSpec().setUnreadableFields(original.getSpec().getUnreadableFields());
    }
    return copy;
  }
}
