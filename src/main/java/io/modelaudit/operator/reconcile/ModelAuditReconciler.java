package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways.FencedException;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.desired.DesiredStateBuilder;
import io.modelaudit.operator.inventory.AlarmSnapshot;
import io.modelaudit.operator.inventory.DriftDetector;
import io.modelaudit.operator.inventory.InventoryPoller;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.inventory.Trigger;
import io.modelaudit.operator.ops.ResourceMetrics;
import io.modelaudit.operator.plan.Blocker;
import io.modelaudit.operator.plan.Change;
import io.modelaudit.operator.plan.Observation;
import io.modelaudit.operator.plan.Plan;
import io.modelaudit.operator.plan.Planner;
import io.modelaudit.operator.status.AwsParts;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.Reasons;
import io.modelaudit.operator.status.StatusBuilder;
import io.modelaudit.operator.validation.SpecValidator;
import io.modelaudit.operator.validation.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives CloudWatch to match each ModelAudit: validate, desired, observe, converge, status,
 * requeue; and cleans up AWS by the deletion policy when a ModelAudit is deleted.
 *
 * <p>A ModelAudit that is Ready for its generation is not read from AWS again on every event: the
 * inventory's batched listings watch it, and its reconcile takes alarm states from the latest
 * listing. It is read in full when the inventory found drift, when its periodic full read is due,
 * and whenever it is not Ready for its generation (new, edited, failing).
 */
@ControllerConfiguration(
    name = ModelAuditReconciler.NAME,
    finalizerName = ModelAuditReconciler.FINALIZER)
public class ModelAuditReconciler implements Reconciler<ModelAudit>, Cleaner<ModelAudit> {

  public static final String NAME = "modelaudit";
  public static final String FINALIZER = "modelaudit.io/cleanup";

  /** Reason of the event recorded when an alarm's state moves. */
  public static final String ALARM_STATE_CHANGED = "AlarmStateChanged";

  private static final String ALARM = "ALARM";

  /** How many characters of problems a Stalled/InvalidSpec message lists. */
  static final int MAX_PROBLEMS_LISTED = 8192;

  private static final Logger LOG = LoggerFactory.getLogger(ModelAuditReconciler.class);

  private final CloudWatchGateways gateways;
  private final OperatorConfig config;
  private final EventRecorder events;
  private final Clock clock;
  private final Backoff backoff;
  private final ResourceMetrics metrics;
  private final InventoryStore inventory;
  private volatile BooleanSupplier leading = () -> true;

  public ModelAuditReconciler(
      CloudWatchGateways gateways, OperatorConfig config, EventRecorder events, Clock clock) {
    this(gateways, config, events, clock, ResourceMetrics.unexported(), new InventoryStore());
  }

  public ModelAuditReconciler(
      CloudWatchGateways gateways,
      OperatorConfig config,
      EventRecorder events,
      Clock clock,
      ResourceMetrics metrics,
      InventoryStore inventory) {
    this.gateways = gateways;
    this.config = config;
    this.events = events;
    this.clock = clock;
    this.backoff = new Backoff(config.retryInitialDelay(), config.retryMaxDelay());
    this.metrics = metrics;
    this.inventory = inventory;
  }

  /**
   * Tells the reconciler when this replica leads. The inventory's periodic listings run only then:
   * JOSDK runs event sources on every replica, but only the leader may call AWS. A reconcile that
   * fails after its replica stopped leading (shutdown, or a lost Lease, which also fence AWS off)
   * is abandoned: no status, no event, the next leader converges the resource from what AWS holds.
   */
  public void actOnlyWhileLeading(BooleanSupplier leading) {
    this.leading = leading;
  }

  /** The inventory's event source: batched listings that ask for reconciles of what changed. */
  @Override
  public List<EventSource<?, ModelAudit>> prepareEventSources(
      EventSourceContext<ModelAudit> context) {
    InventoryEventSource source = new InventoryEventSource(context.getPrimaryCache()::get);
    source.attach(
        new InventoryPoller(
            gateways,
            config,
            inventory,
            // a replica that does not hold the Lease lists nothing, so it makes no AWS call
            () ->
                leading.getAsBoolean()
                    ? context.getPrimaryCache().list().toList()
                    : List.<ModelAudit>of(),
            source::request,
            clock));
    return List.of(source);
  }

