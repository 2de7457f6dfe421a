package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.audit.Observer;
import io.modelaudit.operator.audit.Planner;
import io.modelaudit.operator.audit.StatusParts;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.isolation.MetricClaim.Use;
import io.modelaudit.operator.isolation.MetricClaims;
import io.modelaudit.operator.isolation.MetricFamily;
import io.modelaudit.operator.isolation.MetricIsolation.Conflict;
import io.modelaudit.operator.isolation.UnreadableAlarms;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.part.ImmutableFields;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.ReadMode;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full reconcile of a ModelAudit: validate → keep metrics apart → desired → observe → plan →
 * converge → the status of every part. It never throws: a failure becomes the outcome.
 */
final class Sync {

  private static final Logger LOG = LoggerFactory.getLogger(Sync.class);

  private final CloudWatchGateways gateways;
  private final HomeRecorder homes;
  private final Derivation derivation;
  private final MetricClaimants claimants;
  private final InventoryStore inventory;
  private final Clock clock;
  private final Predicate<RuntimeException> abandoned;

  Sync(
      CloudWatchGateways gateways,
      HomeRecorder homes,
      Derivation derivation,
      MetricClaimants claimants,
      InventoryStore inventory,
      Clock clock,
      Predicate<RuntimeException> abandoned) {
    this.gateways = gateways;
    this.homes = homes;
    this.derivation = derivation;
    this.claimants = claimants;
    this.inventory = inventory;
    this.clock = clock;
    this.abandoned = abandoned;
  }

  /**
   * Reads AWS in full and writes what differs.
   *
   * @param drift the out-of-band changes that made the inventory ask for this read, for the event
   */
  SyncResult run(ModelAudit resource, String id, List<String> drift) {
    List<Change> applied = new ArrayList<>();
    DesiredState desired = null;
    CloudWatchGateway gateway = null;
    ModelAuditStatus status = resource.getStatus();
    try {
      // the account first: the policy the spec is checked against is that account's
      AccountResolution account = derivation.account(resource);
      if (!account.resolved()) {
        // no usable AWS account for the namespace: nothing is read or written anywhere
        return SyncResult.of(
            Outcome.stalled(ConditionReason.AccountNotMapped, account.problem().get()), drift);
      }
      Optional<Blocker> moved =
          ImmutableFields.accountAgainstHome(account.identity().get(), Home.of(resource));
      if (moved.isPresent()) {
        return SyncResult.of(Outcomes.blocked(List.of(moved.get())), drift);
      }
      List<Violation> violations = derivation.violations(resource);
      if (!violations.isEmpty()) {
        return new SyncResult(
            Outcomes.invalid(violations),
            UnreadableAlarms.withhold(
                UnreadableAlarms.outsidePolicy(resource.getSpec(), violations)),
            List.of(),
            drift);
      }
      Optional<SyncResult> refused = refusedForMetrics(resource, drift);
      if (refused.isPresent()) {
        return refused.get();
      }
      desired = derivation.desired(resource, account.identity().get());
      Optional<Blocker> immutable = ImmutableFields.againstHome(desired, Home.of(resource));
      if (immutable.isPresent()) {
        return SyncResult.of(Outcomes.blocked(List.of(immutable.get())), drift);
      }
      gateway = gateways.forTarget(desired.target());
      ReadMode mode = readMode(resource, desired);
      Instant readAt = Instant.now(clock);
      Observation observed = Observer.observe(gateway, desired, status, mode);
      inventory.markFullRead(id, readAt);
      Plan plan = Planner.converge(desired, observed);
      if (plan.isBlocked()) {
        return SyncResult.of(Outcomes.blocked(plan.blockers()), drift);
      }
      if (!plan.changes().isEmpty()) {
        // before the first write: where the resources are, in a record that outlives status
        homes.record(
            resource,
            new Home(
                desired.region(),
                desired.logGroupName(),
                desired.identity().account().orElse(null)));
      }
      try {
        Converger.apply(gateway, id, plan.changes(), applied);
      } catch (ChangeFailed e) {
        if (!presumedWrongly(mode, e, applied)) {
          throw e;
        }
        // the log group existed after all: read it as a full read does and plan again
        LOG.info("{}: log group {} exists; reading it", id, desired.logGroupName());
        observed = Observer.observe(gateway, desired, status, ReadMode.FULL);
        plan = Planner.converge(desired, observed);
        if (plan.isBlocked()) {
          return SyncResult.of(Outcomes.blocked(plan.blockers()), drift);
        }
        Converger.apply(gateway, id, plan.changes(), applied);
      }
      if (plan.step() == Plan.Step.CONVERGE
          && !applied.isEmpty()
          && Planner.awaitsAnotherPass(desired, observed)) {
        // a part referred to what this plan created (a new alarm's ARN): read and plan again
        observed = Observer.observe(gateway, desired, status, ReadMode.FULL);
        plan = Planner.converge(desired, observed);
        if (plan.isBlocked()) {
          return new SyncResult(
              Outcomes.blocked(plan.blockers()),
              StatusParts.from(desired, observed, status),
              applied,
              drift);
        }
        Converger.apply(gateway, id, plan.changes(), applied);
      }
      if (!applied.isEmpty()) {
        // only a listing taken from now on sees every write of this reconcile
        inventory.markFullRead(id, Instant.now(clock));
      }
      Observation after =
          applied.isEmpty()
              ? observed
              : Observer.afterWrites(
                  gateway,
                  desired,
                  status,
                  observed,
                  applied,
                  desired.identity().account().or(derivation::ownAccount));
      Consumer<ModelAuditStatus> parts =
          StatusParts.from(desired, after, status)
              .andThen(PushedStates.overlay(inventory, desired));
      if (plan.step() != Plan.Step.CONVERGE) {
        return new SyncResult(Outcomes.afterPlan(desired, plan), parts, applied, drift);
      }
      // AWS now matches the spec: the metrics it publishes and watches are this ModelAudit's
      Map<MetricFamily, Use> metrics = derivation.metricUses(resource, desired.region());
      return new SyncResult(
          Outcomes.ready(desired),
          parts.andThen(next -> next.setMetrics(MetricClaims.toStatus(metrics))),
          applied,
          drift);
    } catch (RuntimeException e) {
      if (abandoned.test(e)) {
        return SyncResult.abandoned(e, applied);
      }
      Outcome outcome = ErrorMapping.toOutcome(e);
      LOG.warn("{}: {} ({})", id, outcome.message(), outcome.reason());
      return new SyncResult(
          outcome,
          metricsAfterFailure(
              resource, desired, applied, partsAfterFailure(desired, gateway, status, applied)),
          applied,
          drift);
    }
  }

