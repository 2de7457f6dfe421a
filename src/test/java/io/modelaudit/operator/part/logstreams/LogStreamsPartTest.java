package io.modelaudit.operator.part.logstreams;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.audit.Observer;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.ReadMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogStreamsPartTest {

  private static final String REGION = "us-east-1";
  private static final String GROUP = "/modelaudit/ml-prod/churn";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway gateway = aws.forRegion(REGION);

  @Test
  void aGroupFullOfStreamsCostsOneReadPerStreamTheOperatorCaresAbout() {
    DesiredState desired = desired("[inference, audit]");
    gateway.createLogGroup(new LogGroupConfig(GROUP, null, null, "STANDARD", false), Map.of());
    // what a busy group looks like: a stream per pod and day, many sharing the desired names' start
    for (int i = 0; i < 3000; i++) {
      gateway.createLogStream(GROUP, "inference-pod-%04d".formatted(i));
    }
    gateway.createLogStream(GROUP, "inference");
    gateway.createLogStream(GROUP, "training");
    ModelAuditStatus status = new ModelAuditStatus();
    status.setLogStreams(List.of("inference", "training"));
    aws.resetCalls();

    Observation observed = Observer.observe(gateway, desired, status, ReadMode.FULL);

    LogStreamsPart.Observed streams = observed.of(LogStreamsPart.PART);
    assertThat(streams.existing()).containsExactlyInAnyOrder("inference", "training");
    // inference, audit (desired), training (managed): one DescribeLogStreams each
    assertThat(aws.callCount(InMemoryCloudWatch.DESCRIBE_LOG_STREAMS)).isEqualTo(3);
  }

  @Test
  void aStreamIsFoundByItsExactNameNotByAnotherThatStartsWithIt() {
    DesiredState desired = desired("[events]");
    gateway.createLogGroup(new LogGroupConfig(GROUP, null, null, "STANDARD", false), Map.of());
    gateway.createLogStream(GROUP, "events-1");
    gateway.createLogStream(GROUP, "events.old");

    Observation observed = Observer.observe(gateway, desired, null, ReadMode.FULL);

    assertThat(observed.of(LogStreamsPart.PART).existing()).isEmpty();
  }

  @Test
  void noGroupNoStreamRead() {
    DesiredState desired = desired("[events]");
    aws.resetCalls();

    Observation observed = Observer.observe(gateway, desired, null, ReadMode.FULL);

    assertThat(observed.of(LogStreamsPart.PART).existing()).isEmpty();
    assertThat(aws.callCount(InMemoryCloudWatch.DESCRIBE_LOG_STREAMS)).isZero();
  }

  private static DesiredState desired(String streams) {
    ModelAuditSpec spec =
        Fixtures.spec(
            Fixtures.STANDARD_SPEC.replace("logStreams: [inference]", "logStreams: " + streams));
    return DesiredStateBuilder.build("ml-prod", "churn", spec, OperatorConfig.defaults());
  }
}
