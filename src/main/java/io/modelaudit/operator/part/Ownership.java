package io.modelaudit.operator.part;

import io.modelaudit.operator.status.ConditionReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ownership rules every taggable part follows. A resource is this ModelAudit's when its
 * ownership tag names it, its cluster tag (if any) names this operator's cluster, and its uid tag
 * (if any) is this ModelAudit's uid. A resource without tags is nobody's: it is adopted only when
 * the spec says adoptExisting, and the claim (the ownership tags) is written before anything else.
 */
public final class Ownership {

  /** Who a resource belongs to, as its tags say. */
  public enum Claim {
    /** No ownership tag: made by hand, or by another tool. */
    NOBODY,
    /** This ModelAudit (this incarnation, or one from before the uid tag existed). */
    THIS,
    /**
     * A ModelAudit of the same namespace and name that was deleted (another uid): a resource
     * retained from it is not taken over without adoptExisting.
     */
    EARLIER_INCARNATION,
    /** Another ModelAudit, or another cluster's operator. */
    ANOTHER
  }

  private Ownership() {}

  /** Who the resource with these tags belongs to, from this ModelAudit's point of view. */
  public static Claim claim(DesiredState desired, Map<String, String> tags) {
    String owner = tags.get(Tags.OWNER);
    if (owner == null) {
      return Claim.NOBODY;
    }
    String cluster = tags.get(Tags.CLUSTER);
    if (!owner.equals(desired.ownerTag())
        || (cluster != null && !cluster.equals(desired.tags().get(Tags.CLUSTER)))) {
      return Claim.ANOTHER;
    }
    String uid = tags.get(Tags.OWNER_UID);
    if (uid != null && desired.ownerUid() != null && !uid.equals(desired.ownerUid())) {
      return Claim.EARLIER_INCARNATION;
    }
    return Claim.THIS;
  }

  /** Whether the tags say the resource is this ModelAudit's. */
  public static boolean isOwn(DesiredState desired, Map<String, String> tags) {
    return claim(desired, tags) == Claim.THIS;
  }

  /** Whether this ModelAudit may claim the resource: nobody's, or retained, and adoption asked. */
  public static boolean mayAdopt(DesiredState desired, Map<String, String> tags) {
    Claim claim = claim(desired, tags);
    return desired.adoptExisting() && (claim == Claim.NOBODY || claim == Claim.EARLIER_INCARNATION);
  }

  /**
   * The tags that claim a resource for this ModelAudit: owner, uid, cluster and origin. They are
   * written alone, before any other change, so that a second claimant sees them.
   */
  public static Map<String, String> claimTags(DesiredState desired, String origin) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.OWNER, desired.ownerTag());
    if (desired.ownerUid() != null) {
      tags.put(Tags.OWNER_UID, desired.ownerUid());
    }
    tags.put(Tags.CLUSTER, desired.tags().get(Tags.CLUSTER));
    tags.put(Tags.ORIGIN, origin);
    return tags;
  }

  /**
   * The tags a resource gets from this ModelAudit: the desired ones and its origin ({@link
   * Tags#CREATED} or {@link Tags#ADOPTED}).
   */
  public static Map<String, String> withOrigin(Map<String, String> tags, String origin) {
    Map<String, String> all = new LinkedHashMap<>(tags);
    all.put(Tags.ORIGIN, origin);
    return all;
  }

  /** AlreadyExists unless the spec asks for adoption. */
  private static Optional<Blocker> unlessAdopting(DesiredState desired, String situation) {
    if (desired.adoptExisting()) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocker(
            ConditionReason.AlreadyExists,
            situation + "; set spec.adoptExisting: true to adopt it, or choose another name"));
  }

  /**
   * Why an existing resource may not be changed by this ModelAudit: it belongs to another, or to
   * nobody (or to an earlier ModelAudit of the same name) and adoption was not asked for; empty
   * when it may.
   *
   * @param what the resource, for the message, e.g. "log group /a/b"
   */
  public static Optional<Blocker> blocker(
      DesiredState desired, String what, Map<String, String> tags) {
    return switch (claim(desired, tags)) {
      case THIS -> Optional.empty();
      case NOBODY ->
          unlessAdopting(desired, what + " already exists and is not managed by any ModelAudit");
      case EARLIER_INCARNATION ->
          unlessAdopting(
              desired,
              what
                  + " was kept from an earlier, deleted ModelAudit "
                  + tags.get(Tags.OWNER)
                  + " (uid "
                  + tags.get(Tags.OWNER_UID)
                  + ")");
      case ANOTHER -> {
        String cluster = tags.get(Tags.CLUSTER);
        yield Optional.of(
            new Blocker(
                ConditionReason.OwnershipConflict,
                what
                    + " belongs to ModelAudit "
                    + tags.get(Tags.OWNER)
                    + (cluster == null ? "" : " of cluster " + cluster)
                    + "; it will not be changed: choose another name"));
      }
    };
  }
}
