package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsRegionsTest {

  @Test
  void theSdkKnowsTheRegionsOfEveryPartitionButNoGlobalPseudoRegionNorATypo() {
    assertThat(AwsRegions.known())
        .contains("us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1")
        .doesNotContain("aws-global", "us-esat-1")
        .allMatch(r -> r.matches("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}"));
  }
}
