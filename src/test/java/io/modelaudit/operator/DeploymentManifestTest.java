package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shipped Deployment leaves the operator's shutdown the time it can take. */
class DeploymentManifestTest {

  private static final Path DEPLOYMENT = Path.of("deploy", "deployment.yaml");

  @Test
  void theGracePeriodOutlastsTheOperatorsOwnShutdownDeadline() throws IOException {
    Deployment deployment = Serialization.unmarshal(Files.readString(DEPLOYMENT), Deployment.class);

    Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    // SIGKILL before the operator's own deadline could cut a Lease hand-over short
    assertThat(Duration.ofSeconds(grace)).isGreaterThan(Main.HALT_AFTER);
    assertThat(Main.DRAIN_TIMEOUT.plus(ModelAuditOperator.RECONCILE_TERMINATION_TIMEOUT))
        .isLessThan(Main.HALT_AFTER);
    assertThat(deployment.getSpec().getReplicas()).isGreaterThan(1);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(tuple("MODELAUDIT_LEADER_ELECTION", "true"));
  }
}
