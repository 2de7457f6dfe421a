package io.modelaudit.operator.part;

import io.modelaudit.operator.status.ConditionReason;
import java.util.Map;
import java.util.Optional;

/**
 * The ownership rules every taggable part follows: a resource is this ModelAudit's when its
 * ownership tag names it and its cluster tag (if any) names this operator's cluster.
 */
public final class Ownership {

  private Ownership() {}

  /** Whether the tags say the resource is this ModelAudit's. */
  public static boolean isOwn(DesiredState desired, Map<String, String> tags) {
    String owner = tags.get(Tags.OWNER);
    String cluster = tags.get(Tags.CLUSTER);
    return desired.ownerTag().equals(owner)
        && (cluster == null || cluster.equals(desired.tags().get(Tags.CLUSTER)));
  }

  /**
   * Why an existing resource may not be changed by this ModelAudit: it belongs to another, or to
   * nobody and adoption was not asked for; empty when it may.
   *
   * @param what the resource, for the message, e.g. "log group /a/b"
   */
  public static Optional<Blocker> blocker(
      DesiredState desired, String what, Map<String, String> tags) {
    String owner = tags.get(Tags.OWNER);
    String cluster = tags.get(Tags.CLUSTER);
    String wantCluster = desired.tags().get(Tags.CLUSTER);
    if (owner == null) {
      if (desired.adoptExisting()) {
        return Optional.empty();
      }
      return Optional.of(
          new Blocker(
              ConditionReason.AlreadyExists,
              what
                  + " already exists and is not managed by any ModelAudit; set"
                  + " spec.adoptExisting: true to adopt it, or choose another name"));
    }
    if (!owner.equals(desired.ownerTag()) || (cluster != null && !cluster.equals(wantCluster))) {
      return Optional.of(
          new Blocker(
              ConditionReason.OwnershipConflict,
              what
                  + " belongs to ModelAudit "
                  + owner
                  + (cluster == null ? "" : " of cluster " + cluster)
                  + "; it will not be changed: choose another name"));
    }
    return Optional.empty();
  }
}
