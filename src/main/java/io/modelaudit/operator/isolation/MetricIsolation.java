package io.modelaudit.operator.isolation;

import io.modelaudit.operator.isolation.MetricClaim.Use;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the tenants' metrics apart: no ModelAudit's events may move another's alarm. A ModelAudit
 * may not publish a metric family another publishes or watches, nor watch one another publishes. Of
 * the ModelAudits that claim a family, the first (see {@link Claimant#firstFor}) keeps it: if it
 * publishes, it alone may use the family; if it only watches, others may watch it too but none may
 * publish it. Pure: the claimants come from the cluster's specs and statuses, never from AWS.
 */
public final class MetricIsolation {

  /**
   * A family this ModelAudit may not have.
   *
   * @param claim the field of this ModelAudit's spec that claims it (the first, publishing first)
   * @param use how this ModelAudit would use it
   * @param holder the ModelAudit that keeps it
   * @param holderUse how the holder uses it
   * @param holderLeaving whether the holder is letting go of it, so waiting helps
   */
  public record Conflict(
      MetricClaim claim, Use use, Claimant holder, Use holderUse, boolean holderLeaving) {

    public MetricFamily family() {
      return claim.family();
    }

    /** "spec.metricFilters[0].metric: ... is already published by ModelAudit a/b; ...". */
    public String message(Optional<String> ownNamespace) {
      String metric = claim.field() + ": " + family().describe();
      String held =
          holderUse == Use.PUBLISH
              ? " is already published by ModelAudit " + holder.id()
              : " is watched by an alarm of ModelAudit " + holder.id();
      if (holderLeaving) {
        return metric
            + held
            + ", which is "
            + (holder.deleting() ? "being deleted" : "removing it")
            + "; waiting until it has let go";
      }
      String why =
          use == Use.PUBLISH
              ? holderUse == Use.PUBLISH
                  ? ": two ModelAudits may not publish the same metric, as each one's events would"
                      + " move the other's alarms"
                  : ": publishing it would let this ModelAudit's events move that alarm"
              : ": an alarm may not watch a metric another ModelAudit publishes";
      String fix =
          use == Use.PUBLISH ? "; publish a metric of your own" : "; watch a metric of your own";
      return metric
          + held
          + why
          + fix
          + ownNamespace.map(ns -> " (e.g. in metric namespace " + ns + ")").orElse("");
    }
  }

  private MetricIsolation() {}

  /**
   * The families of these claims that this ModelAudit may not have, one conflict per family, in the
   * order of the claims.
   *
   * @param me this ModelAudit
   * @param claims what its spec claims
   * @param claimants every ModelAudit that may claim a family (this one included or not)
   */
  public static List<Conflict> conflicts(
      Claimant me,
      List<MetricClaim> claims,
      Function<MetricFamily, ? extends Collection<Claimant>> claimants) {
    Map<MetricFamily, MetricClaim> byFamily = new LinkedHashMap<>();
    claims.stream()
        .sorted((a, b) -> a.use() == b.use() ? 0 : a.use() == Use.PUBLISH ? -1 : 1)
        .forEach(c -> byFamily.putIfAbsent(c.family(), c));
    Map<MetricFamily, Use> uses = MetricClaims.uses(claims);
    List<Conflict> conflicts = new ArrayList<>();
    for (MetricClaim claim : orderOfSpec(claims, byFamily)) {
      MetricFamily family = claim.family();
      Use use = uses.get(family);
      List<Claimant> all = new ArrayList<>();
      all.add(me);
      for (Claimant other : claimants.apply(family)) {
        if (!Objects.equals(other.uid(), me.uid()) && other.use(family).isPresent()) {
          all.add(other);
        }
      }
      Claimant first = all.stream().min(Claimant.firstFor(family)).orElseThrow();
      if (first == me) {
        continue;
      }
      Use firstUse = first.use(family).orElseThrow();
      if (firstUse == Use.PUBLISH || use == Use.PUBLISH) {
        conflicts.add(new Conflict(claim, use, first, firstUse, first.isLeaving(family)));
      }
    }
    return conflicts;
  }

  /** One claim per family, in the order the families first appear in the spec. */
  private static List<MetricClaim> orderOfSpec(
      List<MetricClaim> claims, Map<MetricFamily, MetricClaim> byFamily) {
    List<MetricClaim> ordered = new ArrayList<>();
    for (MetricClaim claim : claims) {
      MetricClaim chosen = byFamily.remove(claim.family());
      if (chosen != null) {
        ordered.add(chosen);
      }
    }
    return ordered;
  }
}
