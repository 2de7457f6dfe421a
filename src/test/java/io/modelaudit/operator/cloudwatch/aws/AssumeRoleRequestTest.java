package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.AwsIdentity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

class AssumeRoleRequestTest {

  private static final String ROLE = "arn:aws:iam::111111111111:role/modelaudit-team-a";

  @Test
  void carriesTheMappingsExternalIdAndSessionTagsUnderTheOperatorsSessionName() {
    AssumeRoleRequest request =
        AwsCloudWatchGateways.assumeRoleRequest(
            AwsIdentity.role(ROLE, "team-a-ext", Map.of("team", "a", "cluster", "prod")));

    assertThat(request.roleArn()).isEqualTo(ROLE);
    assertThat(request.externalId()).isEqualTo("team-a-ext");
    assertThat(request.roleSessionName()).isEqualTo("modelaudit-operator");
    assertThat(request.tags())
        .containsExactly(
            Tag.builder().key("cluster").value("prod").build(),
            Tag.builder().key("team").value("a").build());
  }

  @Test
  void withoutExternalIdOrTagsSendsNeither() {
    AssumeRoleRequest request =
        AwsCloudWatchGateways.assumeRoleRequest(AwsIdentity.role(ROLE, "", Map.of()));

    assertThat(request.externalId()).isNull();
    assertThat(request.hasTags()).isFalse();
  }
}
