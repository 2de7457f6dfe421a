package io.modelaudit.operator.part.logstreams;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamChanges.CreateLogStream;
import io.modelaudit.operator.part.logstreams.LogStreamChanges.DeleteLogStream;
import io.modelaudit.operator.status.EventReason;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The log streams of the log group. Streams hold events, so one dropped from the spec is deleted
 * only under deletionPolicy Delete, and only when the operator made it: streams an adopted group
 * held before are never deleted.
 */
public final class LogStreamsPart implements Part<List<String>, LogStreamsPart.Observed> {

  public static final LogStreamsPart PART = new LogStreamsPart();

  /** The stream created when spec.logStreams is absent. */
  public static final String DEFAULT_LOG_STREAM = "events";

  /**
   * The streams of the group the operator cares about.
   *
   * @param existing those of the desired and managed streams that exist, or every stream of the
   *     group when this read records what an adopted group held; empty when the group does not
   *     exist
   * @param managed the streams status says the operator created or keeps
   */
  public record Observed(List<String> existing, Set<String> managed) {
    public Observed {
      existing = List.copyOf(existing);
      managed = Set.copyOf(managed);
    }
  }

  private LogStreamsPart() {}

  @Override
  public String name() {
    return "log streams";
  }

  @Override
  public List<String> desired(DesiredInput input) {
    List<String> streams = input.spec().getLogStreams();
    return streams == null ? List.of(DEFAULT_LOG_STREAM) : List.copyOf(streams);
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return Optional.of(desired.of(PART).size() + " stream(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    ModelAuditStatus status = read.status();
    Set<String> managed =
        status == null || status.getLogStreams() == null
            ? Set.of()
            : Set.copyOf(status.getLogStreams());
    if (!LogGroupPart.exists(read.soFar())) {
      return new Observed(List.of(), managed);
    }
    String group = read.desired().logGroupName();
    if (LogGroupPart.recordsAdoption(read.desired(), read.soFar())) {
      // once per adoption: every stream the group held before, none of which may ever be deleted
      return new Observed(read.gateway().listLogStreams(group), managed);
    }
    // Otherwise asked for by name: a group may hold thousands of streams (one per pod and day,
    // say), and listing them all would cost a call per 50.
    Set<String> wanted = new TreeSet<>(read.desired().of(PART));
    wanted.addAll(managed);
    List<String> existing =
        wanted.stream().filter(stream -> read.gateway().logStreamExists(group, stream)).toList();
    return new Observed(existing, managed);
  }

  /**
   * The streams the operator may delete: in a group it made, any; in an adopted group, none that
   * the group held before (when that record is lost, none at all that exist).
   */
  private static Set<String> deletable(DesiredState desired, Observation observed) {
    Observed has = observed.of(PART);
    Set<String> deletable = new TreeSet<>(has.existing());
    if (LogGroupPart.isAdopted(desired, observed)) {
      Optional<AdoptionStatus> record = LogGroupPart.adoptionRecord(desired, observed);
      if (record.isEmpty() || record.get().getLogStreams() == null) {
        return Set.of();
      }
      deletable.removeAll(record.get().getLogStreams());
    }
    return deletable;
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    List<String> want = desired.of(PART);
    Observed has = observed.of(PART);
    Set<String> existing = new LinkedHashSet<>(has.existing());
    for (String stream : want) {
      if (!existing.contains(stream)) {
        out.add(new CreateLogStream(desired.logGroupName(), stream));
      }
    }
    // deletion protection guards the group's events: AWS refuses to delete its streams, so none
    // is planned (it would stall the ModelAudit on a write that can never succeed)
    if (desired.deletionPolicy() == DeletionPolicy.Delete
        && !LogGroupPart.isDeletionProtected(observed)) {
      Set<String> deletable = deletable(desired, observed);
      has.managed().stream()
          .filter(s -> deletable.contains(s) && !want.contains(s))
          .sorted()
          .forEach(s -> out.add(new DeleteLogStream(desired.logGroupName(), s)));
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    boolean groupGoes = LogGroupPart.deletedAtCleanup(desired, observed);
    boolean adopted = LogGroupPart.isAdopted(desired, observed);
    if (!groupGoes && !(adopted && desired.deletionPolicy() == DeletionPolicy.Delete)) {
      return;
    }
    Observed has = observed.of(PART);
    Set<String> streams = new TreeSet<>(has.managed());
    streams.addAll(desired.of(PART));
    Set<String> deletable = deletable(desired, observed);
    has.existing().stream()
        .filter(s -> streams.contains(s) && deletable.contains(s))
        .sorted()
        .forEach(s -> out.write(new DeleteLogStream(desired.logGroupName(), s)));
    if (adopted) {
      List<String> kept = has.existing().stream().filter(s -> !deletable.contains(s)).toList();
      if (!kept.isEmpty()) {
        out.keep(
            new Cleanup.Kept(
                false,
                EventReason.Kept,
                "log streams "
                    + kept
                    + " of adopted log group "
                    + desired.logGroupName()
                    + " were there before this ModelAudit and are kept"));
      }
    }
  }

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    Observed has = observed.of(PART);
    Set<String> streams = new LinkedHashSet<>(desired.of(PART));
    streams.addAll(has.managed());
    List<String> existing = streams.stream().filter(has.existing()::contains).toList();
    next.setLogStreams(existing.isEmpty() ? null : existing);
    if (LogGroupPart.recordsAdoption(desired, observed) && next.getAdoption() != null) {
      next.getAdoption().setLogStreams(has.existing().stream().sorted().toList());
    }
  }
}
