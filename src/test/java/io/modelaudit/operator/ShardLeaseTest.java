package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardLeaseTest {

  @Test
  void eachShardElectsItsLeaderThroughALeaseOfItsOwn() {
    String all = ModelAuditOperator.leaseName(Optional.empty());
    String a = ModelAuditOperator.leaseName(Optional.of("shard=a"));
    String b = ModelAuditOperator.leaseName(Optional.of("shard=b"));

    assertThat(all).isEqualTo(ModelAuditOperator.LEASE_NAME);
    assertThat(a).startsWith(ModelAuditOperator.LEASE_NAME + "-").isNotEqualTo(b);
    assertThat(ModelAuditOperator.leaseName(Optional.of("shard=a"))).isEqualTo(a);
    // a Lease name is a DNS subdomain
    assertThat(a).matches("[a-z0-9-]{1,63}");
  }
}
