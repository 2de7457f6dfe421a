package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.isolation.MetricClaim;
import io.modelaudit.operator.isolation.MetricClaim.Use;
import io.modelaudit.operator.isolation.MetricClaims;
import io.modelaudit.operator.isolation.MetricFamily;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.profiles.PresetExpansion;
import io.modelaudit.operator.validation.SpecValidator;
import io.modelaudit.operator.validation.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a ModelAudit's spec says, under the operator's configuration: its violations, its state. */
final class Derivation {

  private final OperatorConfig config;

  Derivation(OperatorConfig config) {
    this.config = config;
  }

  /** Every violation of the spec; empty when it is valid. */
  List<Violation> violations(ModelAudit resource) {
    return SpecValidator.validate(
        resource.getSpec(),
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        config);
  }

  /** The region a ModelAudit's spec asks for: its own or the operator's. */
  String region(ModelAudit resource) {
    ModelAuditSpec spec = resource.getSpec();
    return spec != null && spec.getRegion() != null ? spec.getRegion() : config.defaultRegion();
  }

  /** The metrics a valid spec publishes and watches, in this region. */
  Map<MetricFamily, Use> metricUses(ModelAudit resource, String region) {
    return MetricClaims.uses(metricClaims(resource, region));
  }

  /** What the spec claims, its presets' filters included; lenient like MetricClaims. */
  List<MetricClaim> metricClaims(ModelAudit resource, String region) {
    return MetricClaims.ofSpec(resource.getSpec(), region, presetMetricNamespace(resource));
  }

  /** The spec with its presets expanded, as the parts read it; the spec itself when it has none. */
  ModelAuditSpec expandedSpec(ModelAudit resource) {
    ModelAuditSpec spec = resource.getSpec();
    if (spec == null || spec.getPresets() == null) {
      return spec;
    }
    try {
      return PresetExpansion.expand(spec, presetMetricNamespace(resource));
    } catch (RuntimeException e) {
      return spec;
    }
  }

  private String presetMetricNamespace(ModelAudit resource) {
    return Names.presetMetricNamespace(
        config.alarmNamePrefix(),
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName());
  }

  /** The desired state of a valid spec. */
  DesiredState desired(ModelAudit resource) {
    return DesiredStateBuilder.build(resource, config);
  }

  /**
   * What to clean up, where the resources were made; empty when nothing was ever written to AWS for
   * this ModelAudit. An invalid spec contributes only a valid deletion policy, and Retain is
   * assumed otherwise since it loses no data; what is the operator's to delete is decided by the
   * resources' own tags and the status record, never by the spec alone.
   */
  Optional<DesiredState> desiredForCleanup(ModelAudit resource) {
    Optional<Home> home = Home.of(resource);
    if (home.isEmpty()) {
      return Optional.empty();
    }
    ModelAuditSpec spec = resource.getSpec();
    if (!violations(resource).isEmpty()) {
      String policy = spec == null ? null : spec.getDeletionPolicy();
      spec = new ModelAuditSpec();
      spec.setDeletionPolicy(isPolicy(policy) ? policy : DeletionPolicy.Retain.name());
    }
    return Optional.of(DesiredStateBuilder.buildAt(resource, spec, config, home.get()));
  }

  private static boolean isPolicy(String value) {
    return Arrays.stream(DeletionPolicy.values()).anyMatch(p -> p.name().equals(value));
  }
}
