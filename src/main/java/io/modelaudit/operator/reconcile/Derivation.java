package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.accounts.AccountResolver;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.isolation.MetricClaim;
import io.modelaudit.operator.isolation.MetricClaim.Use;
import io.modelaudit.operator.isolation.MetricClaims;
import io.modelaudit.operator.isolation.MetricFamily;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.part.ImmutableFields;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.profiles.PresetExpansion;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.validation.SpecValidator;
import io.modelaudit.operator.validation.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a ModelAudit's spec says, under the operator's configuration and its namespace's account
 * mapping: its violations, its account, its desired state.
 */
final class Derivation {

  /** The AWS account the resources live in cannot be reached with the current account mapping. */
  static final class AccountUnavailable extends RuntimeException {
    AccountUnavailable(String message) {
      super(message);
    }

    Outcome outcome() {
      return Outcome.stalled(ConditionReason.AccountNotMapped, getMessage());
    }
  }

  private final OperatorConfig config;
  private final AccountResolver accounts;
  private final Map<String, OperatorConfig> byAccount =
      new java.util.concurrent.ConcurrentHashMap<>();

  Derivation(OperatorConfig config, AccountResolver accounts) {
    this.config = config;
    this.accounts = accounts;
  }

  /** The operator's own AWS account, when it was learned at start. */
  java.util.Optional<String> ownAccount() {
    return config.aws().account();
  }

  /** The identity (and account) the ModelAudit's namespace is mapped to, or why there is none. */
  AccountResolution account(ModelAudit resource) {
    return accounts.resolve(resource.getMetadata().getNamespace());
  }

  /**
   * Every violation of the spec; empty when it is valid. The policy's own account is the account
   * the namespace is mapped to (the operator's own when it is not).
   */
  List<Violation> violations(ModelAudit resource) {
    return SpecValidator.validate(
        resource.getSpec(),
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        configFor(resource));
  }

  /**
   * The configuration as the ModelAudit's account sees it (see {@link OperatorConfig#inAccount}).
   */
  private OperatorConfig configFor(ModelAudit resource) {
    AccountResolution account = account(resource);
    Optional<String> mapped =
        account.identity().flatMap(io.modelaudit.operator.cloudwatch.AwsIdentity::account);
    return mapped.isEmpty() ? config : byAccount.computeIfAbsent(mapped.get(), config::inAccount);
  }

  /** The region a ModelAudit's spec asks for: its own or the operator's. */
  String region(ModelAudit resource) {
    ModelAuditSpec spec = resource.getSpec();
    return spec != null && spec.getRegion() != null ? spec.getRegion() : config.defaultRegion();
  }

  /**
   * Where the metrics a ModelAudit's spec asks for live, for the metric isolation: its region, of
   * the account its namespace is mapped to (metrics, like quotas, are per account and region: two
   * teams in two accounts may publish metrics of the same name).
   */
  String metricScope(ModelAudit resource) {
    AccountResolution account = account(resource);
    if (!account.resolved()) {
      // it makes nothing in AWS, so it must not hold a metric anyone else may want
      return region(resource) + " (no AWS account)";
    }
    return metricScope(region(resource), account.identity().get().account().orElse(null));
  }

  /** The metric scope of a region of an account; null is the operator's own account. */
  static String metricScope(String region, String account) {
    return account == null ? region : region + " of account " + account;
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

  /** The desired state of a valid spec, in the account of this identity. */
  DesiredState desired(ModelAudit resource, AwsIdentity identity) {
    return DesiredStateBuilder.build(resource, config, identity);
  }

  /**
   * What to clean up, where the resources were made; empty when nothing was ever written to AWS for
   * this ModelAudit. An invalid spec contributes only a valid deletion policy, and Retain is
   * assumed otherwise since it loses no data; what is the operator's to delete is decided by the
   * resources' own tags and the status record, never by the spec alone. The account is the one the
   * resources were made in: the namespace's current mapping when it still points there, the
   * operator's own identity for what was made with it.
   *
   * @throws AccountUnavailable when the account the resources live in is no longer mapped: nothing
   *     is cleaned up (and the finalizer stays) rather than looking in the wrong account
   */
  Optional<DesiredState> desiredForCleanup(ModelAudit resource) {
    Optional<Home> home = Home.of(resource);
    if (home.isEmpty()) {
      return Optional.empty();
    }
    AwsIdentity identity = cleanupIdentity(resource, home.get());
    ModelAuditSpec spec = resource.getSpec();
    if (!violations(resource).isEmpty()) {
      String policy = spec == null ? null : spec.getDeletionPolicy();
      spec = new ModelAuditSpec();
      spec.setDeletionPolicy(isPolicy(policy) ? policy : DeletionPolicy.Retain.name());
    }
    return Optional.of(DesiredStateBuilder.buildAt(resource, spec, config, home.get(), identity));
  }

  private AwsIdentity cleanupIdentity(ModelAudit resource, Home home) {
    if (home.account() == null) {
      // made with the operator's own identity, which it always has
      return AwsIdentity.OWN;
    }
    AccountResolution now = account(resource);
    if (now.resolved() && home.account().equals(now.identity().get().account().orElse(null))) {
      return now.identity().get();
    }
    throw new AccountUnavailable(
        "cannot clean up: the resources live in "
            + ImmutableFields.accountName(home.account())
            + " but "
            + now.problem()
                .orElseGet(
                    () ->
                        "the namespace is now mapped to "
                            + ImmutableFields.accountName(
                                now.identity().get().account().orElse(null)))
            + ". Restore the namespace's ModelAuditAccount to let the cleanup run, or set"
            + " deletionPolicy Orphan (or remove the finalizer) to leave the resources in AWS");
  }

  private static boolean isPolicy(String value) {
    return Arrays.stream(DeletionPolicy.values()).anyMatch(p -> p.name().equals(value));
  }
}