  @Override
  public UpdateControl<ModelAudit> reconcile(ModelAudit resource, Context<ModelAudit> context) {
    String id = id(resource);
    ModelAuditStatus previous = resource.getStatus();
    Optional<Trigger> trigger = inventory.takeTrigger(id);
    Result result =
        needsFullRead(resource, id, trigger) ? sync(resource, id, trigger) : refresh(resource, id);
    if (result.abandoned()) {
      // A failure once this replica stopped leading says nothing about the resource; the next
      // leader reports. What was applied before is found again by its observe (tags, prefixes).
      LOG.info("{}: abandoned, this replica no longer leads: {}", id, result.abandonedBy());
      return UpdateControl.noUpdate();
    }
    ModelAuditStatus next =
        StatusBuilder.next(
            previous,
            generation(resource),
            result.outcome(),
            result.parts(),
            !result.applied().isEmpty(),
            now());
    recordEvents(resource, previous, next, result);
    recordMetrics(resource, next);
    UpdateControl<ModelAudit> control;
    if (StatusBuilder.same(previous, next)) {
      control = UpdateControl.noUpdate();
    } else {
      resource.setStatus(next);
      control = UpdateControl.patchStatus(resource);
    }
    return requeue(id, result.outcome(), control);
  }

  /**
   * Whether this reconcile reads AWS in full. A settled ModelAudit (Ready for its generation) is
   * left to the inventory unless it drifted or its periodic full read is due; JOSDK's own periodic
   * reconcile counts as due once the resync interval passed since the last full read.
   */
  private boolean needsFullRead(ModelAudit resource, String id, Optional<Trigger> trigger) {
    if (trigger.map(Trigger::needsFullRead).orElse(false)) {
      return true;
    }
    if (!StatusBuilder.isReadyFor(resource.getStatus(), generation(resource))) {
      return true;
    }
    Instant now = Instant.now(clock);
    return inventory
        .lastFullRead(id)
        .map(read -> !read.plus(config.resyncInterval()).isAfter(now))
        .orElse(false);
  }

  /** validate → desired → observe → converge; never throws. */
  private Result sync(ModelAudit resource, String id, Optional<Trigger> trigger) {
    List<String> drift =
        trigger
            .filter(t -> t.kind() == Trigger.Kind.DRIFT)
            .map(Trigger::findings)
            .orElse(List.of());
    List<Change> applied = new ArrayList<>();
    DesiredState desired = null;
    CloudWatchGateway gateway = null;
    try {
      List<Violation> violations = validate(resource);
      if (!violations.isEmpty()) {
        return new Result(invalid(violations), null, applied, drift);
      }
      desired = desired(resource);
      Optional<Blocker> immutable = immutableFieldChange(desired, resource.getStatus());
      if (immutable.isPresent()) {
        return new Result(stalled(List.of(immutable.get())), null, applied, drift);
      }
      gateway = gateways.forRegion(desired.region());
      Instant readAt = Instant.now(clock);
      // by prefix too: an alarm made just before a crash is not in status yet
      Observation observed = Observer.observe(gateway, desired, resource.getStatus(), true);
      inventory.markFullRead(id, readAt);
      Plan plan = Planner.converge(desired, observed);
      if (plan.isBlocked()) {
        return new Result(stalled(plan.blockers()), null, applied, drift);
      }
      Converger.apply(gateway, id, plan.changes(), applied);
      Observation after =
          applied.isEmpty()
              ? observed
              : Observer.afterConverge(gateway, desired, resource.getStatus());
      AwsParts parts = Parts.from(desired, after, resource.getStatus());
      return new Result(Outcome.synced(readyMessage(desired)), parts, applied, drift);
    } catch (RuntimeException e) {
      Outcome outcome = ErrorMapping.toOutcome(e);
      if (isAbandoned(e)) {
        return Result.abandoned(e, applied);
      }
      LOG.warn("{}: {} ({})", id, outcome.message(), outcome.reason());
      return new Result(
          outcome, partsAfterFailure(desired, gateway, resource, applied), applied, drift);
    }
  }

