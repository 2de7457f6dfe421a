package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.status.ConditionReason;
import java.util.Optional;

/**
 * The fields that cannot change once AWS resources exist for them - spec.region, spec.logGroup.name
 * and spec.logGroup.class - checked in this one place. The CRD's transition rules refuse such edits
 * at admission; these checks hold where admission did not run.
 */
public final class ImmutableFields {

  private ImmutableFields() {}

  /**
   * Region and log group name against where status says the resources were made; checked before
   * anything is read, so that the operator never looks for (or creates) them in the wrong place.
   */
  public static Optional<Blocker> againstStatus(DesiredState desired, ModelAuditStatus status) {
    if (status == null) {
      return Optional.empty();
    }
    if (status.getRegion() != null && !status.getRegion().equals(desired.region())) {
      return Optional.of(
          changed(
              "spec.region",
              "the resources live in " + status.getRegion(),
              desired.region(),
              "a new ModelAudit for the new region"));
    }
    if (status.getLogGroup() != null
        && status.getLogGroup().getName() != null
        && !status.getLogGroup().getName().equals(desired.logGroupName())) {
      return Optional.of(
          changed(
              "spec.logGroup.name",
              "the log group is " + status.getLogGroup().getName(),
              desired.logGroupName(),
              "a new ModelAudit for the new log group"));
    }
    return Optional.empty();
  }

  /** The log group's class against the class of the group that exists. */
  public static Optional<Blocker> logGroupClass(
      String logGroupName, String wantClass, String hasClass) {
    if (hasClass == null || hasClass.equals(wantClass)) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocker(
            ConditionReason.ImmutableFieldChanged,
            "spec.logGroup.class is "
                + wantClass
                + " but log group "
                + logGroupName
                + " exists with class "
                + hasClass
                + "; a log group's class cannot change: restore the class or use"
                + " a new log group name"));
  }

  private static Blocker changed(String field, String where, String now, String instead) {
    return new Blocker(
        ConditionReason.ImmutableFieldChanged,
        field
            + ": is immutable; "
            + where
            + " but the spec now says "
            + now
            + ". Restore it, or create "
            + instead
            + ".");
  }
}
