package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmChanges;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.loggroup.LogGroupChanges;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamChanges;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFilterChanges;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.EventReason;
import io.modelaudit.operator.support.ObservedAws;
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
    Plan plan = converge(desired, empty());

    assertThat(plan.blockers()).isEmpty();
    assertThat(plan.changes())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly(
            "CreateLogGroup",
            "PutRetention",
            "CreateLogStream",
            "PutMetricFilter",
            "PutMetricAlarm");
    assertThat(((LogGroupChanges.CreateLogGroup) plan.changes().get(0)).tags())
        .containsEntry(Tags.OWNER, "ml-prod/fraud-detector");
  }

  @Test
  void matchingAwsStateNeedsNoWrite() {
    DesiredState desired = seed(s -> s);
    assertThat(converge(desired, inSync(desired)).changes()).isEmpty();
  }

  @Test
  void awsDefaultsCountAsEqual() {
    DesiredState desired = seed(s -> s);
    ObservedAws observed = inSync(desired);
    AlarmConfig want = desired.of(AlarmsPart.PART).get(0).config();
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
    ObservedAws withDefaults = withAlarm(observed, asAwsReports);
    assertThat(converge(desired, withDefaults).changes()).isEmpty();
  }

  @Test
  void retentionChangeOnlyPutsRetention() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("retentionInDays: 7", "retentionInDays: 30"));
    List<Change> changes = converge(after, inSync(before)).changes();
    assertThat(changes)
        .containsExactly(new LogGroupChanges.PutRetention(before.logGroupName(), 30, 7));
  }

  @Test
  void retentionRemovedDeletesThePolicy() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("logGroup:\n  retentionInDays: 7\n", ""));
    assertThat(converge(after, inSync(before)).changes())
        .containsExactly(new LogGroupChanges.DeleteRetention(before.logGroupName(), 7));
  }

  @Test
  void thresholdChangeOnlyUpdatesThatAlarmWithoutTags() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("threshold: 5", "threshold: 9"));
    List<Change> changes = converge(after, inSync(before)).changes();
    assertThat(changes).hasSize(1);
    AlarmChanges.PutMetricAlarm put = (AlarmChanges.PutMetricAlarm) changes.get(0);
    assertThat(put.exists()).isTrue();
    assertThat(put.alarm().threshold()).isEqualTo(9.0);
  }

  @Test
  void patternChangeOnlyReplacesTheFilter() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("[timestamp=*Z, request_id, event, ...]", "ERROR"));
    List<Change> changes = converge(after, inSync(before)).changes();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0)).isInstanceOf(MetricFilterChanges.PutMetricFilter.class);
    assertThat(((MetricFilterChanges.PutMetricFilter) changes.get(0)).filter().pattern())
        .isEqualTo("ERROR");
  }

  @Test
  void tagChangeTagsGroupAndAlarmAndRemovedTagIsUntagged() {
    DesiredState before = seed(s -> s);
    DesiredState after =
        seed(
            s ->
                s.replace("Environment: production", "Environment: staging")
                    .replace("  Purpose: AIModelAuditing\n", ""));
    List<Change> changes = converge(after, inSync(before)).changes();
    assertThat(changes)
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("TagLogGroup", "UntagLogGroup", "TagAlarm", "UntagAlarm");
    assertThat(((LogGroupChanges.TagLogGroup) changes.get(0)).tags())
        .containsExactly(Map.entry("Environment", "staging"));
    assertThat(((LogGroupChanges.UntagLogGroup) changes.get(1)).keys()).containsExactly("Purpose");
  }

  @Test
  void awsOwnTagsAreNeverRemoved() {
    DesiredState desired = seed(s -> s);
    ObservedAws observed = inSync(desired);
    Map<String, String> tags = new HashMap<>(observed.logGroupTags());
    tags.put("aws:cloudformation:stack-name", "x");
    ObservedAws withAwsTag = copy(observed, tags, observed.alarmTags());
    assertThat(converge(desired, withAwsTag).changes()).isEmpty();
  }

  @Test
  void newStreamIsCreatedAndDroppedStreamKeptUnlessDeletePolicy() {
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("- inference", "- predictions"));
    ObservedAws observed = inSync(before);

    assertThat(converge(after, observed).changes())
        .containsExactly(
            new LogStreamChanges.CreateLogStream(before.logGroupName(), "predictions"));

    DesiredState deleting =
        seed(s -> s.replace("- inference", "- predictions") + "deletionPolicy: Delete\n");
    assertThat(converge(deleting, observed).changes())
        .containsExactly(
            new LogStreamChanges.CreateLogStream(before.logGroupName(), "predictions"),
            new LogStreamChanges.DeleteLogStream(before.logGroupName(), "inference"));
  }

  @Test
  void aStreamDroppedUnderDeleteStaysInAProtectedGroup() {
    DesiredState protectedGroup =
        seed(
            s ->
                s.replace("retentionInDays: 7", "retentionInDays: 7\n  deletionProtection: true")
                    + "deletionPolicy: Delete\n");
    DesiredState dropped =
        seed(
            s ->
                s.replace("retentionInDays: 7", "retentionInDays: 7\n  deletionProtection: true")
                        .replace("- inference", "- predictions")
                    + "deletionPolicy: Delete\n");

    assertThat(converge(dropped, inSync(protectedGroup)).changes())
        .containsExactly(
            new LogStreamChanges.CreateLogStream(protectedGroup.logGroupName(), "predictions"));
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
    List<Change> changes = converge(after, inSync(before)).changes();
    assertThat(changes)
        .containsExactly(
            new MetricFilterChanges.DeleteMetricFilter(before.logGroupName(), "events"),
            new AlarmChanges.DeleteAlarms(List.of(before.of(AlarmsPart.PART).get(0).alarmName())));
  }

  @Test
  void untrackedFilterInTheOperatorsOwnGroupIsRemoved() {
    // e.g. made just before a crash or a lost status write, then dropped from the spec
    DesiredState desired = seed(s -> s);
    ObservedAws withUntracked = withExtraFilter(desired, inSync(desired), "untracked");
    assertThat(converge(desired, withUntracked).changes())
        .containsExactly(
            new MetricFilterChanges.DeleteMetricFilter(desired.logGroupName(), "untracked"));
  }

  @Test
  void untrackedFilterInAnAdoptedGroupIsLeftAlone() {
    DesiredState desired = seed(s -> s + "adoptExisting: true\n");
    Map<String, String> adopted = new HashMap<>(inSync(desired).logGroupTags());
    adopted.put(Tags.ORIGIN, Tags.ADOPTED);
    ObservedAws withForeign =
        withExtraFilter(desired, inSync(desired).withLogGroupTags(adopted), "someone-elses")
            .withAdoption(new AdoptionStatus(desired.logGroupName(), List.of()));
    assertThat(converge(desired, withForeign).changes()).isEmpty();
  }

  private static ObservedAws withExtraFilter(
      DesiredState desired, ObservedAws observed, String name) {
    List<MetricFilterConfig> filters = new ArrayList<>(observed.metricFilters());
    filters.add(
        new MetricFilterConfig(desired.logGroupName(), name, "", "X", "Y", "1", null, null, null));
    return new ObservedAws(
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
    MetricFilterConfig want = desired.of(MetricFiltersPart.PART).get(0);
    MetricFilterConfig stale = withPattern(want, "ERROR");
    // Even when one copy matches, the other still counts events: remove both and put one.
    ObservedAws observed = withFilters(inSync(desired), List.of(stale, want));

    assertThat(converge(desired, observed).changes())
        .containsExactly(
            new MetricFilterChanges.DeleteMetricFilter(desired.logGroupName(), "events"),
            new MetricFilterChanges.DeleteMetricFilter(desired.logGroupName(), "events"),
            new MetricFilterChanges.PutMetricFilter(want, true));
  }

  @Test
  void filterEditConvergesOnAStoreThatAppendsInsteadOfReplacing() {
    // moto 5.2.1 appends on PutMetricFilter with an existing name and deletes one copy per call;
    // the plan must still reach a state that needs no write, with one copy left.
    DesiredState before = seed(s -> s);
    DesiredState after = seed(s -> s.replace("[timestamp=*Z, request_id, event, ...]", "ERROR"));
    List<MetricFilterConfig> store = new ArrayList<>(before.of(MetricFiltersPart.PART));
    int rounds = 0;
    List<Change> changes = converge(after, withFilters(inSync(after), store)).changes();
    while (!changes.isEmpty() && rounds < 5) {
      for (Change change : changes) {
        if (change instanceof MetricFilterChanges.PutMetricFilter put) {
          store.add(put.filter());
        } else if (change instanceof MetricFilterChanges.DeleteMetricFilter delete) {
          store.stream()
              .filter(f -> f.filterName().equals(delete.filterName()))
              .findFirst()
              .ifPresent(store::remove);
        }
      }
      rounds++;
      changes = converge(after, withFilters(inSync(after), store)).changes();
    }

    assertThat(changes).as("writes still planned after %d rounds", rounds).isEmpty();
    assertThat(store).containsExactly(after.of(MetricFiltersPart.PART).get(0));
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
    MetricFilterConfig events = before.of(MetricFiltersPart.PART).get(0);
    ObservedAws observed =
        withFilters(inSync(before), List.of(events, withPattern(events, "ERROR")));

    assertThat(converge(after, observed).changes())
        .filteredOn(c -> c instanceof MetricFilterChanges.DeleteMetricFilter)
        .containsExactly(
            new MetricFilterChanges.DeleteMetricFilter(before.logGroupName(), "events"),
            new MetricFilterChanges.DeleteMetricFilter(before.logGroupName(), "events"));
  }

  @Test
  void groupOfAnotherModelAuditBlocksEverything() {
    DesiredState desired = seed(s -> s);
    ObservedAws observed = inSync(desired);
    Map<String, String> tags = new HashMap<>(observed.logGroupTags());
    tags.put(Tags.OWNER, "other-team/model");
    Plan plan = converge(desired, copy(observed, tags, observed.alarmTags()));
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.blockers())
        .extracting(b -> b.reason().name())
        .containsExactly("OwnershipConflict");
    assertThat(plan.blockers().get(0).message()).contains("other-team/model");
  }

  @Test
  void untaggedExistingGroupBlocksUnlessAdopted() {
    DesiredState desired = seed(s -> s);
    ObservedAws observed = copy(inSync(desired), Map.of(), inSync(desired).alarmTags());
    assertThat(converge(desired, observed).blockers())
        .extracting(b -> b.reason().name())
        .containsExactly("AlreadyExists");

    DesiredState adopting = seed(s -> s + "adoptExisting: true\n");
    Plan plan = converge(adopting, observed);
    assertThat(plan.blockers()).isEmpty();
    assertThat(plan.changes()).hasSize(1);
    assertThat(((LogGroupChanges.TagLogGroup) plan.changes().get(0)).tags())
        .containsEntry(Tags.OWNER, "ml-prod/fraud-detector");
  }

  @Test
  void classMismatchIsAnImmutableFieldChange() {
    DesiredState desired = seed(s -> s);
    ObservedAws observed = inSync(desired);
    ObservedLogGroup group = observed.logGroup().orElseThrow();
    LogGroupConfig other = new LogGroupConfig(group.name(), 7, null, "INFREQUENT_ACCESS", false);
    ObservedAws infrequent =
        new ObservedAws(
            Optional.of(new ObservedLogGroup(other, group.arn())),
            observed.logGroupTags(),
            observed.logStreams(),
            observed.metricFilters(),
            observed.alarms(),
            observed.alarmTags(),
            observed.managedStreams(),
            observed.managedFilters(),
            observed.managedAlarms());
    assertThat(converge(desired, infrequent).blockers())
        .extracting(b -> b.reason().name())
        .containsExactly("ImmutableFieldChanged");
  }

  @Test
  void retainDeletionRemovesAlarmsAndFiltersOnly() {
    DesiredState desired = seed(s -> s);
    List<Change> changes = delete(desired, inSync(desired)).changes();
    assertThat(changes)
        .containsExactly(
            new AlarmChanges.DeleteAlarms(List.of(desired.of(AlarmsPart.PART).get(0).alarmName())),
            new MetricFilterChanges.DeleteMetricFilter(desired.logGroupName(), "events"));
  }

  @Test
  void deleteDeletionRemovesEverythingInOrder() {
    DesiredState desired = seed(s -> s + "deletionPolicy: Delete\n");
    assertThat(delete(desired, inSync(desired)).changes())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("DeleteAlarms", "DeleteMetricFilter", "DeleteLogStream", "DeleteLogGroup");
  }

  @Test
  void orphanDeletionTouchesNothing() {
    DesiredState desired = seed(s -> s + "deletionPolicy: Orphan\n");
    assertThat(delete(desired, inSync(desired)).changes()).isEmpty();
  }

  @Test
  void deletionNeverTouchesAnotherOwnersGroup() {
    DesiredState desired = seed(s -> s + "deletionPolicy: Delete\n");
    ObservedAws observed = inSync(desired);
    Map<String, String> foreign = new HashMap<>(observed.logGroupTags());
    foreign.put(Tags.OWNER, "other/model");
    Map<String, Map<String, String>> alarmTags = new HashMap<>();
    observed.alarmTags().forEach((k, v) -> alarmTags.put(k, Map.of(Tags.OWNER, "other/model")));
    assertThat(delete(desired, copy(observed, foreign, alarmTags)).changes()).isEmpty();
  }

  @Test
  void deletionProtectionKeepsTheGroupUnderDelete() {
    DesiredState desired =
        seed(
            s ->
                s.replace("retentionInDays: 7", "retentionInDays: 7\n  deletionProtection: true")
                    + "deletionPolicy: Delete\n");
    ObservedAws observed = inSync(desired);
    assertThat(delete(desired, observed).changes())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("DeleteAlarms", "DeleteMetricFilter");
    assertThat(
            delete(desired, observed).kept().stream()
                .anyMatch(k -> k.reason() == EventReason.DeletionProtected))
        .isTrue();
  }

  // ---- helpers ----

  private static final String SEED = Fixtures.specText("seed");

  private DesiredState seed(UnaryOperator<String> edit) {
    String yaml = edit.apply(SEED);
    ModelAudit audit = Fixtures.resource("ml-prod", "fraud-detector", yaml);
    return DesiredStateBuilder.build("ml-prod", "fraud-detector", audit.getSpec(), config);
  }

  private static ObservedAws empty() {
    return new ObservedAws(
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
  private static ObservedAws inSync(DesiredState desired) {
    ObservedLogGroup group =
        new ObservedLogGroup(desired.of(LogGroupPart.PART).config(), ARN + desired.logGroupName());
    Map<String, ObservedAlarm> alarms = new HashMap<>();
    Map<String, Map<String, String>> alarmTags = new HashMap<>();
    for (DesiredAlarm alarm : desired.of(AlarmsPart.PART)) {
      alarms.put(
          alarm.alarmName(),
          new ObservedAlarm(alarm.config(), "arn:alarm:" + alarm.alarmName(), "OK", "", null));
      alarmTags.put(alarm.alarmName(), ObservedAws.createdTags(desired));
    }
    return new ObservedAws(
        Optional.of(group),
        ObservedAws.createdTags(desired),
        desired.of(LogStreamsPart.PART),
        desired.of(MetricFiltersPart.PART),
        alarms,
        alarmTags,
        Set.copyOf(desired.of(LogStreamsPart.PART)),
        Set.copyOf(
            desired.of(MetricFiltersPart.PART).stream()
                .map(MetricFilterConfig::filterName)
                .toList()),
        Set.copyOf(desired.of(AlarmsPart.PART).stream().map(DesiredAlarm::alarmName).toList()));
  }

  private static ObservedAws withAlarm(ObservedAws o, AlarmConfig alarm) {
    Map<String, ObservedAlarm> alarms = new HashMap<>(o.alarms());
    alarms.put(alarm.alarmName(), new ObservedAlarm(alarm, "arn", "OK", "", null));
    return new ObservedAws(
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

  private static ObservedAws withFilters(ObservedAws o, List<MetricFilterConfig> filters) {
    return new ObservedAws(
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

  private static ObservedAws copy(
      ObservedAws o, Map<String, String> groupTags, Map<String, Map<String, String>> alarmTags) {
    return new ObservedAws(
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

  private static Plan converge(DesiredState desired, ObservedAws observed) {
    return Planner.converge(desired, observed.observation());
  }

  private static Plan delete(DesiredState desired, ObservedAws observed) {
    return Planner.delete(desired, observed.observation());
  }
}
