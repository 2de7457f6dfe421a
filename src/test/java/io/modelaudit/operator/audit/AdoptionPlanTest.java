package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmChanges;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.loggroup.LogGroupChanges;
import io.modelaudit.operator.part.logstreams.LogStreamChanges;
import io.modelaudit.operator.part.metricfilters.MetricFilterChanges;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.EventReason;
import io.modelaudit.operator.support.ObservedAws;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Adoption as the trust issue asks: a hand-made log group (a foreign filter, long retention, a
 * foreign tag, a stream of its own) is claimed before anything else, what it held is recorded, only
 * what the spec sets is enforced, and cleanup removes only what the operator made - whatever the
 * deletion policy, whatever adoptExisting says later, even when the spec is invalid at deletion.
 */
class AdoptionPlanTest {

  private static final String GROUP = "/modelaudit/ml/legacy";
  private static final String ARN = "arn:aws:logs:us-east-1:123456789012:log-group:" + GROUP;
  private static final String UID = "0b5c3a8e-uid-of-legacy";

  private static final String SPEC =
      """
      logGroup: {name: /modelaudit/ml/legacy}
      logStreams: [inference]
      adoptExisting: true
      deletionPolicy: Delete
      metricFilters:
        - name: errors
          pattern: '{ $.level = "ERROR" }'
          metric: {namespace: ML/Legacy, name: ErrorCount, value: "1"}
      alarms:
        - name: too-many-errors
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
      tags: {Team: ml}
      """;

  private final OperatorConfig config = OperatorConfig.defaults();

  // ---- claim ----

  @Test
  void anUnmanagedGroupIsClaimedFirstAndNothingElseIsWritten() {
    DesiredState desired = desired(s -> s);
    Plan plan = Planner.converge(desired, handMade(Map.of("Owner", "security")).observation());

    assertThat(plan.step()).isEqualTo(Plan.Step.CLAIM);
    assertThat(plan.changes()).hasSize(1);
    LogGroupChanges.TagLogGroup claim = (LogGroupChanges.TagLogGroup) plan.changes().get(0);
    assertThat(claim.tags())
        .containsEntry(Tags.OWNER, "ml/legacy")
        .containsEntry(Tags.OWNER_UID, UID)
        .containsEntry(Tags.ORIGIN, Tags.ADOPTED)
        .doesNotContainKey("Team");
  }