  /**
   * validate → desired → status from the latest alarm listing, for a settled ModelAudit: no AWS
   * read. A listing older than the last full read is not trusted (it may miss what that read
   * wrote); a listing that shows an alarm missing or changed turns this into a full read.
   */
  private Result refresh(ModelAudit resource, String id) {
    if (!validate(resource).isEmpty()) {
      return sync(resource, id, Optional.empty());
    }
    DesiredState desired = desired(resource);
    Outcome ready = Outcome.synced(readyMessage(desired));
    Optional<AlarmSnapshot> snapshot =
        inventory
            .alarms(desired.region())
            .filter(s -> inventory.lastFullRead(id).map(s.takenAt()::isAfter).orElse(true));
    if (snapshot.isEmpty()) {
      return new Result(ready, null, List.of(), List.of());
    }
    ModelAuditStatus status = resource.getStatus();
    List<String> drift = DriftDetector.alarmDrift(desired, status, snapshot.get());
    if (!drift.isEmpty()) {
      return sync(resource, id, Optional.of(Trigger.drift(drift)));
    }
    AwsParts parts =
        DriftDetector.refreshedAlarms(status, snapshot.get())
            .map(
                alarms ->
                    new AwsParts(
                        status.getRegion(),
                        status.getLogGroup(),
                        status.getLogStreams(),
                        status.getMetricFilters(),
                        alarms))
            .orElse(null);
    return new Result(ready, parts, List.of(), List.of());
  }

