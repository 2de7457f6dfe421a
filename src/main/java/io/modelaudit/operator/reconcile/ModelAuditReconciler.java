package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.modelaudit.operator.accounts.AccountMappings;
import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.accounts.AccountResolver;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways.FencedException;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.inventory.InventoryPoller;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.inventory.Trigger;
import io.modelaudit.operator.ops.ResourceMetrics;
import io.modelaudit.operator.part.AlarmState;
import io.modelaudit.operator.push.PushEvents;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.status.EventReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.StatusBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK glue: each reconcile is routed (full read or refresh from the inventory), run, turned
 * into the next status and events, and requeued; each deletion runs the cleanup its policy asks
 * for. The work itself is in {@link Sync}, {@link Refresh} and {@link Deletion}.
 */
@ControllerConfiguration(
    name = ModelAuditReconciler.NAME,
    finalizerName = ModelAuditReconciler.FINALIZER)
public class ModelAuditReconciler implements Reconciler<ModelAudit>, Cleaner<ModelAudit> {

  public static final String NAME = "modelaudit";
  public static final String FINALIZER = "modelaudit.io/cleanup";

  /** Reason of the event recorded when an alarm's state moves. */
  public static final String ALARM_STATE_CHANGED = EventReason.AlarmStateChanged.name();

  private static final Logger LOG = LoggerFactory.getLogger(ModelAuditReconciler.class);

  private final CloudWatchGateways gateways;
  private final OperatorConfig config;
  private final Clock clock;
  private final ResourceMetrics metrics;
  private final InventoryStore inventory;
  private final AccountMappings accountMappings;
  private final AccountResolver accounts;
  private final Routing routing;
  private final Sync sync;
  private final Refresh refresh;
  private final Deletion deletion;
  private final Derivation derivation;
  private final ConnectionConfigMaps connection;
  private final ReconcileEvents events;
  private final Requeue requeue;
  private final MetricClaimants claimants;
  private final ReconcileRequests requests = new ReconcileRequests();
  private volatile BooleanSupplier leading = () -> true;

  private final EventsGateways pushAws;
  private volatile PushEvents push;

