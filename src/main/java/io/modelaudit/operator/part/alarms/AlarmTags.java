package io.modelaudit.operator.part.alarms;

import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Ownership;
import io.modelaudit.operator.part.TagDiff;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmChanges.UntagAlarm;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tag rules of the operator's alarms, metric and composite alike: created ones carry the
 * ModelAudit's tags with origin created; adopted ones keep what they had and lose only the
 * operator's own when given back.
 */
public final class AlarmTags {

  private AlarmTags() {}

  /** Whether an alarm of this ModelAudit was adopted rather than created by the operator. */
  public static boolean isAdopted(DesiredState desired, Map<String, String> tags) {
    String origin = tags.get(Tags.ORIGIN);
    return origin == null ? desired.adoptExisting() : origin.equals(Tags.ADOPTED);
  }

  /** The tags an alarm of this ModelAudit lacks or has with another value. */
  public static Map<String, String> toTag(DesiredState desired, Map<String, String> tags) {
    String origin = isAdopted(desired, tags) ? Tags.ADOPTED : Tags.CREATED;
    return TagDiff.missing(Ownership.withOrigin(desired.tags(), origin), tags);
  }

  /**
   * The tags to remove: from an alarm the operator made, every tag the spec does not ask for; from
   * an adopted one, only the operator's own.
   */
  public static Set<String> toUntag(DesiredState desired, Map<String, String> tags) {
    return isAdopted(desired, tags)
        ? TagDiff.extraOnAdopted(desired.tags(), tags, null)
        : TagDiff.extra(desired.tags(), tags);
  }

  /** The untag that gives an adopted alarm back as it was found: without the operator's tags. */
  public static Optional<Change> release(String name, String arn, Map<String, String> tags) {
    Set<String> own = TagDiff.toRelease(tags, null);
    return own.isEmpty() ? Optional.empty() : Optional.of(new UntagAlarm(name, arn, own));
  }
}
