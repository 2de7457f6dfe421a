package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.isolation.Claimant;
import io.modelaudit.operator.isolation.MetricClaim;
import io.modelaudit.operator.isolation.MetricClaims;
import io.modelaudit.operator.isolation.MetricFamily;
import io.modelaudit.operator.isolation.MetricIsolation;
import io.modelaudit.operator.isolation.MetricIsolation.Conflict;
import io.modelaudit.operator.part.Home;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster-wide view the metric isolation needs, taken from the controller's own cache of
 * ModelAudits: an index from each metric family to the ModelAudits whose spec or status claims it.
 * Looking up who else claims a family reads that cache only, never AWS.
 */
final class MetricClaimants {

  /** Name of the index on the controller's cache of ModelAudits. */
  static final String INDEX = "modelaudit.io/metric-families";

  /** What a ModelAudit's spec asks for, computed once per generation. */
  private record Wanted(long generation, boolean valid, List<MetricClaim> claims) {}

  private final Derivation derivation;
  private final OperatorConfig config;
  private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();
  private volatile IndexedResourceCache<ModelAudit> cache;

  MetricClaimants(Derivation derivation, OperatorConfig config) {
    this.derivation = derivation;
    this.config = config;
  }

  /** Adds the index to the controller's cache; JOSDK allows it only before the cache starts. */
  void attach(IndexerResourceCache<ModelAudit> primaryCache) {
    primaryCache.addIndexer(INDEX, this::indexKeys);
    this.cache = primaryCache;
  }

  /**
   * The families this valid ModelAudit may not have, because another ModelAudit keeps them. Empty
   * before the index is attached (a reconciler used outside JOSDK sees no other ModelAudit).
   */
  List<Conflict> conflicts(ModelAudit resource) {
    IndexedResourceCache<ModelAudit> current = cache;
    if (current == null) {
      return List.of();
    }
    List<MetricClaim> claims = derivation.metricClaims(resource, region(resource));
    if (claims.isEmpty()) {
      return List.of();
    }
    Claimant me = claimant(resource);
    return MetricIsolation.conflicts(
        me,
        claims,
        family ->
            current.byIndex(INDEX, family.key()).stream()
                .filter(other -> !uid(other).equals(me.uid()))
                .map(this::claimant)
                .toList());
  }

  /**
   * The families this ModelAudit is letting go of: those it holds in AWS that its valid spec no
   * longer asks for, or all it claims while it is being deleted.
   */
  Set<MetricFamily> released(ModelAudit resource) {
    Claimant claimant = claimant(resource);
    Set<MetricFamily> families = new LinkedHashSet<>();
    for (MetricFamily held : claimant.held().keySet()) {
      if (claimant.isLeaving(held)) {
        families.add(held);
      }
    }
    if (claimant.deleting()) {
      families.addAll(claimant.wanted().keySet());
    }
    return families;
  }

  /** The other ModelAudits that claim any of these families. */
  List<ModelAudit> othersClaiming(ModelAudit resource, Collection<MetricFamily> families) {
    IndexedResourceCache<ModelAudit> current = cache;
    if (current == null || families.isEmpty()) {
      return List.of();
    }
    Map<String, ModelAudit> others = new LinkedHashMap<>();
    for (MetricFamily family : families) {
      for (ModelAudit other : current.byIndex(INDEX, family.key())) {
        if (!uid(other).equals(uid(resource))) {
          others.putIfAbsent(uid(other), other);
        }
      }
    }
    return new ArrayList<>(others.values());
  }

  /** Drops what was remembered of a ModelAudit that is gone. */
  void forget(ModelAudit resource) {
    wanted.remove(uid(resource));
  }

  /** The index's keys of a ModelAudit: every family its spec or status names. Never throws. */
  private List<String> indexKeys(ModelAudit resource) {
    try {
      Set<String> keys = new LinkedHashSet<>();
      derivation.metricClaims(resource, region(resource)).forEach(c -> keys.add(c.family().key()));
      held(resource).keySet().forEach(f -> keys.add(f.key()));
      return List.copyOf(keys);
    } catch (RuntimeException e) {
      // a resource the index cannot read claims nothing; the informer must go on
      return List.of();
    }
  }

  private Claimant claimant(ModelAudit resource) {
    Wanted asked = wanted(resource);
    return new Claimant(
        resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName(),
        uid(resource),
        createdAt(resource),
        resource.getMetadata().getDeletionTimestamp() != null,
        asked.valid(),
        asked.valid() ? MetricClaims.uses(asked.claims()) : Map.of(),
        held(resource));
  }

  private Wanted wanted(ModelAudit resource) {
    long generation =
        resource.getMetadata().getGeneration() == null
            ? 0L
            : resource.getMetadata().getGeneration();
    return wanted.compute(
        uid(resource),
        (uid, known) ->
            known != null && known.generation() == generation
                ? known
                : new Wanted(
                    generation,
                    derivation.violations(resource).isEmpty(),
                    derivation.metricClaims(resource, region(resource))));
  }

  /** Where the spec's metrics live: the region, of the account the namespace is mapped to. */
  private String region(ModelAudit resource) {
    return derivation.metricScope(resource);
  }

  /**
   * The families status says the ModelAudit holds, in the account its resources live in (the home
   * recorded before its first write), so that they compare with the claims of its spec.
   */
  private Map<MetricFamily, MetricClaim.Use> held(ModelAudit resource) {
    Map<MetricFamily, MetricClaim.Use> held =
        MetricClaims.ofStatus(resource.getStatus(), config.defaultRegion());
    String account = Home.of(resource).map(Home::account).orElse(null);
    if (account == null) {
      return held;
    }
    Map<MetricFamily, MetricClaim.Use> scoped = new LinkedHashMap<>();
    held.forEach(
        (family, use) ->
            scoped.put(
                MetricFamily.of(
                    Derivation.metricScope(family.region(), account),
                    family.namespace(),
                    family.name(),
                    family.dimensionNames()),
                use));
    return scoped;
  }

  private static Instant createdAt(ModelAudit resource) {
    String created = resource.getMetadata().getCreationTimestamp();
    if (created == null) {
      return null;
    }
    try {
      return Instant.parse(created);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String uid(ModelAudit resource) {
    String uid = resource.getMetadata().getUid();
    return uid != null
        ? uid
        : resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /** The metric namespace the policy gives this ModelAudit's namespace first, for messages. */
  Optional<String> ownMetricNamespace(ModelAudit resource) {
    return config.alarmMetricNamespacesFor(resource.getMetadata().getNamespace()).stream()
        .filter(ns -> !ns.equals("*"))
        .findFirst();
  }
}
