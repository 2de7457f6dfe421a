package io.modelaudit.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.connection.ConnectionDetails;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.status.EventReason;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection ConfigMap of each Ready ModelAudit, in its namespace: what its model's pods mount
 * or take as environment to send events to the log group (see {@link ConnectionDetails}).
 *
 * <p>A step of its own rather than a part: parts are AWS resources, observed and written through
 * the CloudWatch port (rate-limited, fenced, listed by the inventory), while this is a Kubernetes
 * object the API server holds, watched by an informer and garbage-collected with its owner. It is
 * written only once the AWS parts are Ready, so it never names a log group that does not exist.
 *
 * <p>It is the ModelAudit's through an ownerReference (Kubernetes deletes it with its owner; the
 * operator also deletes it at cleanup, for API servers without a garbage collector). A ConfigMap of
 * that name that is not this ModelAudit's is never changed.
 */
final class ConnectionConfigMaps {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionConfigMaps.class);

  private final ReconcileEvents events;
  private volatile InformerEventSource<ConfigMap, ModelAudit> source;

  ConnectionConfigMaps(ReconcileEvents events) {
    this.events = events;
  }

  /**
   * The informer of the operator's connection ConfigMaps (by their labels, in the namespaces the
   * controller watches): a change or deletion of one reconciles its owner, which puts it back.
   */
  InformerEventSource<ConfigMap, ModelAudit> eventSource(EventSourceContext<ModelAudit> context) {
    InformerEventSourceConfiguration<ConfigMap> configuration =
        InformerEventSourceConfiguration.from(ConfigMap.class, ModelAudit.class)
            .withName("connection-configmaps")
            .withLabelSelector(ConnectionDetails.SELECTOR)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ModelAudit.class, false))
            .withNamespacesInheritedFromController()
            .build();
    source = new InformerEventSource<>(configuration, context);
    return source;
  }

  /** Creates or updates the ConfigMap of a Ready ModelAudit; a failure is logged, not thrown. */
  void apply(ModelAudit resource, DesiredState desired, Context<ModelAudit> context) {
    KubernetesClient client = context.getClient();
    ConfigMap want = build(resource, desired);
    String name = want.getMetadata().getName();
    String namespace = resource.getMetadata().getNamespace();
    try {
      Optional<ConfigMap> have =
          context.getSecondaryResources(ConfigMap.class).stream()
              .filter(c -> name.equals(c.getMetadata().getName()))
              .findFirst();
      if (have.isPresent() && same(have.get(), want)) {
        return;
      }
      if (have.isEmpty()) {
        create(client, resource, want);
      } else {
        update(client, resource, have.get(), want);
      }
    } catch (KubernetesClientException e) {
      LOG.warn(
          "{}/{}: could not write ConfigMap {}, trying again at the next reconcile: {}",
          namespace,
          resource.getMetadata().getName(),
          name,
          e.getMessage());
    }
  }

  /** Deletes the ModelAudit's ConfigMap, if it is this ModelAudit's. */
  void delete(KubernetesClient client, ModelAudit resource) {
    String namespace = resource.getMetadata().getNamespace();
    String name = ConnectionDetails.configMapName(resource.getMetadata().getName());
    try {
      ConfigMap have = client.configMaps().inNamespace(namespace).withName(name).get();
      if (have != null && ownedBy(have, resource)) {
        client.configMaps().inNamespace(namespace).withName(name).delete();
        LOG.info("{}/{}: deleted ConfigMap {}", namespace, resource.getMetadata().getName(), name);
      }
    } catch (KubernetesClientException e) {
      // Kubernetes' garbage collector deletes it with its owner anyway
      LOG.warn("{}: could not delete ConfigMap {}: {}", namespace, name, e.getMessage());
    }
  }

  private void create(KubernetesClient client, ModelAudit resource, ConfigMap want) {
    String namespace = resource.getMetadata().getNamespace();
    try {
      ConfigMap created = client.configMaps().inNamespace(namespace).resource(want).create();
      recordOwnWrite(resource, created, null);
      events.normal(
          resource,
          EventReason.Created,
          "ConfigMap " + want.getMetadata().getName() + " with the connection details for pods");
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // not in the cache: someone else's, or ours and the cache has not seen it yet
      ConfigMap existing =
          client.configMaps().inNamespace(namespace).withName(want.getMetadata().getName()).get();
      if (existing != null && ownedBy(existing, resource)) {
        update(client, resource, existing, want);
      } else if (existing != null) {
        events.warning(
            resource,
            EventReason.Kept,
            "ConfigMap "
                + want.getMetadata().getName()
                + " exists and is not this ModelAudit's; it is left alone and no connection"
                + " details are written: rename or remove it");
      }
    }
  }

  private void update(
      KubernetesClient client, ModelAudit resource, ConfigMap have, ConfigMap want) {
    if (!ownedBy(have, resource)) {
      return;
    }
    ConfigMap next =
        new ConfigMapBuilder(have)
            .editMetadata()
            .addToLabels(want.getMetadata().getLabels())
            .withOwnerReferences(want.getMetadata().getOwnerReferences())
            .endMetadata()
            .withData(want.getData())
            .build();
    ConfigMap updated =
        client
            .configMaps()
            .inNamespace(resource.getMetadata().getNamespace())
            .resource(next)
            .update();
    recordOwnWrite(resource, updated, have);
    events.normal(
        resource,
        EventReason.Updated,
        "ConfigMap " + want.getMetadata().getName() + " to the current connection details");
  }

  /** Tells the informer of a write of ours, so that it does not reconcile again for it. */
  private void recordOwnWrite(ModelAudit resource, ConfigMap written, ConfigMap previous) {
    InformerEventSource<ConfigMap, ModelAudit> informer = source;
    if (informer == null || written == null) {
      return;
    }
    ResourceID id = ResourceID.fromResource(resource);
    if (previous == null) {
      informer.handleRecentResourceCreate(id, written);
    } else {
      informer.handleRecentResourceUpdate(id, written, previous);
    }
  }

  /** The ConfigMap the ModelAudit should have. */
  static ConfigMap build(ModelAudit resource, DesiredState desired) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ConnectionDetails.configMapName(resource.getMetadata().getName()))
        .withNamespace(resource.getMetadata().getNamespace())
        .withLabels(
            Map.of(
                ConnectionDetails.MANAGED_BY_LABEL,
                ConnectionDetails.MANAGED_BY,
                ConnectionDetails.COMPONENT_LABEL,
                ConnectionDetails.COMPONENT))
        .withOwnerReferences(owner(resource))
        .endMetadata()
        .withData(ConnectionDetails.data(desired, resource.getSpec()))
        .build();
  }

  private static OwnerReference owner(ModelAudit resource) {
    return new OwnerReferenceBuilder()
        .withApiVersion(resource.getApiVersion())
        .withKind(resource.getKind())
        .withName(resource.getMetadata().getName())
        .withUid(resource.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }

  private static boolean ownedBy(ConfigMap configMap, ModelAudit resource) {
    return configMap.getMetadata().getOwnerReferences() != null
        && configMap.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> Objects.equals(o.getUid(), resource.getMetadata().getUid()));
  }

  private static boolean same(ConfigMap have, ConfigMap want) {
    Map<String, String> labels =
        have.getMetadata().getLabels() == null ? Map.of() : have.getMetadata().getLabels();
    return Objects.equals(have.getData(), want.getData())
        && labels.entrySet().containsAll(want.getMetadata().getLabels().entrySet())
        && Objects.equals(
            have.getMetadata().getOwnerReferences(), want.getMetadata().getOwnerReferences());
  }
}
