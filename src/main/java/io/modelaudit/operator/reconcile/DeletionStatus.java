package io.modelaudit.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.StatusBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one status write JOSDK does not make for the operator: while a failed cleanup is retried,
 * tells kubectl users why deletion waits. Best effort: the retry happens anyway.
 */
final class DeletionStatus {

  private static final Logger LOG = LoggerFactory.getLogger(DeletionStatus.class);

  private DeletionStatus() {}

  /** The status that says deletion waits for a cleanup that failed with this outcome. */
  static ModelAuditStatus waiting(ModelAudit resource, Outcome failure, String now) {
    Long generation = resource.getMetadata().getGeneration();
    return StatusBuilder.next(
        resource.getStatus(),
        generation == null ? 0L : generation,
        Outcome.progressing(
            ConditionReason.Deleting,
            "Deleting; AWS cleanup failed and is retried, the finalizer stays until it"
                + " succeeds: "
                + failure.message()),
        null,
        false,
        now);
  }

  /** Writes the status unless it is already so. */
  static void write(KubernetesClient client, ModelAudit resource, ModelAuditStatus next) {
    if (StatusBuilder.same(resource.getStatus(), next)) {
      return;
    }
    try {
      client
          .resources(ModelAudit.class)
          .inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName())
          .editStatus(
              latest -> {
                latest.setStatus(next);
                return latest;
              });
    } catch (RuntimeException e) {
      LOG.warn(
          "{}/{}: could not report deletion status: {}",
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          e.toString());
    }
  }
}
