package io.modelaudit.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.desired.DesiredStateBuilder;
import io.modelaudit.operator.desired.Tags;
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
    Plan plan = Planner.converge(desired, observedWith(PREFIX + "extra", desired.tags()));

    assertThat(plan.changes()).containsExactly(new Change.DeleteAlarms(List.of(PREFIX + "extra")));
  }

  @Test
  void anUntaggedAlarmUnderThePrefixIsLeftAlone() {
    Plan plan = Planner.converge(desired, observedWith(PREFIX + "by-hand", Map.of()));

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void anAlarmOfAnotherClusterUnderThePrefixIsLeftAlone() {
    Map<String, String> tags =
        Map.of(Tags.OWNER, desired.ownerTag(), Tags.CLUSTER, "another-cluster");

    Plan plan = Planner.converge(desired, observedWith(PREFIX + "theirs", tags));

    assertThat(plan.changes()).isEmpty();
  }

  private Observation observedWith(String alarmName, Map<String, String> tags) {
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
    return new Observation(
        Optional.of(new ObservedLogGroup(desired.logGroup(), "arn:group")),
        desired.tags(),
        desired.logStreams(),
        List.of(),
        Map.of(alarmName, new ObservedAlarm(config, "arn:" + alarmName, "OK", "", null)),
        Map.of(alarmName, tags),
        Set.copyOf(desired.logStreams()),
        Set.of(),
        Set.of());
  }
}
