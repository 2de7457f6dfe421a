package io.modelaudit.operator.support;

import io.modelaudit.operator.api.v1alpha1.ArchiveSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import java.util.List;

/**
 * The destinations a ModelAudit's archive sends to, made to exist as the team that owns them would
 * make them (the operator never creates a destination, and AWS refuses a subscription filter to one
 * that does not exist): in the fake, or as Firehose streams on moto.
 */
public final class ArchiveDestinations {

  private ArchiveDestinations() {}

  /** Every spec.archive[].destinationArn of the ModelAudit. */
  public static List<String> of(ModelAudit audit) {
    List<ArchiveSpec> archive = audit.getSpec() == null ? null : audit.getSpec().getArchive();
    return archive == null
        ? List.of()
        : archive.stream().map(ArchiveSpec::getDestinationArn).toList();
  }

  /** Makes each destination exist in the fake, in the region its ARN names. */
  public static void create(InMemoryCloudWatch cloud, ModelAudit audit) {
    for (String arn : of(audit)) {
      cloud.outOfBand().createDestination(arn.split(":")[3], arn);
    }
  }

  /** Makes each Firehose destination exist on moto; moto's ARN must be the one the spec names. */
  public static void create(MotoServer moto, ModelAudit audit) {
    for (String arn : of(audit)) {
      if (!arn.contains(":firehose:")) {
        throw new IllegalArgumentException("only Firehose destinations are made on moto: " + arn);
      }
      String made = MotoSupport.createFirehoseStream(moto, arn.substring(arn.indexOf('/') + 1));
      if (!made.equals(arn)) {
        throw new IllegalStateException("moto made " + made + ", the spec names " + arn);
      }
    }
  }
}
