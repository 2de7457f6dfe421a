package io.modelaudit.operator.part.loggroup;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.part.Tags;
import java.util.Map;
import java.util.Optional;

/**
 * The log group as AWS holds it.
 *
 * @param tags its tags; empty when it does not exist or the read did not take tags in
 * @param tagsRead whether the read took tags in (so that {@link #tags} says who owns the group)
 * @param record what status recorded that the group held when it was adopted, if anything
 */
public record ObservedGroup(
    Optional<ObservedLogGroup> group,
    Map<String, String> tags,
    boolean tagsRead,
    Optional<AdoptionStatus> record) {

  public static final ObservedGroup MISSING =
      new ObservedGroup(Optional.empty(), Map.of(), true, Optional.empty());

  public ObservedGroup {
    tags = Map.copyOf(tags);
  }

  /** A group as a full read sees it, with no adoption record. */
  public ObservedGroup(Optional<ObservedLogGroup> group, Map<String, String> tags) {
    this(group, tags, true, Optional.empty());
  }

  public boolean exists() {
    return group.isPresent();
  }

  /**
   * Whether the group was adopted rather than created by the operator, as far as the tags tell. A
   * group tagged before the origin tag existed counts as adopted when the spec says adoptExisting.
   */
  public boolean adopted(boolean adoptExisting) {
    String origin = tags.get(Tags.ORIGIN);
    return origin == null ? adoptExisting : origin.equals(Tags.ADOPTED);
  }
}
