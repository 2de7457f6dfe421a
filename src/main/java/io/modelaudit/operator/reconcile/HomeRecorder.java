package io.modelaudit.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.part.Home;
import java.util.HashMap;
import java.util.Map;

/**
 * Records where a ModelAudit's resources are made (see {@link Home}) in its annotations, before the
 * first write to AWS: a record that survives a lost or erased status. A failure to record stops the
 * reconcile before any AWS write; it is retried like any transient failure.
 */
public class HomeRecorder {

  private final KubernetesClient client;

  public HomeRecorder(KubernetesClient client) {
    this.client = client;
  }

  /** Writes the annotations unless the resource already carries them, and updates the copy. */
  public void record(ModelAudit resource, Home home) {
    if (home.isRecordedIn(resource)) {
      return;
    }
    Map<String, Object> patch = Map.of("metadata", Map.of("annotations", home.annotations()));
    client
        .resources(ModelAudit.class)
        .inNamespace(resource.getMetadata().getNamespace())
        .withName(resource.getMetadata().getName())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            client.getKubernetesSerialization().asJson(patch));
    Map<String, String> annotations =
        resource.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(resource.getMetadata().getAnnotations());
    annotations.putAll(home.annotations());
    resource.getMetadata().setAnnotations(annotations);
  }
}
