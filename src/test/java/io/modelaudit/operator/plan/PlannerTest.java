package io.modelaudit.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.desired.DesiredAlarm;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.desired.DesiredStateBuilder;
import io.modelaudit.operator.desired.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final String ARN = "arn:aws:logs:us-east-1:123456789012:log-group:";

  private final OperatorConfig config = OperatorConfig.defaults();

  @Test
  void nothingInAwsCreatesEverythingInOrder() {
    DesiredState desired = seed(s -> s);
    Plan plan = Planner.converge(desired, empty());

    assertThat(plan.blockers()).isEmpty();
    assertThat(plan.changes())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly(
            "CreateLogGroup",
            "PutRetention",
            "CreateLogStream",
            "PutMetricFilter",
            "PutMetricAlarm");
    assertThat(((Change.CreateLogGroup) plan.changes().get(0)).tags())
        .containsEntry(Tags.OWNER, "ml-prod/fraud-detector");
  }

  @Test
  void matchingAwsStateNeedsNoWrite() {
    DesiredState desired = seed(s -> s);
    assertThat(Planner.converge(desired, inSync(desired)).changes()).isEmpty();
  }

  @Test
  void awsDefaultsCountAsEqual() {
    DesiredState desired = seed(s -> s);
    Observation observed = inSync(desired);
    AlarmConfig want = desired.alarms().get(0).config();
    AlarmConfig asAwsReports =
        new AlarmConfig(
            want.alarmName(),
            "",
            want.metricNamespace(),
            want.metricName(),
            Map.of(),
            want.statistic(),
            null,
            want.period(),
            want.evaluationPeriods(),
            want.evaluationPeriods(),
            want.comparisonOperator(),
            want.threshold(),
            "missing",
            true,
            List.copyOf(want.alarmActions()),
            want.okActions(),
            List.of(),
            "None");
    Observation withDefaults = withAlarm(observed, asAwsReports);
    assertThat(Planner.converge(desired, withDefaults).changes()).isEmpty();
  }

  @Test
  void retentionChangeOnlyPutsRetention() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("retentionInDays: 7", "retentionInDays: 30"));
    List<Change> changes = Planner.converge(after, inSync(before)).changes();
    assertThat(changes).containsExactly(new Change.PutRetention(before.logGroupName(), 30, 7));
  }

  @Test
  void retentionRemovedDeletesThePolicy() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("logGroup:\n  retentionInDays: 7\n", ""));
    assertThat(Planner.converge(after, inSync(before)).changes())
        .containsExactly(new Change.DeleteRetention(before.logGroupName(), 7));
  }

  @Test
  void thresholdChangeOnlyUpdatesThatAlarmWithoutTags() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("threshold: 5", "threshold: 9"));
    List<Change> changes = Planner.converge(after, inSync(before)).changes();
    assertThat(changes).hasSize(1);
    Change.PutMetricAlarm put = (Change.PutMetricAlarm) changes.get(0);
    assertThat(put.exists()).isTrue();
    assertThat(put.alarm().threshold()).isEqualTo(9.0);
  }

  @Test
  void patternChangeOnlyReplacesTheFilter() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("[timestamp=*Z, request_id, event, ...]", "ERROR"));
    List<Change> changes = Planner.converge(after, inSync(before)).changes();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0)).isInstanceOf(Change.PutMetricFilter.class);
    assertThat(((Change.PutMetricFilter) changes.get(0)).filter().pattern()).isEqualTo("ERROR");
  }

  @Test
  void tagChangeTagsGroupAndAlarmAndRemovedTagIsUntagged() {
    DesiredState before = seed(s -> s);
    DesiredState after =
        seed(
            s ->
                s.replace("Environment: production", "Environment: staging")
                    .replace("  Purpose: AIModelAuditing\n", ""));
    List<Change> changes = Planner.converge(after, inSync(before)).changes();
    assertThat(changes)
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("TagLogGroup", "UntagLogGroup", "TagAlarm", "UntagAlarm");
    assertThat(((Change.TagLogGroup) changes.get(0)).tags())
        .containsExactly(Map.entry("Environment", "staging"));
    assertThat(((Change.UntagLogGroup) changes.get(1)).keys()).containsExactly("Purpose");
  }

  @Test
  void awsOwnTagsAreNeverRemoved() {
    DesiredState desired = seed(s -> s);
    Observation observed = inSync(desired);
    Map<String, String> tags = new HashMap<>(observed.logGroupTags());
    tags.put("aws:cloudformation:stack-name", "x");
    Observation withAwsTag = copy(observed, tags, observed.alarmTags());
    assertThat(Planner.converge(desired, withAwsTag).changes()).isEmpty();
  }

  @Test
  void newStreamIsCreatedAndDroppedStreamKeptUnlessDeletePolicy() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("- inference", "- predictions"));
    Observation observed = inSync(before);

    assertThat(Planner.converge(after, observed).changes())
        .containsExactly(new Change.CreateLogStream(before.logGroupName(), "predictions"));

    DesiredState deleting =
        seed(s -> s.replace("- inference", "- predictions") + "deletionPolicy: Delete\n");
    assertThat(Planner.converge(deleting, observed).changes())
        .containsExactly(
            new Change.CreateLogStream(before.logGroupName(), "predictions"),
            new Change.DeleteLogStream(before.logGroupName(), "inference"));
  }

  @Test
  void filterAndAlarmDroppedFromSpecAreDeleted() {
    DesiredState before = seed(s -> s);
    DesiredState after =
        DesiredStateBuilder.build(
            "ml-prod",
            "fraud-detector",
            Fixtures.spec(
                """
                logGroup: {retentionInDays: 7}
                logStreams: [inference]
                model: {name: fraud-detector, version: "3.2"}
                tags: {Environment: production, Purpose: AIModelAuditing}
                """),
            config);
    List<Change> changes = Planner.converge(after, inSync(before)).changes();
    assertThat(changes)
        .containsExactly(
            new Change.DeleteMetricFilter(before.logGroupName(), "events"),
            new Change.DeleteAlarms(List.of(before.alarms().get(0).alarmName())));
  }

  @Test
  void untrackedFilterInTheOperatorsOwnGroupIsRemoved() {
    // e.g. made just before a crash or a lost status write, then dropped from the spec
    DesiredState desired = seed(s -> s);
    Observation withUntracked = withExtraFilter(desired, inSync(desired), "untracked");
    assertThat(Planner.converge(desired, withUntracked).changes())
        .containsExactly(new Change.DeleteMetricFilter(desired.logGroupName(), "untracked"));
  }

  @Test
  void untrackedFilterInAnAdoptedGroupIsLeftAlone() {
    DesiredState desired = seed(s -> s + "adoptExisting: true\n");
    Observation withForeign = withExtraFilter(desired, inSync(desired), "someone-elses");
    assertThat(Planner.converge(desired, withForeign).changes()).isEmpty();
  }

  private static Observation withExtraFilter(
      DesiredState desired, Observation observed, String name) {
    List<MetricFilterConfig> filters = new ArrayList<>(observed.metricFilters());
    filters.add(
        new MetricFilterConfig(desired.logGroupName(), name, "", "X", "Y", "1", null, null, null));
    return new Observation(
        observed.logGroup(),
        observed.logGroupTags(),
        observed.logStreams(),
        filters,
        observed.alarms(),
        observed.alarmTags(),
        observed.managedStreams(),
        observed.managedFilters(),
        observed.managedAlarms());
  }

  @Test
  void filterStoredTwiceUnderItsNameIsReplacedByASingleCopy() {
    DesiredState desired = seed(s -> s);
    MetricFilterConfig want = desired.metricFilters().get(0);
    MetricFilterConfig stale = withPattern(want, "ERROR");
    // Even when one copy matches, the other still counts events: remove both and put one.
    Observation observed = withFilters(inSync(desired), List.of(stale, want));

    assertThat(Planner.converge(desired, observed).changes())
        .containsExactly(
            new Change.DeleteMetricFilter(desired.logGroupName(), "events"),
            new Change.DeleteMetricFilter(desired.logGroupName(), "events"),
            new Change.PutMetricFilter(want, true));
  }

  @Test
  void filterEditConvergesOnAStoreThatAppendsInsteadOfReplacing() {
    // moto 5.2.1 appends on PutMetricFilter with an existing name and deletes one copy per call;
    // the plan must still reach a state that needs no write, with one copy left.
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("[timestamp=*Z, request_id, event, ...]", "ERROR"));
    List<MetricFilterConfig> store = new ArrayList<>(before.metricFilters());
    int rounds = 0;
    List<Change> changes = Planner.converge(after, withFilters(inSync(after), store)).changes();
    while (!changes.isEmpty() && rounds < 5) {
      for (Change change : changes) {
        if (change instanceof Change.PutMetricFilter put) {
          store.add(put.filter());
        } else if (change instanceof Change.DeleteMetricFilter delete) {
          store.stream()
              .filter(f -> f.filterName().equals(delete.filterName()))
              .findFirst()
              .ifPresent(store::remove);
        }
      }
      rounds++;
      changes = Planner.converge(after, withFilters(inSync(after), store)).changes();
    }

    assertThat(changes).as("writes still planned after %d rounds", rounds).isEmpty();
    assertThat(store).containsExactly(after.metricFilters().get(0));
  }

  @Test
  void filterDroppedFromSpecIsDeletedOncePerStoredCopy() {
    DesiredState before = seed(s -> s);
    DesiredState after =
        DesiredStateBuilder.build(
            "ml-prod",
            "fraud-detector",
            Fixtures.spec(
                """
                logGroup: {retentionInDays: 7}
                logStreams: [inference]
                model: {name: fraud-detector, version: "3.2"}
                tags: {Environment: production, Purpose: AIModelAuditing}
                """),
            config);
    MetricFilterConfig events = before.metricFilters().get(0);
    Observation observed =
        withFilters(inSync(before), List.of(events, withPattern(events, "ERROR")));

    assertThat(Planner.converge(after, observed).changes())
        .filteredOn(c -> c instanceof Change.DeleteMetricFilter)
        .containsExactly(
            new Change.DeleteMetricFilter(before.logGroupName(), "events"),
            new Change.DeleteMetricFilter(before.logGroupName(), "events"));
  }

  @Test
  void groupOfAnotherModelAuditBlocksEverything() {
    DesiredState desired = seed(s -> s);
    Observation observed = inSync(desired);
    Map<String, String> tags = new HashMap<>(observed.logGroupTags());
    tags.put(Tags.OWNER, "other-team/model");
    Plan plan = Planner.converge(desired, copy(observed, tags, observed.alarmTags()));
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.blockers()).extracting(Blocker::reason).containsExactly("OwnershipConflict");
    assertThat(plan.blockers().get(0).message()).contains("other-team/model");
  }

  @Test
  void untaggedExistingGroupBlocksUnlessAdopted() {
    DesiredState desired = seed(s -> s);
    Observation observed = copy(inSync(desired), Map.of(), inSync(desired).alarmTags());
    assertThat(Planner.converge(desired, observed).blockers())
        .extracting(Blocker::reason)
        .containsExactly("AlreadyExists");

    DesiredState adopting = seed(s -> s + "adoptExisting: true\n");
    Plan plan = Planner.converge(adopting, observed);
    assertThat(plan.blockers()).isEmpty();
    assertThat(plan.changes()).hasSize(1);
    assertThat(((Change.TagLogGroup) plan.changes().get(0)).tags())
        .containsEntry(Tags.OWNER, "ml-prod/fraud-detector");
  }

  @Test
  void classMismatchIsAnImmutableFieldChange() {
    DesiredState desired = seed(s -> s);
    Observation observed = inSync(desired);
    ObservedLogGroup group = observed.logGroup().orElseThrow();
    LogGroupConfig other = new LogGroupConfig(group.name(), 7, null, "INFREQUENT_ACCESS", false);
    Observation infrequent =
        new Observation(
            Optional.of(new ObservedLogGroup(other, group.arn())),
            observed.logGroupTags(),
            observed.logStreams(),
            observed.metricFilters(),
            observed.alarms(),
            observed.alarmTags(),
            observed.managedStreams(),
            observed.managedFilters(),
            observed.managedAlarms());
    assertThat(Planner.converge(desired, infrequent).blockers())
        .extracting(Blocker::reason)
        .containsExactly("ImmutableFieldChanged");
  }

  @Test
  void retainDeletionRemovesAlarmsAndFiltersOnly() {
    DesiredState desired = seed(s -> s);
    List<Change> changes = Planner.delete(desired, inSync(desired)).changes();
    assertThat(changes)
        .containsExactly(
            new Change.DeleteAlarms(List.of(desired.alarms().get(0).alarmName())),
            new Change.DeleteMetricFilter(desired.logGroupName(), "events"));
  }

  @Test
  void deleteDeletionRemovesEverythingInOrder() {
    DesiredState desired = seed(s -> s + "deletionPolicy: Delete\n");
    assertThat(Planner.delete(desired, inSync(desired)).changes())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("DeleteAlarms", "DeleteMetricFilter", "DeleteLogStream", "DeleteLogGroup");
  }

  @Test
  void orphanDeletionTouchesNothing() {
    DesiredState desired = seed(s -> s + "deletionPolicy: Orphan\n");
    assertThat(Planner.delete(desired, inSync(desired)).changes()).isEmpty();
  }

  @Test
  void deletionNeverTouchesAnotherOwnersGroup() {
    DesiredState desired = seed(s -> s + "deletionPolicy: Delete\n");
    Observation observed = inSync(desired);
    Map<String, String> foreign = new HashMap<>(observed.logGroupTags());
    foreign.put(Tags.OWNER, "other/model");
    Map<String, Map<String, String>> alarmTags = new HashMap<>();
    observed.alarmTags().forEach((k, v) -> alarmTags.put(k, Map.of(Tags.OWNER, "other/model")));
    assertThat(Planner.delete(desired, copy(observed, foreign, alarmTags)).changes()).isEmpty();
  }

  @Test
  void deletionProtectionKeepsTheGroupUnderDelete() {
    DesiredState desired =
        seed(
            s ->
                s.replace("retentionInDays: 7", "retentionInDays: 7\n  deletionProtection: true")
                    + "deletionPolicy: Delete\n");
    Observation observed = inSync(desired);
    assertThat(Planner.delete(desired, observed).changes())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("DeleteAlarms", "DeleteMetricFilter");
    assertThat(Planner.deletionProtectionKeepsGroup(desired, observed)).isTrue();
  }

  // ---- helpers ----

  private static final String SEED =
      """
      model: {name: fraud-detector, version: "3.2"}
      logGroup:
        retentionInDays: 7
      logStreams:
        - inference
      metricFilters:
        - name: events
          pattern: "[timestamp=*Z, request_id, event, ...]"
          metric: {namespace: AIModelAuditing, name: EventCount, value: "1"}
      alarms:
        - name: high-event-rate
          metricFilter: events
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
      notifications:
        snsTopicArn: arn:aws:sns:us-east-1:123456789012:model-alerts
      tags:
        Environment: production
        Purpose: AIModelAuditing
      """;

  private DesiredState seed(UnaryOperator<String> edit) {
    String yaml = edit.apply(SEED);
    ModelAudit audit = Fixtures.resource("ml-prod", "fraud-detector", yaml);
    return DesiredStateBuilder.build("ml-prod", "fraud-detector", audit.getSpec(), config);
  }

  private static Observation empty() {
    return new Observation(
        Optional.empty(),
        Map.of(),
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        Set.of(),
        Set.of(),
        Set.of());
  }

  /** AWS exactly as the desired state says, and everything recorded as managed. */
  private static Observation inSync(DesiredState desired) {
    ObservedLogGroup group = new ObservedLogGroup(desired.logGroup(), ARN + desired.logGroupName());
    Map<String, ObservedAlarm> alarms = new HashMap<>();
    Map<String, Map<String, String>> alarmTags = new HashMap<>();
    for (DesiredAlarm alarm : desired.alarms()) {
      alarms.put(
          alarm.alarmName(),
          new ObservedAlarm(alarm.config(), "arn:alarm:" + alarm.alarmName(), "OK", "", null));
      alarmTags.put(alarm.alarmName(), desired.tags());
    }
    return new Observation(
        Optional.of(group),
        desired.tags(),
        desired.logStreams(),
        desired.metricFilters(),
        alarms,
        alarmTags,
        Set.copyOf(desired.logStreams()),
        Set.copyOf(desired.metricFilters().stream().map(MetricFilterConfig::filterName).toList()),
        Set.copyOf(desired.alarms().stream().map(DesiredAlarm::alarmName).toList()));
  }

  private static Observation withAlarm(Observation o, AlarmConfig alarm) {
    Map<String, ObservedAlarm> alarms = new HashMap<>(o.alarms());
    alarms.put(alarm.alarmName(), new ObservedAlarm(alarm, "arn", "OK", "", null));
    return new Observation(
        o.logGroup(),
        o.logGroupTags(),
        o.logStreams(),
        o.metricFilters(),
        alarms,
        o.alarmTags(),
        o.managedStreams(),
        o.managedFilters(),
        o.managedAlarms());
  }

  private static Observation withFilters(Observation o, List<MetricFilterConfig> filters) {
    return new Observation(
        o.logGroup(),
        o.logGroupTags(),
        o.logStreams(),
        filters,
        o.alarms(),
        o.alarmTags(),
        o.managedStreams(),
        o.managedFilters(),
        o.managedAlarms());
  }

  private static MetricFilterConfig withPattern(MetricFilterConfig f, String pattern) {
    return new MetricFilterConfig(
        f.logGroupName(),
        f.filterName(),
        pattern,
        f.metricNamespace(),
        f.metricName(),
        f.metricValue(),
        f.defaultValue(),
        f.unit(),
        f.dimensions());
  }

  private static Observation copy(
      Observation o, Map<String, String> groupTags, Map<String, Map<String, String>> alarmTags) {
    return new Observation(
        o.logGroup(),
        groupTags,
        o.logStreams(),
        o.metricFilters(),
        o.alarms(),
        alarmTags,
        o.managedStreams(),
        o.managedFilters(),
        o.managedAlarms());
  }
}
