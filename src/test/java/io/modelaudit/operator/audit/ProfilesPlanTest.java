package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AnomalyDetectorStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedAnomalyDetector;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.ObservedDashboard;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.alarms.AlarmChanges;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.anomaly.AnomalyChanges;
import io.modelaudit.operator.part.anomaly.AnomalyPart;
import io.modelaudit.operator.part.anomaly.DesiredDetector;
import io.modelaudit.operator.part.composite.CompositeChanges;
import io.modelaudit.operator.part.composite.CompositePart;
import io.modelaudit.operator.part.composite.DesiredHealthAlarm;
import io.modelaudit.operator.part.dashboard.DashboardBody;
import io.modelaudit.operator.part.dashboard.DashboardPart;
import io.modelaudit.operator.part.dashboard.DesiredDashboard;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.support.ObservedAws;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plans of the AI audit profile parts: the order of the writes, the one-composite prune before the
 * alarms it watched, the record of a model before it is made, the dashboard never adopted.
 */
class ProfilesPlanTest {

  private static final Path LLM_EXAMPLE = Path.of("examples", "03-llm-support-assistant.yaml");
  private final OperatorConfig config = OperatorConfig.defaults();

  @Test
  void aNewModelAuditIsCreatedModelFirstHealthAlarmAfterItsAlarmsDashboardLast() {
    DesiredState desired = llm();

    Plan plan = Planner.converge(desired, ObservedAws.empty().observation());

    List<String> kinds = plan.changes().stream().map(c -> c.getClass().getSimpleName()).toList();
    assertThat(plan.step()).isEqualTo(Plan.Step.CONVERGE);
    assertThat(kinds.indexOf("PutAnomalyDetector")).isLessThan(kinds.indexOf("PutMetricAlarm"));
    assertThat(kinds.indexOf("PutCompositeAlarm"))
        .isGreaterThan(kinds.lastIndexOf("PutMetricAlarm"));
    assertThat(kinds.get(kinds.size() - 1)).isEqualTo("PutDashboard");
    assertThat(kinds).filteredOn("PutMetricAlarm"::equals).hasSize(9);
    // the dashboard's alarm graphs wait for the ARNs of the alarms this plan creates
    assertThat(Planner.awaitsAnotherPass(desired, ObservedAws.empty().observation())).isTrue();
  }

  @Test
  void aModelAuditInSyncNeedsNoWriteAndNoSecondPass() {
    DesiredState desired = llm();
    Observation observed = inSync(desired);

    assertThat(Planner.converge(desired, observed).changes()).isEmpty();
    assertThat(Planner.awaitsAnotherPass(desired, observed)).isFalse();
  }

  @Test
  void anAlarmTheHealthAlarmWatchedIsDeletedOnlyAfterTheHealthAlarmLetItGo() {
    DesiredState before = llm();
    DesiredState after =
        llm(
            a -> {
              a.getSpec().getAlarms().removeIf(x -> x.getName().equals("long-answers"));
              return a;
            });

    Plan plan = Planner.converge(after, inSync(before));

    List<Change> changes = plan.changes();
    int put = indexOf(changes, CompositeChanges.PutCompositeAlarm.class);
    int delete = indexOf(changes, AlarmChanges.DeleteAlarms.class);
    assertThat(put).isNotNegative().isLessThan(delete);
    assertThat(((AlarmChanges.DeleteAlarms) changes.get(delete)).alarmNames())
        .containsExactly("modelaudit-ml-prod/support-assistant/long-answers");
  }

  @Test
  void droppingTheHealthAlarmDeletesItBeforeAnyAlarm() {
    DesiredState before = llm();
    DesiredState after =
        llm(
            a -> {
              a.getSpec().setHealthAlarm(null);
              a.getSpec().getAlarms().removeIf(x -> x.getName().equals("maintenance"));
              return a;
            });

    List<Change> changes = Planner.converge(after, inSync(before)).changes();

    assertThat(indexOf(changes, CompositeChanges.DeleteCompositeAlarm.class))
        .isNotNegative()
        .isLessThan(indexOf(changes, AlarmChanges.DeleteAlarms.class));
  }