  /**
   * After a failure part-way through a converge, what was made must still be recorded in status so
   * it stays managed; the read is best effort.
   */
  private static AwsParts partsAfterFailure(
      DesiredState desired, CloudWatchGateway gateway, ModelAudit resource, List<Change> applied) {
    if (applied.isEmpty() || desired == null || gateway == null) {
      return null;
    }
    try {
      Observation after = Observer.afterConverge(gateway, desired, resource.getStatus());
      return Parts.from(desired, after, resource.getStatus());
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public DeleteControl cleanup(ModelAudit resource, Context<ModelAudit> context) {
    String id = id(resource);
    DesiredState desired = desiredForCleanup(resource);
    if (desired.deletionPolicy() == DeletionPolicy.Orphan) {
      LOG.info("{}: deletionPolicy Orphan, leaving every AWS resource in place", id);
      events.normal(resource, "Orphaned", "deletionPolicy Orphan: AWS resources left in place");
      forgetMetrics(resource);
      inventory.forget(id);
      return DeleteControl.defaultDelete();
    }
    List<Change> applied = new ArrayList<>();
    try {
      CloudWatchGateway gateway = gateways.forRegion(desired.region());
      Observation observed = Observer.observe(gateway, desired, resource.getStatus(), true);
      Plan plan = Planner.delete(desired, observed);
      Converger.apply(gateway, id, plan.changes(), applied);
      if (Planner.deletionProtectionKeepsGroup(desired, observed)) {
        events.warning(
            resource,
            "DeletionProtected",
            "log group "
                + desired.logGroupName()
                + " has deletion protection on and was kept; turn it off in AWS to delete it");
      }
      if (!applied.isEmpty()) {
        events.normal(resource, "Deleted", summary(applied));
      }
      backoff.reset(id);
      inventory.forget(id);
      LOG.info("{}: cleanup done ({} deletions), removing finalizer", id, applied.size());
      forgetMetrics(resource);
      return DeleteControl.defaultDelete();
    } catch (RuntimeException e) {
      Outcome failure = ErrorMapping.toOutcome(e);
      if (isAbandoned(e)) {
        LOG.info("{}: cleanup abandoned, this replica no longer leads: {}", id, e.getMessage());
        return DeleteControl.noFinalizerRemoval();
      }
      Duration delay = backoff.nextDelay(id);
      LOG.warn("{}: cleanup failed, retrying in {}: {}", id, delay, failure.message());
      if (backoff.attempts(id) == 1) {
        events.warning(resource, "DeleteFailed", failure.message());
      }
      reportDeleting(resource, context, failure);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
    }
  }

  /**
   * Whether a failure ends the reconcile without a trace: AWS was fenced off, or this replica
   * stopped leading while the call failed (an interrupted wait for a rate-limit permit, say).
   */
  private boolean isAbandoned(RuntimeException failure) {
    return failure instanceof FencedException || !leading.getAsBoolean();
  }

  // ---- validate and desired ----

  private List<Violation> validate(ModelAudit resource) {
    return SpecValidator.validate(
        resource.getSpec(),
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        config);
  }

  private DesiredState desired(ModelAudit resource) {
    return DesiredStateBuilder.build(
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        resource.getSpec(),
        config);
  }

  /**
   * What to clean up. The resources live where status says they were made; an invalid spec
   * contributes only a valid deletion policy, and Retain is assumed otherwise since it loses no
   * data.
   */
  private DesiredState desiredForCleanup(ModelAudit resource) {
    ModelAuditStatus status = resource.getStatus();
    ModelAuditSpec spec;
    if (validate(resource).isEmpty()) {
      spec = resource.getSpec();
    } else {
      spec = new ModelAuditSpec();
      String policy = resource.getSpec() == null ? null : resource.getSpec().getDeletionPolicy();
      spec.setDeletionPolicy(isPolicy(policy) ? policy : DeletionPolicy.Retain.name());
    }
    ModelAuditSpec effective = copyForCleanup(spec, status);
    return DesiredStateBuilder.build(
        resource.getMetadata().getNamespace(), resource.getMetadata().getName(), effective, config);
  }

  private static ModelAuditSpec copyForCleanup(ModelAuditSpec spec, ModelAuditStatus status) {
    ModelAuditSpec copy = new ModelAuditSpec();
    copy.setRegion(spec.getRegion());
    copy.setModel(spec.getModel());
    copy.setLogStreams(spec.getLogStreams());
    copy.setMetricFilters(spec.getMetricFilters());
    copy.setAlarms(spec.getAlarms());
    copy.setNotifications(spec.getNotifications());
    copy.setTags(spec.getTags());
    copy.setDeletionPolicy(spec.getDeletionPolicy());
    copy.setLogGroup(spec.getLogGroup());
    if (status != null && status.getRegion() != null) {
      copy.setRegion(status.getRegion());
    }
    if (status != null && status.getLogGroup() != null && status.getLogGroup().getName() != null) {
      LogGroupSpec group = new LogGroupSpec();
      LogGroupSpec original = spec.getLogGroup();
      if (original != null) {
        group.setRetentionInDays(original.getRetentionInDays());
        group.setKmsKeyArn(original.getKmsKeyArn());
        group.setLogGroupClass(original.getLogGroupClass());
        group.setDeletionProtection(original.getDeletionProtection());
      }
      group.setName(status.getLogGroup().getName());
      copy.setLogGroup(group);
    }
    return copy;
  }

  private static boolean isPolicy(String value) {
    for (DeletionPolicy p : DeletionPolicy.values()) {
      if (p.name().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Region and log group name cannot change once AWS resources exist for them. */
  static Optional<Blocker> immutableFieldChange(DesiredState desired, ModelAuditStatus status) {
    if (status == null) {
      return Optional.empty();
    }
    if (status.getRegion() != null && !status.getRegion().equals(desired.region())) {
      return Optional.of(
          new Blocker(
              Reasons.IMMUTABLE_FIELD_CHANGED,
              "spec.region: is immutable; the resources live in "
                  + status.getRegion()
                  + " but the spec now says "
                  + desired.region()
                  + ". Restore it, or create a new ModelAudit for the new region."));
    }
    if (status.getLogGroup() != null
        && status.getLogGroup().getName() != null
        && !status.getLogGroup().getName().equals(desired.logGroupName())) {
      return Optional.of(
          new Blocker(
              Reasons.IMMUTABLE_FIELD_CHANGED,
              "spec.logGroup.name: is immutable; the log group is "
                  + status.getLogGroup().getName()
                  + " but the spec now says "
                  + desired.logGroupName()
                  + ". Restore it, or create a new ModelAudit for the new log group."));
    }
    return Optional.empty();
  }

  // ---- outcomes, events, requeue ----

  private static Outcome invalid(List<Violation> violations) {
    boolean policyOnly = violations.stream().allMatch(v -> v.kind() == Violation.Kind.POLICY);
    String message =
        violations.size()
            + (violations.size() == 1 ? " problem: " : " problems: ")
            + listProblems(violations);
    return Outcome.stalled(policyOnly ? Reasons.POLICY_VIOLATION : Reasons.INVALID_SPEC, message);
  }

  /**
   * Lists the violations in order until the list would pass {@link #MAX_PROBLEMS_LISTED}
   * characters, then counts the rest: a spec with thousands of bad items must not produce a message
   * past metav1.Condition's limit of 32768 characters, which a real API server refuses to store.
   */
  static String listProblems(List<Violation> violations) {
    StringBuilder listed = new StringBuilder();
    int shown = 0;
    for (Violation violation : violations) {
      String next = (shown == 0 ? "" : "; ") + violation;
      if (listed.length() + next.length() > MAX_PROBLEMS_LISTED) {
        if (shown == 0) {
          listed.append(truncate(next, MAX_PROBLEMS_LISTED)).append("...");
          shown = 1;
        }
        break;
      }
      listed.append(next);
      shown++;
    }
    if (shown < violations.size()) {
      listed.append("; and ").append(violations.size() - shown).append(" more");
    }
    return listed.toString();
  }

  private static String truncate(String text, int maxChars) {
    int end = maxChars;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private static Outcome stalled(List<Blocker> blockers) {
    return Outcome.stalled(
        blockers.get(0).reason(),
        blockers.stream().map(Blocker::message).collect(Collectors.joining("; ")));
  }

  private static String readyMessage(DesiredState desired) {
    return String.format(
        "log group %s with %d stream(s), %d metric filter(s) and %d alarm(s) in sync in %s",
        desired.logGroupName(),
        desired.logStreams().size(),
        desired.metricFilters().size(),
        desired.alarms().size(),
        desired.region());
  }

  private void recordEvents(
      ModelAudit resource, ModelAuditStatus previous, ModelAuditStatus next, Result result) {
    if (!result.drift().isEmpty() && !result.applied().isEmpty()) {
      events.normal(
          resource,
          "DriftRepaired",
          "changed outside the operator: "
              + String.join("; ", result.drift())
              + "; repaired: "
              + summary(result.applied()));
    }
    if (!result.applied().isEmpty()) {
      for (Change.Verb verb : Change.Verb.values()) {
        List<Change> ofVerb = result.applied().stream().filter(c -> c.verb() == verb).toList();
        if (!ofVerb.isEmpty()) {
          events.normal(resource, eventReason(verb), summary(ofVerb));
        }
      }
    }
    recordAlarmStateChanges(resource, previous, next);
    Outcome outcome = result.outcome();
    boolean changed = conditionChanged(previous, outcome);
    if (!changed) {
      return;
    }
    switch (outcome.state()) {
      case STALLED -> events.warning(resource, outcome.reason(), outcome.message());
      case PROGRESSING -> events.warning(resource, outcome.reason(), outcome.message());
      case SYNCED -> events.normal(resource, Reasons.SYNCED, outcome.message());
    }
  }

  /**
   * One event per alarm whose state moved: a Warning when it enters ALARM, Normal otherwise. A
   * newly created alarm's first state is news only when it is ALARM.
   */
  private void recordAlarmStateChanges(
      ModelAudit resource, ModelAuditStatus previous, ModelAuditStatus next) {
    if (next.getAlarms() == null) {
      return;
    }
    Map<String, String> before = new HashMap<>();
    if (previous != null && previous.getAlarms() != null) {
      previous.getAlarms().stream()
          .filter(a -> a.getAlarmName() != null && a.getState() != null)
          .forEach(a -> before.put(a.getAlarmName(), a.getState()));
    }
    for (AlarmStatus alarm : next.getAlarms()) {
      String was = before.get(alarm.getAlarmName());
      String is = alarm.getState();
      if (is == null || is.equals(was) || (was == null && !ALARM.equals(is))) {
        continue;
      }
      String message =
          "alarm "
              + alarm.getName()
              + " is "
              + is
              + (was == null ? "" : " (was " + was + ")")
              + (alarm.getStateReason() == null ? "" : ": " + alarm.getStateReason());
      if (ALARM.equals(is)) {
        events.warning(resource, ALARM_STATE_CHANGED, message);
      } else {
        events.normal(resource, ALARM_STATE_CHANGED, message);
      }
    }
  }

  private static boolean conditionChanged(ModelAuditStatus previous, Outcome outcome) {
    if (previous == null) {
      return true;
    }
    String type =
        switch (outcome.state()) {
          case SYNCED -> Conditions.READY;
          case PROGRESSING -> Conditions.RECONCILING;
          case STALLED -> Conditions.STALLED;
        };
    return Conditions.find(previous.getConditions(), type)
        .map(
            c ->
                !Conditions.TRUE.equals(c.getStatus())
                    || !outcome.reason().equals(c.getReason())
                    || !outcome.message().equals(c.getMessage()))
        .orElse(true);
  }

  private static String eventReason(Change.Verb verb) {
    return switch (verb) {
      case CREATE -> "Created";
      case UPDATE -> "Updated";
      case DELETE -> "Deleted";
    };
  }

  private static String summary(List<Change> changes) {
    return changes.stream().map(Change::describe).collect(Collectors.joining("; "));
  }

  private UpdateControl<ModelAudit> requeue(
      String id, Outcome outcome, UpdateControl<ModelAudit> control) {
    if (ErrorMapping.isRetryable(outcome)) {
      Duration delay = backoff.nextDelay(id);
      LOG.info("{}: retrying in {}", id, delay);
      return control.rescheduleAfter(delay.toMillis());
    }
    backoff.reset(id);
    if (ErrorMapping.isFixedOutsideTheSpec(outcome)) {
      // A person fixes these in AWS or IAM, not in the spec, so no event would tell the operator:
      // look again every drift check.
      return control.rescheduleAfter(config.driftCheckInterval().toMillis());
    }
    return control;
  }

  /** Best effort: tells kubectl users why deletion waits; the retry happens anyway. */
  private void reportDeleting(ModelAudit resource, Context<ModelAudit> context, Outcome failure) {
    try {
      ModelAuditStatus next =
          StatusBuilder.next(
              resource.getStatus(),
              generation(resource),
              Outcome.progressing(
                  Reasons.DELETING,
                  "Deleting; AWS cleanup failed and is retried, the finalizer stays until it"
                      + " succeeds: "
                      + failure.message()),
              null,
              false,
              now());
      recordMetrics(resource, next);
      if (!StatusBuilder.same(resource.getStatus(), next)) {
        context
            .getClient()
            .resources(ModelAudit.class)
            .inNamespace(resource.getMetadata().getNamespace())
            .withName(resource.getMetadata().getName())
            .editStatus(
                latest -> {
                  latest.setStatus(next);
                  return latest;
                });
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: could not report deletion status: {}", id(resource), e.toString());
    }
  }

  // ---- metrics ----

  private void recordMetrics(ModelAudit resource, ModelAuditStatus status) {
    metrics.update(
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        Conditions.isTrue(status.getConditions(), Conditions.READY),
        status.getAlarmState());
  }

  /** The resource is about to disappear; its series must not linger in every scrape. */
  private void forgetMetrics(ModelAudit resource) {
    metrics.remove(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static long generation(ModelAudit resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0L : generation;
  }

  private static String id(ModelAudit resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /**
   * What one sync did: its outcome, the per-part status when observed, the writes made, and the
   * out-of-band changes that made the inventory ask for it.
   */
  private record Result(
      Outcome outcome,
      AwsParts parts,
      List<Change> applied,
      List<String> drift,
      String abandonedBy) {

    Result(Outcome outcome, AwsParts parts, List<Change> applied, List<String> drift) {
      this(outcome, parts, applied, drift, null);
    }

    /** A sync cut short because this replica may no longer act; nothing of it is reported. */
    static Result abandoned(RuntimeException cause, List<Change> applied) {
      return new Result(
          ErrorMapping.toOutcome(cause),
          null,
          applied,
          List.of(),
          String.valueOf(cause.getMessage()));
    }

    boolean abandoned() {
      return abandonedBy != null;
    }
  }
}
