package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.fake.CountingCloudWatch;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.ReadMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the parts of AI audit profiles cost a full read: nothing for a ModelAudit that uses none of
 * them, and the calls docs/ai-profiles.md lists for one that uses them all.
 */
class ProfilesReadCostTest {

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CountingCloudWatch counted = new CountingCloudWatch(aws);

  @Test
  void aModelAuditWithoutProfilesReadsWhatItDidBefore() {
    DesiredState desired =
        DesiredStateBuilder.build(
            "ml", "bench", Fixtures.spec(Fixtures.specText("bench")), Fixtures.config());

    Observer.observe(gateway(desired), desired, null, ReadMode.FULL);

    // the alarms by name and by prefix, the log group (nothing exists, so nothing under it), and
    // the saved queries by the ModelAudit's prefix (the compliance parts look for queries they
    // made even when the spec has none); nothing of the profiles' parts
    assertThat(counted.callsByOperation())
        .isEqualTo(
            Map.of("DescribeAlarms", 2, "DescribeLogGroups", 1, "DescribeQueryDefinitions", 1));
  }

  @Test
  void theLlmExampleReadsEachProfilePartOnce() {
    var audit = Fixtures.example(Path.of("examples", "03-llm-support-assistant.yaml"));
    DesiredState desired =
        DesiredStateBuilder.build(
            audit.getMetadata().getNamespace(),
            audit.getMetadata().getName(),
            audit.getSpec(),
            Fixtures.config());

    Observer.observe(gateway(desired), desired, null, ReadMode.FULL);

    // nothing exists yet, so no tags are read: the health alarm by name (DescribeAlarms), the
    // dashboard, the models of the own namespace (the example's only managed model is there)
    assertThat(counted.callsByOperation())
        .containsEntry("DescribeAlarms", 3)
        .containsEntry("GetDashboard", 1)
        .containsEntry("DescribeAnomalyDetectors", 1);
  }

  private CloudWatchGateway gateway(DesiredState desired) {
    return counted.forRegion(desired.region());
  }
}
