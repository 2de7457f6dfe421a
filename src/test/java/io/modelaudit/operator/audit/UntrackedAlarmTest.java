package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmChanges;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.support.ObservedAws;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An alarm under this ModelAudit's prefix that status does not track (the operator died between
 * making it and recording it) is deleted when the spec no longer wants it, but only when its tags
 * say it is this ModelAudit's.
 */
class UntrackedAlarmTest {

  private static final String PREFIX = "modelaudit-ml/churn/";

  private final DesiredState desired =
      DesiredStateBuilder.build(
          "ml", "churn", Fixtures.spec("logStreams: [events]\n"), OperatorConfig.defaults());

  @Test
  void anOwnedUntrackedAlarmTheSpecDoesNotWantIsDeleted() {
    Plan plan = converge(desired, observedWith(PREFIX + "extra", ObservedAws.createdTags(desired)));

    assertThat(plan.changes())
        .containsExactly(new AlarmChanges.DeleteAlarms(List.of(PREFIX + "extra")));
  }

  @Test
  void anUntaggedAlarmUnderThePrefixIsLeftAlone() {
    Plan plan = converge(desired, observedWith(PREFIX + "by-hand", Map.of()));

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void anAlarmOfAnotherClusterUnderThePrefixIsLeftAlone() {
    Map<String, String> tags =
        Map.of(Tags.OWNER, desired.ownerTag(), Tags.CLUSTER, "another-cluster");

    Plan plan = converge(desired, observedWith(PREFIX + "theirs", tags));

    assertThat(plan.changes()).isEmpty();
  }

  private ObservedAws observedWith(String alarmName, Map<String, String> tags) {
    AlarmConfig config =
        new AlarmConfig(
            alarmName,
            null,
            "AIModelAuditing",
            "ErrorCount",
            Map.of(),
            "Sum",
            null,
            60,
            1,
            null,
            "GreaterThanThreshold",
            1.0,
            null,
            true,
            List.of(),
            List.of(),
            List.of(),
            null);
    return new ObservedAws(
        Optional.of(new ObservedLogGroup(desired.of(LogGroupPart.PART).config(), "arn:group")),
        ObservedAws.createdTags(desired),
        desired.of(LogStreamsPart.PART),
        List.of(),
        Map.of(alarmName, new ObservedAlarm(config, "arn:" + alarmName, "OK", "", null)),
        Map.of(alarmName, tags),
        Set.copyOf(desired.of(LogStreamsPart.PART)),
        Set.of(),
        Set.of());
  }

  private static Plan converge(DesiredState desired, ObservedAws observed) {
    return Planner.converge(desired, observed.observation());
  }

  private static Plan delete(DesiredState desired, ObservedAws observed) {
    return Planner.delete(desired, observed.observation());
  }
}