  @Test
  void aModelOutsideTheOwnNamespaceIsRecordedBeforeItIsMade() {
    DesiredState desired = teamModel(false);
    Observation nothing = ObservedAws.empty().observation();

    Plan plan = Planner.converge(desired, nothing);

    assertThat(plan.step()).isEqualTo(Plan.Step.PREPARE);
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.why()).contains("Team/Traffic Requests (Sum)");

    Observation recorded = nothing.with(AnomalyPart.PART, recorded(desired, "created", false));
    Plan next = Planner.converge(desired, recorded);
    assertThat(next.step()).isEqualTo(Plan.Step.CONVERGE);
    assertThat(next.changes().get(indexOf(next.changes(), AnomalyChanges.PutAnomalyDetector.class)))
        .isEqualTo(new AnomalyChanges.PutAnomalyDetector(model(desired), false));
  }

  @Test
  void aModelSomeoneElseMadeBlocksUnlessAdoptedAndIsRecordedBeforeItChanges() {
    DesiredState desired = teamModel(false);
    Observation theirs =
        ObservedAws.empty().observation().with(AnomalyPart.PART, existing(model(desired)));

    Plan blocked = Planner.converge(desired, theirs);
    assertThat(blocked.blockers())
        .singleElement()
        .satisfies(b -> assertThat(b.reason()).isEqualTo(ConditionReason.AlreadyExists));

    DesiredState adopting = teamModel(true);
    Plan hold = Planner.converge(adopting, theirs);
    assertThat(hold.step()).isEqualTo(Plan.Step.RECORD);
    assertThat(hold.why()).contains("as adopted");
  }

  @Test
  void aModelTheOperatorMadeIsDeletedWhenDroppedButAnAdoptedOneIsKept() {
    DesiredState desired = teamModel(false);
    DesiredState withoutSettings = teamModel(false, "");
    DesiredState dropped =
        DesiredStateBuilder.build(
            "ml-prod",
            "team",
            Fixtures.spec(
                """
                metricFilters:
                  - name: requests
                    pattern: '{ $.event.name = * }'
                    metric: {namespace: Team/Traffic, name: Requests, value: "1"}
                """),
            config);
    AnomalyDetectorConfig model = model(desired);

    Observation made =
        ObservedAws.empty().observation().with(AnomalyPart.PART, both(model, "created"));
    assertThat(modelChanges(Planner.converge(withoutSettings, made)))
        .as("the band alarm still uses the model: kept as it is")
        .isEmpty();
    assertThat(modelChanges(Planner.converge(dropped, made)))
        .containsExactly(new AnomalyChanges.DeleteAnomalyDetector(model));

    Observation adopted =
        ObservedAws.empty().observation().with(AnomalyPart.PART, both(model, "adopted"));
    assertThat(modelChanges(Planner.converge(dropped, adopted))).isEmpty();
    assertThat(modelChanges(Planner.delete(desired, adopted))).isEmpty();
    assertThat(Planner.delete(desired, adopted).kept()).hasSize(1);
    assertThat(modelChanges(Planner.delete(desired, made)))
        .containsExactly(new AnomalyChanges.DeleteAnomalyDetector(model));
  }

  @Test
  void theModelCloudWatchMadeForABandWithoutSettingsIsKeptWhileTheAlarmUsesIt() {
    java.util.function.UnaryOperator<ModelAudit> noSettings =
        a -> {
          a.getSpec().getAlarms().stream()
              .filter(x -> x.getName().equals("traffic-anomaly"))
              .forEach(x -> x.setAnomalyDetector(null));
          return a;
        };
    DesiredState desired = llm(noSettings);
    assertThat(desired.of(AnomalyPart.PART).detectors()).isEmpty();
    // the model AWS trained for the band, in this ModelAudit's own metric namespace
    AnomalyDetectorConfig made =
        new AnomalyDetectorConfig(
            "modelaudit/ml-prod/support-assistant", "Requests", Map.of(), "Sum", List.of(), null);
    Observation observed = inSync(desired).with(AnomalyPart.PART, existing(made));

    assertThat(modelChanges(Planner.converge(desired, observed))).isEmpty();

    DesiredState dropped =
        llm(
            a -> {
              a.getSpec().getAlarms().removeIf(x -> x.getName().equals("traffic-anomaly"));
              return a;
            });
    assertThat(modelChanges(Planner.converge(dropped, observed)))
        .containsExactly(new AnomalyChanges.DeleteAnomalyDetector(made));
  }

  @Test
  void aDashboardNobodyOwnsIsNeverAdopted() {
    DesiredState desired =
        llm(
            a -> {
              a.getSpec().setAdoptExisting(true);
              return a;
            });
    String name = desired.of(DashboardPart.PART).orElseThrow().name();
    Observation observed =
        inSync(desired)
            .with(
                DashboardPart.PART,
                new DashboardPart.Observed(
                    Map.of(name, new ObservedDashboard(name, "arn:d", "{}")),
                    Map.of(name, Map.of()),
                    null,
                    true,
                    Map.of()));

    Plan plan = Planner.converge(desired, observed);

    assertThat(plan.blockers())
        .singleElement()
        .satisfies(b -> assertThat(b.message()).contains("a dashboard is never adopted"));
  }

  // ---- fixtures ----

  private DesiredState llm() {
    return llm(a -> a);
  }

  private DesiredState llm(java.util.function.UnaryOperator<ModelAudit> edit) {
    ModelAudit audit = edit.apply(Fixtures.example(LLM_EXAMPLE));
    return DesiredStateBuilder.build(
        audit.getMetadata().getNamespace(), audit.getMetadata().getName(), audit.getSpec(), config);
  }

  private DesiredState teamModel(boolean adopt) {
    return teamModel(adopt, "anomalyDetector: {metricTimezone: Europe/Berlin}");
  }

  private DesiredState teamModel(boolean adopt, String settings) {
    String yaml =
        """
        metricFilters:
          - name: requests
            pattern: '{ $.event.name = * }'
            metric: {namespace: Team/Traffic, name: Requests, value: "1"}
        alarms:
          - name: traffic
            metrics:
              - {id: requests, metricFilter: requests, stat: Sum, returnData: true}
              - {id: band, expression: "ANOMALY_DETECTION_BAND(requests)"}
            thresholdMetricId: band
            %s
            period: 300
            evaluationPeriods: 3
            comparisonOperator: GreaterThanUpperThreshold
        adoptExisting: %s
        """
            .formatted(settings, adopt);
    return DesiredStateBuilder.build("ml-prod", "team", Fixtures.spec(yaml), config);
  }

  private static AnomalyDetectorConfig model(DesiredState desired) {
    List<DesiredDetector> detectors = desired.of(AnomalyPart.PART).detectors();
    assertThat(detectors).hasSize(1);
    return detectors.get(0).config();
  }

  private static AnomalyPart.Observed existing(AnomalyDetectorConfig model) {
    return new AnomalyPart.Observed(
        Map.of(AnomalyPart.key(model), new ObservedAnomalyDetector(model, "TRAINED")), Map.of());
  }

  private static AnomalyPart.Observed recorded(
      DesiredState desired, String origin, boolean exists) {
    AnomalyDetectorConfig model = model(desired);
    return new AnomalyPart.Observed(
        exists
            ? Map.of(AnomalyPart.key(model), new ObservedAnomalyDetector(model, "TRAINED"))
            : Map.of(),
        Map.of(AnomalyPart.key(model), record(model, origin)));
  }

  private static AnomalyPart.Observed both(AnomalyDetectorConfig model, String origin) {
    return new AnomalyPart.Observed(
        Map.of(AnomalyPart.key(model), new ObservedAnomalyDetector(model, "TRAINED")),
        Map.of(AnomalyPart.key(model), record(model, origin)));
  }

  private static AnomalyDetectorStatus record(AnomalyDetectorConfig model, String origin) {
    return new AnomalyDetectorStatus(
        "traffic", model.namespace(), model.metricName(), null, model.stat(), origin, "TRAINED");
  }

  /** AWS exactly as the desired state says, with everything made by this ModelAudit. */
  private static Observation inSync(DesiredState desired) {
    Map<String, String> tags = ObservedAws.createdTags(desired);
    Map<String, ObservedAlarm> alarms = new HashMap<>();
    Map<String, Map<String, String>> alarmTags = new HashMap<>();
    Map<String, String> arns = new HashMap<>();
    for (DesiredAlarm alarm : desired.of(AlarmsPart.PART)) {
      String arn = "arn:alarm:" + alarm.alarmName();
      alarms.put(alarm.alarmName(), new ObservedAlarm(alarm.config(), arn, "OK", "", null));
      alarmTags.put(alarm.alarmName(), tags);
      arns.put(alarm.alarmName(), arn);
    }
    Map<String, ObservedCompositeAlarm> composites = new HashMap<>();
    Map<String, Map<String, String>> compositeTags = new HashMap<>();
    Optional<DesiredHealthAlarm> health = desired.of(CompositePart.PART);
    health.ifPresent(
        h -> {
          String arn = "arn:alarm:" + h.alarmName();
          composites.put(
              h.alarmName(), new ObservedCompositeAlarm(h.config(), arn, "OK", "", null));
          compositeTags.put(h.alarmName(), tags);
          arns.put(h.alarmName(), arn);
        });
    Map<String, ObservedAnomalyDetector> models = new HashMap<>();
    for (DesiredDetector detector : desired.of(AnomalyPart.PART).detectors()) {
      models.put(
          AnomalyPart.key(detector.config()),
          new ObservedAnomalyDetector(detector.config(), "TRAINED"));
    }
    Map<String, ObservedDashboard> dashboards = new HashMap<>();
    Map<String, Map<String, String>> dashboardTags = new HashMap<>();
    Optional<DesiredDashboard> dashboard = desired.of(DashboardPart.PART);
    dashboard.ifPresent(
        d -> {
          dashboards.put(
              d.name(),
              new ObservedDashboard(
                  d.name(), "arn:dashboard/" + d.name(), DashboardBody.render(d, arns)));
          dashboardTags.put(d.name(), tags);
        });
    ObservedLogGroup group =
        new ObservedLogGroup(
            desired.of(LogGroupPart.PART).config(), "arn:log-group:" + desired.logGroupName());
    return new ObservedAws(
            Optional.of(group),
            tags,
            desired.of(LogStreamsPart.PART),
            desired.of(MetricFiltersPart.PART),
            alarms,
            alarmTags,
            Set.copyOf(desired.of(LogStreamsPart.PART)),
            Set.copyOf(
                desired.of(MetricFiltersPart.PART).stream()
                    .map(MetricFilterConfig::filterName)
                    .toList()),
            Set.copyOf(alarms.keySet()))
        .observation()
        .with(AnomalyPart.PART, new AnomalyPart.Observed(models, Map.of()))
        .with(
            CompositePart.PART,
            new CompositePart.Observed(
                composites,
                compositeTags,
                health.map(DesiredHealthAlarm::alarmName).orElse(null),
                true))
        .with(
            DashboardPart.PART,
            new DashboardPart.Observed(
                dashboards,
                dashboardTags,
                dashboard.map(DesiredDashboard::name).orElse(null),
                true,
                arns));
  }

  /** The plan's writes of anomaly models only. */
  private static List<Change> modelChanges(Plan plan) {
    return plan.changes().stream()
        .filter(
            c ->
                c instanceof AnomalyChanges.PutAnomalyDetector
                    || c instanceof AnomalyChanges.DeleteAnomalyDetector)
        .toList();
  }

  private static int indexOf(List<Change> changes, Class<? extends Change> type) {
    for (int i = 0; i < changes.size(); i++) {
      if (type.isInstance(changes.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