  /**
   * A ModelAudit that never wrote to AWS (no home recorded) is read as {@link ReadMode#FIRST}: it
   * cannot own anything untracked, and its log group is most likely new. One that asks to adopt
   * existing resources is read in full, since they most likely exist.
   */
  private static ReadMode readMode(ModelAudit resource, DesiredState desired) {
    return Home.of(resource).isEmpty() && !desired.adoptExisting() ? ReadMode.FIRST : ReadMode.FULL;
  }

  /**
   * Whether a write failed only because a {@link ReadMode#FIRST} read presumed the log group new:
   * its create, the plan's first write, found it there.
   */
  private static boolean presumedWrongly(
      ReadMode mode, ChangeFailed failure, List<Change> applied) {
    return mode.presumesNewLogGroup()
        && applied.isEmpty()
        && failure.getCause() instanceof GatewayException cause
        && cause.kind() == GatewayException.Kind.ALREADY_EXISTS
        && Operations.CREATE_LOG_GROUP.equals(cause.operation());
  }

  /**
   * The refusal of a ModelAudit that claims a metric another keeps: no AWS call at all, and the
   * state reasons of its alarms on those metrics kept out of its status.
   */
  private Optional<SyncResult> refusedForMetrics(ModelAudit resource, List<String> drift) {
    List<Conflict> conflicts = claimants.conflicts(resource);
    if (conflicts.isEmpty()) {
      return Optional.empty();
    }
    String scope = derivation.metricScope(resource);
    Set<MetricFamily> families =
        conflicts.stream().map(Conflict::family).collect(Collectors.toSet());
    return Optional.of(
        new SyncResult(
            Outcomes.metricConflict(conflicts, claimants.ownMetricNamespace(resource)),
            UnreadableAlarms.withhold(
                UnreadableAlarms.watching(derivation.expandedSpec(resource), scope, families)),
            List.of(),
            drift));
  }

  /**
   * After writes that failed part-way, status keeps every metric the ModelAudit held and those it
   * was making: some of them may exist in AWS already.
   */
  private Consumer<ModelAuditStatus> metricsAfterFailure(
      ModelAudit resource,
      DesiredState desired,
      List<Change> applied,
      Consumer<ModelAuditStatus> parts) {
    if (applied.isEmpty() || desired == null) {
      return parts;
    }
    Map<MetricFamily, Use> held = MetricClaims.ofStatus(resource.getStatus(), desired.region());
    Map<MetricFamily, Use> all =
        MetricClaims.union(held, derivation.metricUses(resource, desired.region()));
    Consumer<ModelAuditStatus> metrics = next -> next.setMetrics(MetricClaims.toStatus(all));
    return parts == null ? metrics : parts.andThen(metrics);
  }

  /**
   * After a failure part-way through a converge, what was made must still be recorded in status so
   * it stays managed; the read is best effort.
   */
  private static Consumer<ModelAuditStatus> partsAfterFailure(
      DesiredState desired,
      CloudWatchGateway gateway,
      ModelAuditStatus status,
      List<Change> applied) {
    if (applied.isEmpty() || desired == null || gateway == null) {
      return null;
    }
    try {
      Observation after = Observer.observe(gateway, desired, status, ReadMode.STATUS);
      return StatusParts.from(desired, after, status);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
