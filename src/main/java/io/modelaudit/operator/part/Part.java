package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One AWS part of a ModelAudit (the log group, its streams, the metric filters, the alarms, ...):
 * everything the operator knows about that part, in one place. The reconcile walks the parts in
 * dependency order, and in reverse order for cleanup; a part may read the slices of the parts
 * before it, never of those after.
 *
 * <p>Every method but {@link #observe} is pure. A part holds no state: implementations are
 * singletons, and the part itself is the key of its slice in {@link DesiredState} and {@link
 * Observation}.
 *
 * @param <D> this part's desired shape
 * @param <O> what AWS holds for this part, as {@link #observe} read it
 */
public interface Part<D, O> {

  /** What the part is called in logs, e.g. "log group". */
  String name();

  /** This part's desired shape, from a spec that passed validation. */
  D desired(DesiredInput input);

  /**
   * How much of this part the desired state holds, for the Ready message, e.g. "2 alarm(s)"; empty
   * for a part that is not counted.
   */
  default Optional<String> summary(DesiredState desired) {
    return Optional.empty();
  }

  /** Reads what AWS holds for this part; the only method that calls AWS. */
  O observe(ReadContext read);

  /**
   * What AWS holds for this part once the converge made these writes, for status. By default it is
   * read again ({@link ReadMode#STATUS}); a part whose status shows only what its own writes set
   * derives it instead, since a write that succeeded tells what exists.
   *
   * @param read a {@link ReadMode#STATUS} read, {@code soFar} holding the other parts' state after
   *     the writes
   * @param before what {@link #observe} saw before the writes
   * @param applied every write of this reconcile that succeeded, of every part, in order
   */
  default O afterWrites(ReadContext read, O before, List<Change> applied) {
    return observe(read);
  }

  /**
   * Reasons the operator must not write anything for this ModelAudit (a resource of another owner,
   * a field AWS cannot change), added to {@code out}.
   */
  default void blockers(DesiredState desired, Observation observed, List<Blocker> out) {}

  /**
   * The ownership claims this part must write before anything else (adoptExisting): the claim tags
   * on a resource that is nobody's, added to {@code out}. When any part claims, the reconcile
   * writes only the claims and looks again, so that a second claimant is seen before any other
   * change.
   */
  default void claims(DesiredState desired, Observation observed, List<Change> out) {}

  /**
   * Why this reconcile must write nothing but status (for example: first record what an adopted
   * resource held, so that it is never removed); empty to go ahead.
   */
  default Optional<String> holds(DesiredState desired, Observation observed) {
    return Optional.empty();
  }

  /**
   * Why this reconcile must write nothing but status before this part creates something that
   * carries no tags (status is then its owner's only record); empty to go ahead.
   */
  default Optional<String> prepares(DesiredState desired, Observation observed) {
    return Optional.empty();
  }

  /** The writes that make AWS match the desired state, in order, added to {@code out}. */
  void converge(DesiredState desired, Observation observed, List<Change> out);

  /**
   * The removals of what the spec no longer asks for, added to {@code out}. They are planned after
   * every part converged, last part first, so that nothing is removed while something that stays
   * still depends on it (a composite alarm on the alarms it watches, an alarm on its anomaly
   * model). A part may as well remove in {@link #converge} when nothing can depend on it.
   */
  default void prune(DesiredState desired, Observation observed, List<Change> out) {}

  /**
   * Whether this part's desired shape could not be written in full because it refers to what the
   * parts before it are creating in this same reconcile (the ARN of a new alarm, say): then the
   * reconcile reads AWS again and plans once more after its writes.
   */
  default boolean awaitsEarlierParts(DesiredState desired, Observation observed) {
    return false;
  }

  /**
   * The writes that remove what the deletion policy says must go, touching only what this
   * ModelAudit made, and what is kept on purpose.
   */
  void cleanup(DesiredState desired, Observation observed, Cleanup out);

  /** Writes this part's entry of the status from what was observed. */
  void status(
      DesiredState desired, Observation observed, ModelAuditStatus previous, ModelAuditStatus next);

  /** Out-of-band changes the inventory's batched listings show, one line each, added to out. */
  default void drift(
      DesiredState desired, ModelAuditStatus status, Listings listings, List<String> out) {}

  /**
   * A status update from the listings alone (no AWS read), when they show something new about a
   * part that is otherwise in sync, such as an alarm's state; empty when nothing moved.
   */
  default Optional<Consumer<ModelAuditStatus>> refreshed(
      ModelAuditStatus status, Listings listings) {
    return Optional.empty();
  }
}