  @Test
  void withoutAdoptExistingTheGroupBlocksEverything() {
    DesiredState desired = desired(s -> s.replace("adoptExisting: true\n", ""));
    Plan plan = Planner.converge(desired, handMade(Map.of()).observation());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.blockers())
        .extracting(b -> b.reason())
        .containsExactly(ConditionReason.AlreadyExists);
  }

  @Test
  void aClaimedGroupIsFirstRecordedWithoutAnyWrite() {
    DesiredState desired = desired(s -> s);
    Observation claimed = handMade(claimed(desired, Map.of("Owner", "security"))).observation();

    Plan plan = Planner.converge(desired, claimed);

    assertThat(plan.step()).isEqualTo(Plan.Step.RECORD);
    assertThat(plan.changes()).isEmpty();
    ModelAuditStatus status = new ModelAuditStatus();
    StatusParts.from(desired, claimed, null).accept(status);
    assertThat(status.getAdoption().getLogGroup()).isEqualTo(GROUP);
    assertThat(status.getAdoption().getTagKeys()).containsExactly("Owner");
    assertThat(status.getAdoption().getLogStreams()).containsExactly("history");
    assertThat(status.getAdoption().getMetricFilters()).containsExactly("root-login");
    assertThat(status.getLogGroup().getRetentionInDays()).isEqualTo(3653);
  }

  // ---- converge an adopted group ----

  @Test
  void onlyWhatTheSpecSetsIsEnforcedAndNothingForeignIsRemoved() {
    DesiredState desired = desired(s -> s);
    ObservedAws adopted = recorded(desired);

    List<Change> changes = Planner.converge(desired, adopted.observation()).changes();

    assertThat(changes)
        .as("retention, foreign tag, foreign filter and stream stay; the spec's parts are made")
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("TagLogGroup", "CreateLogStream", "PutMetricFilter", "PutMetricAlarm");
    LogGroupChanges.TagLogGroup tag = (LogGroupChanges.TagLogGroup) changes.get(0);
    assertThat(tag.tags()).containsOnlyKeys("Team");
  }

  @Test
  void aRetentionTheSpecSetsIsEnforced() {
    DesiredState desired =
        desired(
            s ->
                s.replace(
                    "{name: /modelaudit/ml/legacy}",
                    "{name: /modelaudit/ml/legacy, retentionInDays: 30}"));

    List<Change> changes = Planner.converge(desired, recorded(desired).observation()).changes();

    assertThat(changes).contains(new LogGroupChanges.PutRetention(GROUP, 30, 3653));
  }

  @Test
  void settingAdoptExistingBackToFalseChangesNothing() {
    DesiredState adopting = desired(s -> s);
    DesiredState notAnyMore = desired(s -> s.replace("adoptExisting: true\n", ""));
    ObservedAws adopted = recorded(adopting);

    assertThat(Planner.converge(notAnyMore, adopted.observation()).changes())
        .isEqualTo(Planner.converge(adopting, adopted.observation()).changes());
  }

  @Test
  void aTagTheOperatorAddedGoesWhenTheSpecDropsItButAForeignOneStays() {
    DesiredState desired = desired(s -> s.replace("tags: {Team: ml}\n", ""));
    Map<String, String> tags = claimed(desired, Map.of("Owner", "security", "Team", "ml"));
    ObservedAws adopted =
        handMade(tags).withAdoption(record(List.of("Owner"), List.of("history"), List.of()));

    List<Change> changes = Planner.converge(desired, adopted.observation()).changes();

    assertThat(changes)
        .filteredOn(c -> c instanceof LogGroupChanges.UntagLogGroup)
        .extracting(c -> ((LogGroupChanges.UntagLogGroup) c).keys())
        .containsExactly(Set.of("Team"));
  }

  // ---- cleanup ----

  @Test
  void deleteRemovesOnlyWhatTheOperatorMade() {
    DesiredState desired = desired(s -> s);
    ObservedAws afterConverge = madeOurParts(desired, recorded(desired));

    Plan plan = Planner.delete(desired, afterConverge.observation());

    assertThat(plan.changes())
        .containsExactly(
            new AlarmChanges.DeleteAlarms(List.of(alarmName(desired))),
            new MetricFilterChanges.DeleteMetricFilter(GROUP, "errors"),
            new LogStreamChanges.DeleteLogStream(GROUP, "inference"),
            new LogGroupChanges.UntagLogGroup(
                GROUP, ARN, Set.of("Team", Tags.OWNER, Tags.OWNER_UID, Tags.CLUSTER, Tags.ORIGIN)));
    assertThat(plan.kept()).extracting(Cleanup.Kept::reason).containsOnly(EventReason.Kept);
    assertThat(String.join(" ", plan.kept().stream().map(Cleanup.Kept::message).toList()))
        .contains("log group " + GROUP)
        .contains("history")
        .contains("root-login");
  }

  @Test
  void anInvalidSpecAtDeletionStillRemovesNothingForeign() {
    DesiredState adopting = desired(s -> s);
    ObservedAws afterConverge = madeOurParts(adopting, recorded(adopting));
    // what cleanup builds when the spec is invalid: only the deletion policy survives
    DesiredState fromPolicyOnly =
        DesiredStateBuilder.build(resource("deletionPolicy: Delete\n"), config);

    List<Change> changes = Planner.delete(fromPolicyOnly, afterConverge.observation()).changes();

    assertThat(changes)
        .noneMatch(c -> c instanceof LogGroupChanges.DeleteLogGroup)
        .noneMatch(
            c ->
                c instanceof MetricFilterChanges.DeleteMetricFilter d
                    && d.filterName().equals("root-login"))
        .noneMatch(
            c -> c instanceof LogStreamChanges.DeleteLogStream d && d.stream().equals("history"));
  }

  @Test
  void withoutTheRecordNothingThatExistsIsDeletedFromAnAdoptedGroup() {
    DesiredState desired = desired(s -> s);
    ObservedAws afterConverge = madeOurParts(desired, handMade(claimed(desired, Map.of())));

    List<Change> changes = Planner.delete(desired, afterConverge.observation()).changes();

    assertThat(changes)
        .containsExactly(
            new AlarmChanges.DeleteAlarms(List.of(alarmName(desired))),
            new LogGroupChanges.UntagLogGroup(
                GROUP, ARN, Set.of(Tags.OWNER, Tags.OWNER_UID, Tags.CLUSTER, Tags.ORIGIN)));
  }

  // ---- incarnations and limits ----

  @Test
  void aGroupKeptFromAnEarlierModelAuditOfTheSameNameNeedsAdoptExisting() {
    DesiredState desired = desired(s -> s.replace("adoptExisting: true\n", ""));
    Map<String, String> earlier = new HashMap<>(ObservedAws.createdTags(desired));
    earlier.put(Tags.OWNER_UID, "uid-of-a-deleted-one");

    Plan plan = Planner.converge(desired, handMade(earlier).observation());

    assertThat(plan.blockers()).extracting(b -> b.reason()).contains(ConditionReason.AlreadyExists);
    assertThat(plan.blockers().get(0).message()).contains("earlier, deleted ModelAudit");

    DesiredState adopting = desired(s -> s);
    Plan claim = Planner.converge(adopting, handMade(earlier).observation());
    assertThat(claim.step()).isEqualTo(Plan.Step.CLAIM);
  }

  @Test
  void aGroupWithTooManyForeignTagsStallsWithWhatToRemove() {
    DesiredState desired = desired(s -> s);
    Map<String, String> crowded = new LinkedHashMap<>();
    for (int i = 0; i < 48; i++) {
      crowded.put("k" + i, "v");
    }

    Plan plan = Planner.converge(desired, handMade(crowded).observation());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.blockers())
        .extracting(b -> b.reason())
        .containsExactly(ConditionReason.LimitExceeded);
    assertThat(plan.blockers().get(0).message())
        .contains("has 48 tags")
        .contains("remove at least 2 tag(s)");
  }

  @Test
  void removalsComeFirstWhenAddingFirstWouldPassTheLimit() {
    DesiredState desired =
        desired(
            s ->
                s.replace("adoptExisting: true\n", "")
                    .replace("tags: {Team: ml}\n", "tags: {Team: ml, New: x}\n"));
    Map<String, String> full = new LinkedHashMap<>(ObservedAws.createdTags(desired));
    full.remove("New");
    for (int i = 0; full.size() < 50; i++) {
      full.put("old" + i, "v");
    }
    ObservedAws made = handMade(full);

    List<Change> changes = Planner.converge(desired, made.observation()).changes();

    assertThat(changes)
        .filteredOn(c -> c.getClass().getSimpleName().endsWith("LogGroup"))
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("UntagLogGroup", "TagLogGroup");
  }

  @Test
  void aGroupMadeBeforeUidTagsGetsItsUidAndOriginWithoutAStall() {
    DesiredState desired = desired(s -> s.replace("adoptExisting: true\n", ""));
    Map<String, String> legacy = new HashMap<>(desired.tags());
    legacy.remove(Tags.OWNER_UID);

    List<Change> changes = Planner.converge(desired, handMade(legacy).observation()).changes();

    assertThat(changes)
        .filteredOn(c -> c instanceof LogGroupChanges.TagLogGroup)
        .extracting(c -> ((LogGroupChanges.TagLogGroup) c).tags())
        .containsExactly(Map.of(Tags.OWNER_UID, UID, Tags.ORIGIN, Tags.CREATED));
  }

  // ---- helpers ----

  private DesiredState desired(UnaryOperator<String> edit) {
    return DesiredStateBuilder.build(resource(edit.apply(SPEC)), config);
  }

  private static ModelAudit resource(String spec) {
    ModelAudit audit = Fixtures.resource("ml", "legacy", spec);
    audit.getMetadata().setUid(UID);
    return audit;
  }

  /** The hand-made group: retention 3653, a KMS key, a stream and a foreign filter. */
  private static ObservedAws handMade(Map<String, String> tags) {
    LogGroupConfig config =
        new LogGroupConfig(
            GROUP, 3653, "arn:aws:kms:us-east-1:123456789012:key/k", "STANDARD", true);
    MetricFilterConfig rootLogin =
        new MetricFilterConfig(
            GROUP,
            "root-login",
            "{ $.user = root }",
            "Security",
            "RootLogins",
            "1",
            null,
            null,
            null);
    return new ObservedAws(
        Optional.of(new ObservedLogGroup(config, ARN)),
        tags,
        List.of("history"),
        List.of(rootLogin),
        Map.of(),
        Map.of(),
        Set.of(),
        Set.of(),
        Set.of());
  }

  private static Map<String, String> claimed(DesiredState desired, Map<String, String> foreign) {
    Map<String, String> tags = new LinkedHashMap<>(foreign);
    tags.put(Tags.OWNER, desired.ownerTag());
    tags.put(Tags.OWNER_UID, UID);
    tags.put(Tags.CLUSTER, desired.tags().get(Tags.CLUSTER));
    tags.put(Tags.ORIGIN, Tags.ADOPTED);
    return tags;
  }

  private static AdoptionStatus record(
      List<String> tagKeys, List<String> streams, List<String> filters) {
    AdoptionStatus record = new AdoptionStatus(GROUP, tagKeys);
    record.setLogStreams(streams);
    record.setMetricFilters(filters);
    return record;
  }

  /** Claimed and recorded: the state the converge of an adopted group starts from. */
  private static ObservedAws recorded(DesiredState desired) {
    return handMade(claimed(desired, Map.of("Owner", "security")))
        .withAdoption(record(List.of("Owner"), List.of("history"), List.of("root-login")));
  }

  /** The adopted group after the operator made the spec's stream, filter and alarm in it. */
  private static ObservedAws madeOurParts(DesiredState desired, ObservedAws adopted) {
    Map<String, String> tags = new LinkedHashMap<>(adopted.logGroupTags());
    tags.putAll(desired.tags());
    List<MetricFilterConfig> filters = new java.util.ArrayList<>(adopted.metricFilters());
    filters.addAll(desired.of(MetricFiltersPart.PART));
    DesiredAlarm alarm = desired.of(AlarmsPart.PART).get(0);
    return new ObservedAws(
        adopted.logGroup(),
        tags,
        List.of("history", "inference"),
        filters,
        Map.of(alarm.alarmName(), new ObservedAlarm(alarm.config(), "arn:alarm", "OK", "", null)),
        Map.of(alarm.alarmName(), ObservedAws.createdTags(desired)),
        Set.of("inference"),
        Set.of("errors"),
        Set.of(alarm.alarmName()),
        adopted.adoption());
  }

  private static String alarmName(DesiredState desired) {
    return desired.of(AlarmsPart.PART).get(0).alarmName();
  }
}
