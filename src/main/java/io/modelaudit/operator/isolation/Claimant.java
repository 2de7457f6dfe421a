package io.modelaudit.operator.isolation;

import io.modelaudit.operator.isolation.MetricClaim.Use;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * One ModelAudit as the metric isolation sees it.
 *
 * @param id namespace/name, for messages
 * @param uid the tiebreak between ModelAudits created in the same second
 * @param createdAt metadata.creationTimestamp; null sorts last
 * @param deleting whether it is being deleted: it lets go of its metrics once its cleanup is done
 * @param specValid whether its spec passed validation; an invalid spec asks for nothing new
 * @param wanted what its valid spec asks for; empty when the spec is invalid
 * @param held what its status says it was last made with in AWS
 */
public record Claimant(
    String id,
    String uid,
    Instant createdAt,
    boolean deleting,
    boolean specValid,
    Map<MetricFamily, Use> wanted,
    Map<MetricFamily, Use> held) {

  public Claimant {
    wanted = Map.copyOf(wanted);
    held = Map.copyOf(held);
  }

  /** How it uses the family, if it claims it at all: asked for by its spec or held in AWS. */
  public Optional<Use> use(MetricFamily family) {
    Use asked = wanted.get(family);
    Use has = held.get(family);
    if (asked == Use.PUBLISH || has == Use.PUBLISH) {
      return Optional.of(Use.PUBLISH);
    }
    return Optional.ofNullable(asked != null ? asked : has);
  }

  /**
   * Whether it is letting go of the family: it is being deleted, or it holds the family in AWS
   * while its valid spec no longer asks for it (its next reconcile removes it).
   */
  public boolean isLeaving(MetricFamily family) {
    return deleting || (specValid && held.containsKey(family) && !wanted.containsKey(family));
  }

  /**
   * Who comes first for a family: whoever already holds it in AWS (so an edit never takes a metric
   * from a ModelAudit that is using it), then the oldest, then the smallest uid.
   */
  public static Comparator<Claimant> firstFor(MetricFamily family) {
    return Comparator.<Claimant, Boolean>comparing(c -> !c.held().containsKey(family))
        .thenComparing(Claimant::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Claimant::uid, Comparator.nullsLast(Comparator.naturalOrder()));
  }
}
