package io.modelaudit.operator.audit;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.composite.CompositePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Compares one ModelAudit's desired state and status with the inventory's batched listings, part by
 * part: what changed out of band, and what moved that status should show. The listings are what
 * DescribeAlarms, DescribeLogGroups and DescribeMetricFilters return; tags and log streams are not
 * in them and are left to the periodic full read.
 */
public final class DriftDetector {

  private DriftDetector() {}

  /** Every out-of-band change the listings show, one line each. */
  public static List<String> drift(
      DesiredState desired, ModelAuditStatus status, Listings listings) {
    List<String> findings = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.drift(desired, status, listings, findings));
    return findings;
  }

  /**
   * Whether the listings must hold composite alarms for this ModelAudit: it has a health alarm, or
   * had one. A region where none has one is spared that DescribeAlarms.
   */
  public static boolean needsCompositeAlarms(DesiredState desired, ModelAuditStatus status) {
    return desired.of(CompositePart.PART).isPresent()
        || (status != null && status.getHealthAlarm() != null);
  }

  /**
   * The status update the listings alone call for (an alarm's state moved), when some part has one;
   * empty when the listings show nothing new.
   */
  public static Optional<Consumer<ModelAuditStatus>> refreshed(
      ModelAuditStatus status, Listings listings) {
    Consumer<ModelAuditStatus> update = null;
    for (Part<?, ?> part : AuditParts.IN_ORDER) {
      Optional<Consumer<ModelAuditStatus>> one = part.refreshed(status, listings);
      if (one.isPresent()) {
        update = update == null ? one.get() : update.andThen(one.get());
      }
    }
    return Optional.ofNullable(update);
  }
}
