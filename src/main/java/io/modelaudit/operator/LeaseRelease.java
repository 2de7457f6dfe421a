package io.modelaudit.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up the leader-election Lease on shutdown, so that another replica takes over at its next
 * try instead of waiting for the Lease to expire.
 *
 * <p>JOSDK 5.3 runs fabric8's elector with release-on-cancel off and does not expose it, so the
 * operator releases the Lease itself, the way client-go and fabric8 do: holder emptied, lease
 * duration 1 s, renew and acquire time now. The update carries the resourceVersion that was read,
 * so if another replica took the Lease in between, the API server refuses the update (409) rather
 * than erase the new holder.
 */
final class LeaseRelease {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String identity;

  LeaseRelease(KubernetesClient client, String namespace, String name, String identity) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  String identity() {
    return identity;
  }

  String describe() {
    return namespace + "/" + name;
  }

  /** Releases the Lease if this replica holds it; true when it did. Never throws. */
  boolean release() {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      LeaseSpec spec = lease == null ? null : lease.getSpec();
      if (spec == null || !identity.equals(spec.getHolderIdentity())) {
        LOG.info(
            "Lease {} is held by {}, not by {}: nothing to release",
            describe(),
            spec == null ? "nobody" : spec.getHolderIdentity(),
            identity);
        return false;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      spec.setHolderIdentity("");
      spec.setLeaseDurationSeconds(1);
      spec.setAcquireTime(now);
      spec.setRenewTime(now);
      client.leases().inNamespace(namespace).resource(lease).update();
      LOG.info("released Lease {}: another replica can take over at once", describe());
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not release Lease {} ({}); another replica takes over once it expires",
          describe(),
          e.getCode() == 409 ? "it changed meanwhile" : e.getMessage());
      return false;
    }
  }
}
