package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a ModelAudit asks of AWS, derived purely from its spec and the operator's
 * configuration: what all parts share (where the resources live, how they are tagged and owned, the
 * deletion policy), and each part's own desired shape, keyed by the part.
 *
 * @param identity who the operator acts as for this ModelAudit, and so the account its resources
 *     live in: resolved from its namespace by the administrator's account mapping
 * @param logGroupName the log group every log part lives in
 * @param tags tags of every taggable resource, the operator's own included
 * @param ownerTag value of the ownership tag that marks resources as this ModelAudit's
 * @param ownerUid the ModelAudit's metadata.uid, tagged on what it owns; null when unknown (tests)
 * @param alarmNamePrefix prefix shared by every alarm name of this ModelAudit
 * @param slices each part's desired shape, in the order of the parts
 */
public record DesiredState(
    String region,
    AwsIdentity identity,
    String logGroupName,
    Map<String, String> tags,
    String ownerTag,
    String ownerUid,
    String alarmNamePrefix,
    DeletionPolicy deletionPolicy,
    boolean adoptExisting,
    Map<Part<?, ?>, Object> slices) {

  public DesiredState {
    tags = Map.copyOf(tags);
    slices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slices));
  }

  /** The same identity with no part's slice yet. */
  public static DesiredState identity(
      String region,
      AwsIdentity identity,
      String logGroupName,
      Map<String, String> tags,
      String ownerTag,
      String ownerUid,
      String alarmNamePrefix,
      DeletionPolicy deletionPolicy,
      boolean adoptExisting) {
    return new DesiredState(
        region,
        identity,
        logGroupName,
        tags,
        ownerTag,
        ownerUid,
        alarmNamePrefix,
        deletionPolicy,
        adoptExisting,
        Map.of());
  }

  /** The account (through the identity) and region every part of this ModelAudit lives in. */
  public AwsTarget target() {
    return new AwsTarget(identity, region);
  }

  /** This part's desired shape. */
  @SuppressWarnings("unchecked")
  public <D> D of(Part<D, ?> part) {
    Object slice = slices.get(part);
    if (slice == null && !slices.containsKey(part)) {
      throw new IllegalStateException("no desired " + part.name() + " (not derived yet)");
    }
    return (D) slice;
  }

  /** A copy with this part's desired shape added or replaced. */
  public <D> DesiredState with(Part<D, ?> part, D slice) {
    Map<Part<?, ?>, Object> next = new LinkedHashMap<>(slices);
    next.put(Objects.requireNonNull(part, "part"), slice);
    return new DesiredState(
        region,
        identity,
        logGroupName,
        tags,
        ownerTag,
        ownerUid,
        alarmNamePrefix,
        deletionPolicy,
        adoptExisting,
        next);
  }
}
