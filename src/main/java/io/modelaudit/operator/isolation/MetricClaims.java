package io.modelaudit.operator.isolation;

import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.MetricClaimStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.isolation.MetricClaim.Use;
import io.modelaudit.operator.profiles.PresetExpansion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metric families a ModelAudit claims: from its spec (what it asks for) and from its status
 * (what it was last made with in AWS). Pure, and lenient: a spec too broken to validate still
 * yields the claims its readable parts make, and nothing here throws.
 */
public final class MetricClaims {

  private static final Comparator<MetricClaimStatus> ORDER =
      Comparator.comparing(MetricClaimStatus::getNamespace)
          .thenComparing(MetricClaimStatus::getName)
          .thenComparing(c -> String.join("\u001f", c.getDimensionNames()));

  private MetricClaims() {}

  /** Every filter's metric (publish) and every alarm's metric (watch), in the spec's order. */
  public static List<MetricClaim> ofSpec(ModelAuditSpec spec, String region) {
    return ofSpec(spec, region, null);
  }

  /**
   * As {@link #ofSpec(ModelAuditSpec, String)}, with the filters spec.presets adds (publish, at the
   * field spec.presets.&lt;preset&gt;) and the metrics of alarms' metrics entries (watch).
   *
   * @param presetMetricNamespace where the presets' metrics go; null leaves presets out
   */
  public static List<MetricClaim> ofSpec(
      ModelAuditSpec spec, String region, String presetMetricNamespace) {
    List<MetricClaim> claims = new ArrayList<>();
    if (spec == null || region == null) {
      return claims;
    }
    List<MetricFilterSpec> filters = spec.getMetricFilters();
    for (int i = 0; filters != null && i < filters.size(); i++) {
      MetricTransformationSpec metric = filters.get(i) == null ? null : filters.get(i).getMetric();
      if (metric != null && metric.getNamespace() != null && metric.getName() != null) {
        claims.add(
            new MetricClaim(
                MetricFamily.of(
                    region, metric.getNamespace(), metric.getName(), keys(metric.getDimensions())),
                Use.PUBLISH,
                "spec.metricFilters[" + i + "].metric"));
      }
    }
    if (presetMetricNamespace != null) {
      claims.addAll(ofPresets(spec, region, presetMetricNamespace));
    }
    List<AlarmSpec> alarms = spec.getAlarms();
    for (int i = 0; alarms != null && i < alarms.size(); i++) {
      AlarmSpec alarm = alarms.get(i);
      if (alarm == null) {
        continue;
      }
      watch(claims, region, alarm.getMetric(), "spec.alarms[" + i + "].metric");
      List<AlarmMetricQuerySpec> metrics = alarm.getMetrics();
      for (int j = 0; metrics != null && j < metrics.size(); j++) {
        if (metrics.get(j) != null) {
          watch(
              claims,
              region,
              metrics.get(j).getMetric(),
              "spec.alarms[" + i + "].metrics[" + j + "].metric");
        }
      }
    }
    return claims;
  }

  private static void watch(
      List<MetricClaim> claims, String region, AlarmMetricSpec metric, String field) {
    if (metric != null && metric.getNamespace() != null && metric.getName() != null) {
      claims.add(
          new MetricClaim(
              MetricFamily.of(
                  region, metric.getNamespace(), metric.getName(), keys(metric.getDimensions())),
              Use.WATCH,
              field));
    }
  }

  /** The metrics the presets' filters publish; a spec too broken to expand claims none. */
  private static List<MetricClaim> ofPresets(
      ModelAuditSpec spec, String region, String presetMetricNamespace) {
    List<MetricClaim> claims = new ArrayList<>();
    try {
      for (PresetExpansion.Expanded preset :
          PresetExpansion.of(spec.getPresets(), presetMetricNamespace)) {
        for (MetricFilterSpec filter : preset.filters()) {
          MetricTransformationSpec metric = filter.getMetric();
          claims.add(
              new MetricClaim(
                  MetricFamily.of(
                      region,
                      metric.getNamespace(),
                      metric.getName(),
                      keys(metric.getDimensions())),
                  Use.PUBLISH,
                  "spec.presets." + preset.preset()));
        }
      }
    } catch (RuntimeException e) {
      // lenient: an unreadable preset claims nothing; the validator reports it
    }
    return claims;
  }

  /**
   * How the ModelAudit uses each family it claims: publishing wins over watching, since its own
   * alarm on its own metric moves nobody else's.
   */
  public static Map<MetricFamily, Use> uses(Collection<MetricClaim> claims) {
    Map<MetricFamily, Use> uses = new LinkedHashMap<>();
    for (MetricClaim claim : claims) {
      uses.merge(claim.family(), claim.use(), MetricClaims::stronger);
    }
    return uses;
  }

  /** The families status says the ModelAudit holds; its region is status.region or the default. */
  public static Map<MetricFamily, Use> ofStatus(ModelAuditStatus status, String defaultRegion) {
    Map<MetricFamily, Use> held = new LinkedHashMap<>();
    if (status == null || status.getMetrics() == null) {
      return held;
    }
    String region = status.getRegion() == null ? defaultRegion : status.getRegion();
    for (MetricClaimStatus claim : status.getMetrics()) {
      if (claim == null || claim.getNamespace() == null || claim.getName() == null) {
        continue;
      }
      Use use = MetricClaimStatus.WATCH.equals(claim.getUse()) ? Use.WATCH : Use.PUBLISH;
      held.merge(
          MetricFamily.of(region, claim.getNamespace(), claim.getName(), claim.getDimensionNames()),
          use,
          MetricClaims::stronger);
    }
    return held;
  }

  /** The status entries of these uses, sorted; null when there are none. */
  public static List<MetricClaimStatus> toStatus(Map<MetricFamily, Use> uses) {
    List<MetricClaimStatus> entries =
        uses.entrySet().stream()
            .map(
                e ->
                    new MetricClaimStatus(
                        e.getKey().namespace(),
                        e.getKey().name(),
                        e.getKey().dimensionNames(),
                        e.getValue() == Use.PUBLISH
                            ? MetricClaimStatus.PUBLISH
                            : MetricClaimStatus.WATCH))
            .sorted(ORDER)
            .toList();
    return entries.isEmpty() ? null : entries;
  }

  /** Both sets of uses in one, publishing winning. */
  public static Map<MetricFamily, Use> union(Map<MetricFamily, Use> a, Map<MetricFamily, Use> b) {
    Map<MetricFamily, Use> all = new LinkedHashMap<>(a);
    b.forEach((family, use) -> all.merge(family, use, MetricClaims::stronger));
    return all;
  }

  private static Use stronger(Use a, Use b) {
    return a == Use.PUBLISH || b == Use.PUBLISH ? Use.PUBLISH : Use.WATCH;
  }

  private static List<String> keys(Map<String, String> dimensions) {
    return dimensions == null
        ? List.of()
        : dimensions.keySet().stream().filter(Objects::nonNull).toList();
  }
}
