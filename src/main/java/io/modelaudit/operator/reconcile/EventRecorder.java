package io.modelaudit.operator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelaudit.operator.status.Reason;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes Kubernetes Events about a ModelAudit, for humans; failures to record are only logged. */
public class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "modelaudit-operator";
  private static final int MAX_MESSAGE = 1024;

  /** Kubernetes' limit on an object name (a DNS subdomain). */
  private static final int MAX_NAME = 253;

  private static final int SUFFIX = 8;

  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata resource, Reason reason, String message) {
    record(resource, "Normal", reason.name(), message);
  }

  public void warning(HasMetadata resource, Reason reason, String message) {
    record(resource, "Warning", reason.name(), message);
  }

  /**
   * A new, unique name for an event about the resource with this name: the name, cut to leave room
   * for a random suffix within an object name's 253 characters (and so that it still ends in a
   * letter or digit), then '.' and the suffix.
   */
  static String eventName(String resourceName) {
    String suffix = UUID.randomUUID().toString().substring(0, SUFFIX);
    String head =
        resourceName.length() <= MAX_NAME - SUFFIX - 1
            ? resourceName
            : resourceName.substring(0, MAX_NAME - SUFFIX - 1).replaceAll("[-.]+$", "");
    return head + "." + suffix;
  }

  private void record(HasMetadata resource, String type, String reason, String message) {
    String now = Instant.now().toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(eventName(resource.getMetadata().getName()))
                  .withNamespace(resource.getMetadata().getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(resource.getApiVersion())
                          .withKind(resource.getKind())
                          .withName(resource.getMetadata().getName())
                          .withNamespace(resource.getMetadata().getNamespace())
                          .withUid(resource.getMetadata().getUid())
                          .withResourceVersion(resource.getMetadata().getResourceVersion())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(text)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .build())
          .create();
    } catch (RuntimeException e) {
      LOG.warn(
          "{}/{}: could not record event {}: {}",
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          reason,
          e.getMessage());
    }
  }
}