  /**
   * @param pushAws the push machinery's AWS; null without push events
   * @param accountMappings the live account mapping; null when every ModelAudit uses the operator's
   *     own identity (MODELAUDIT_ACCOUNT_MAPPING=off)
   */
  public ModelAuditReconciler(
      CloudWatchGateways gateways,
      EventsGateways pushAws,
      OperatorConfig config,
      EventRecorder recorder,
      HomeRecorder homes,
      Clock clock,
      ResourceMetrics metrics,
      InventoryStore inventory,
      AccountMappings accountMappings) {
    this.gateways = gateways;
    this.pushAws = pushAws;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.inventory = inventory;
    this.accountMappings = accountMappings;
    this.accounts = accountMappings == null ? AccountResolver.OWN : accountMappings;
    Derivation derivation = new Derivation(config, accounts);
    this.derivation = derivation;
    this.events = new ReconcileEvents(recorder);
    this.connection = new ConnectionConfigMaps(events);
    // CloudTrail pushes what only full reads see (tags, streams): no periodic full read then
    this.routing =
        new Routing(inventory, config.resyncInterval(), config.pushEvents() != PushMode.ALL, clock);
    this.claimants = new MetricClaimants(derivation, config);
    this.sync =
        new Sync(gateways, homes, derivation, claimants, inventory, clock, this::isAbandoned);
    this.refresh = new Refresh(gateways, derivation, claimants, inventory, sync, clock);
    this.deletion = new Deletion(gateways, derivation, events, this::isAbandoned);
    this.requeue =
        new Requeue(
            new Backoff(config.retryInitialDelay(), config.retryMaxDelay()),
            config.driftCheckInterval());
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

  /**
   * Whether a failure ends the reconcile without a trace: AWS was fenced off, or this replica
   * stopped leading while the call failed (an interrupted wait for a rate-limit permit, say).
   */
  private boolean isAbandoned(RuntimeException failure) {
    return failure instanceof FencedException || !leading.getAsBoolean();
  }

  /**
   * The inventory's event source: batched listings that ask for reconciles of what changed; and the
   * requests for ModelAudits waiting for a metric another one lets go of, found through an index of
   * the controller's cache by metric.
   */
  @Override
  public List<EventSource<?, ModelAudit>> prepareEventSources(
      EventSourceContext<ModelAudit> context) {
    claimants.attach(context.getPrimaryCache());
    InventoryEventSource source = new InventoryEventSource(context.getPrimaryCache()::get);
    // the pushed events go to the poller, which needs the push machinery: wired through a holder
    AtomicReference<PushEvents.Dispatcher> dispatcher = new AtomicReference<>();
    PushEvents push =
        this.push =
            config.pushEvents().isOn()
                ? new PushEvents(
                    pushAws, config, forwardingTo(dispatcher), () -> leading.getAsBoolean())
                : null;
    InventoryPoller poller =
        new InventoryPoller(
            gateways,
            config,
            accounts,
            inventory,
            // a replica that does not hold the Lease lists nothing, so it makes no AWS call
            () ->
                leading.getAsBoolean()
                    ? context.getPrimaryCache().list().toList()
                    : List.<ModelAudit>of(),
            source::request,
            clock,
            push);
    dispatcher.set(poller.dispatcher());
    source.attach(poller);
    if (accountMappings == null) {
      return List.of(source, requests, connection.eventSource(context));
    }
    // A change of the administrator's mapping moves namespaces to other accounts (or to none):
    // their ModelAudits are read again in full, in the account they are mapped to now.
    accountMappings.onChange(
        namespaces ->
            context
                .getPrimaryCache()
                .list(r -> namespaces.contains(r.getMetadata().getNamespace()))
                .forEach(
                    r -> {
                      inventory.addTrigger(id(r), Trigger.resync());
                      source.request(r);
                    }));
    return List.of(
        source,
        requests,
        connection.eventSource(context),
        new AccountMappingEventSource(accountMappings));
  }

  /**
   * A ModelAudit in sync takes up push events in its account and region at once rather than at the
   * next inventory pass (up to an alarm-state interval later); taking up a target again is free.
   */
  private void takeUpPush(ModelAudit resource) {
    PushEvents machinery = push;
    if (machinery == null) {
      return;
    }
    AccountResolution account = derivation.account(resource);
    if (account.resolved()) {
      machinery.use(List.of(new AwsTarget(account.identity().get(), derivation.region(resource))));
    }
  }

  private static PushEvents.Dispatcher forwardingTo(AtomicReference<PushEvents.Dispatcher> target) {
    return new PushEvents.Dispatcher() {
      @Override
      public void alarmState(AwsTarget aws, String alarmName, AlarmState state) {
        target.get().alarmState(aws, alarmName, state);
      }

      @Override
      public void alarmChanged(AwsTarget aws, String alarmName, String operation) {
        target.get().alarmChanged(aws, alarmName, operation);
      }

      @Override
      public void changedByOthers(
          AwsTarget aws,
          String what,
          java.util.Collection<String> logGroups,
          java.util.Collection<String> alarms) {
        target.get().changedByOthers(aws, what, logGroups, alarms);
      }
    };
  }

  @Override
  public UpdateControl<ModelAudit> reconcile(ModelAudit resource, Context<ModelAudit> context) {
    String id = id(resource);
    ModelAuditStatus previous = resource.getStatus();
    Routing.Route route = routing.route(resource, id);
    SyncResult result =
        route.fullRead()
            ? sync.run(resource, id, route.drift())
            : refresh.run(resource, id, route.checkAlarms());
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
    events.record(resource, previous, next, result);
    wakeWaitingFor(resource);
    recordMetrics(resource, next);
    if (result.outcome().state() == Outcome.State.SYNCED) {
      connect(resource, context);
      takeUpPush(resource);
    }
    UpdateControl<ModelAudit> control;
    if (StatusBuilder.same(previous, next)) {
      control = UpdateControl.noUpdate();
    } else {
      resource.setStatus(next);
      control = UpdateControl.patchStatus(resource);
    }
    return requeue.after(id, result.outcome(), control);
  }

  @Override
  public DeleteControl cleanup(ModelAudit resource, Context<ModelAudit> context) {
    String id = id(resource);
    wakeWaitingFor(resource);
    Deletion.Result result = deletion.run(resource, id);
    if (result.abandoned()) {
      return DeleteControl.noFinalizerRemoval();
    }
    if (result.done()) {
      connection.delete(context.getClient(), resource);
      requeue.forget(id);
      inventory.forget(id);
      claimants.forget(resource);
      metrics.remove(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
      return DeleteControl.defaultDelete();
    }
    Outcome failure = result.failure().get();
    Duration delay = requeue.afterFailedCleanup(id);
    LOG.warn("{}: cleanup failed, retrying in {}: {}", id, delay, failure.message());
    if (requeue.firstFailure(id)) {
      events.warning(resource, EventReason.DeleteFailed, failure.message());
    }
    ModelAuditStatus waiting = DeletionStatus.waiting(resource, failure, now());
    recordMetrics(resource, waiting);
    DeletionStatus.write(context.getClient(), resource, waiting);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
  }

  /** The connection ConfigMap of a Ready ModelAudit, in the account its namespace is mapped to. */
  private void connect(ModelAudit resource, Context<ModelAudit> context) {
    var account = derivation.account(resource);
    if (account.resolved()) {
      connection.apply(resource, derivation.desired(resource, account.identity().get()), context);
    }
  }

  /**
   * When this ModelAudit lets go of metrics (deleted, or its spec no longer asks for them), the
   * ModelAudits refused for them are reconciled now rather than at their next periodic look: they
   * wait, retrying with backoff, until it has let go, then take the metric.
   */
  private void wakeWaitingFor(ModelAudit resource) {
    for (ModelAudit waiting : claimants.othersClaiming(resource, claimants.released(resource))) {
      requests.request(waiting);
    }
  }

  private void recordMetrics(ModelAudit resource, ModelAuditStatus status) {
    metrics.update(
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        Conditions.isTrue(status.getConditions(), Conditions.READY),
        status.getAlarmState());
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
}
