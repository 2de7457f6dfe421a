package io.modelaudit.operator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.config.OperatorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionDetailsTest {

  @Test
  void theNameIsPredictableAndAlwaysAValidDistinctConfigMapName() {
    assertThat(ConnectionDetails.configMapName("fraud-detector"))
        .isEqualTo("fraud-detector-modelaudit");
    String a = ConnectionDetails.configMapName("a".repeat(250));
    String b = ConnectionDetails.configMapName("a".repeat(249) + "b");
    assertThat(a).hasSizeLessThanOrEqualTo(253).endsWith("-modelaudit").isNotEqualTo(b);
    assertThat(a).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  }

  @Test
  void theCollectorSnippetIsYamlNamingTheGroupAndStreamAndTheAccountOfAMappedRole()
      throws Exception {
    ModelAudit seed = Fixtures.example(Fixtures.SEED_EXAMPLE);
    var desired =
        DesiredStateBuilder.build(
            seed,
            OperatorConfig.defaults(),
            AwsIdentity.role("arn:aws:iam::111111111111:role/team", null, Map.of()));

    Map<String, String> data = ConnectionDetails.data(desired, seed.getSpec());

    assertThat(data).containsEntry("MODELAUDIT_AWS_ACCOUNT", "111111111111");
    Map<?, ?> otel =
        new ObjectMapper(new YAMLFactory())
            .readValue(data.get("otel-collector-exporter.yaml"), Map.class);
    assertThat(otel)
        .isEqualTo(
            Map.of(
                "exporters",
                Map.of(
                    "awscloudwatchlogs/modelaudit",
                    Map.of(
                        "region", "us-east-1",
                        "log_group_name", "/modelaudit/ml-prod/fraud-detector",
                        "log_stream_name", "inference",
                        "raw_log", true))));
  }
}
