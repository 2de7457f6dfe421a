package io.modelaudit.operator.part.dataprotection;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.DataProtectionSpec;
import io.modelaudit.operator.api.v1alpha1.DataProtectionStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.JsonDocuments;
import io.modelaudit.operator.part.Marker;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Ownership;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.dataprotection.DataProtectionChanges.DeletePolicy;
import io.modelaudit.operator.part.dataprotection.DataProtectionChanges.PutPolicy;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.status.EventReason;
import java.util.List;
import java.util.Optional;

/**
 * Masking of personal data: the log group's data protection policy, built by the operator from
 * spec.dataProtection. It masks events ingested after it is set. The policy carries the operator's
 * ownership marker, so only a policy the operator made is ever removed.
 *
 * <p>A policy protects data, so it does not vanish while the data stays: it goes with the log group
 * (deletionPolicy Delete), is kept with a retained group (Retain), and is removed while the
 * ModelAudit lives only when the spec drops dataProtection. An adopted group is handed back as it
 * was found: the policy it had before (recorded in status.adoption) is put back, or the operator's
 * is removed when it had none.
 */
public final class DataProtectionPart
    implements Part<Optional<DesiredMasking>, DataProtectionPart.Observed> {

  public static final DataProtectionPart PART = new DataProtectionPart();

  /**
   * The log group's policy.
   *
   * @param document the group's own policy document; empty when it has none or the group does not
   *     exist
   */
  public record Observed(Optional<String> document) {}

  private DataProtectionPart() {}

  @Override
  public String name() {
    return "data protection policy";
  }

  @Override
  public Optional<DesiredMasking> desired(DesiredInput input) {
    DataProtectionSpec spec = input.spec().getDataProtection();
    if (spec == null) {
      return Optional.empty();
    }
    DesiredState soFar = input.soFar();
    return Optional.of(
        new DesiredMasking(
            PolicyDocument.identifierNames(spec),
            PolicyDocument.build(spec, Names.partition(soFar.region()), Marker.of(soFar))));
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return desired.of(PART).map(m -> "masking of " + m.identifiers().size() + " identifier(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    if (!LogGroupPart.exists(read.soFar())) {
      return new Observed(Optional.empty());
    }
    return new Observed(read.gateway().getDataProtectionPolicy(read.desired().logGroupName()));
  }

  /** Whether the document's marker says it is this ModelAudit's. */
  static boolean isOwn(DesiredState desired, String document) {
    return Marker.claim(desired, PolicyDocument.markerText(document)) == Ownership.Claim.THIS;
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    Optional<DesiredMasking> want = desired.of(PART);
    Optional<String> has = observed.of(PART).document();
    String group = desired.logGroupName();
    if (want.isPresent()) {
      if (has.isEmpty()) {
        out.add(new PutPolicy(group, want.get().document(), "create"));
      } else if (!JsonDocuments.same(has.get(), want.get().document())) {
        out.add(
            new PutPolicy(
                group,
                want.get().document(),
                isOwn(desired, has.get()) ? "update" : "replace the (not operator-made)"));
      }
    } else if (has.isPresent()
        && LogGroupPart.isOwned(desired, observed)
        && isOwn(desired, has.get())) {
      release(desired, observed, out::add, k -> {});
    }
  }

  /**
   * Takes the operator's policy off: in a group it made, deletes it; in an adopted group, puts back
   * what the group had (or deletes the operator's when it had none, or keeps it when the record of
   * what it had is lost).
   */
  private static void release(
      DesiredState desired,
      Observation observed,
      java.util.function.Consumer<Change> write,
      java.util.function.Consumer<Cleanup.Kept> keep) {
    String group = desired.logGroupName();
    if (!LogGroupPart.isAdopted(desired, observed)) {
      write.accept(new DeletePolicy(group));
      return;
    }
    Optional<AdoptionStatus> record = LogGroupPart.adoptionRecord(desired, observed);
    if (record.isEmpty()) {
      keep.accept(
          new Cleanup.Kept(
              true,
              EventReason.Kept,
              "data protection policy of adopted log group "
                  + group
                  + " is kept: the record of the policy the group had before is lost, so it"
                  + " cannot be put back"));
    } else if (record.get().getDataProtectionPolicy() != null) {
      write.accept(
          new PutPolicy(
              group, record.get().getDataProtectionPolicy(), "put back the adopted group's"));
    } else {
      write.accept(new DeletePolicy(group));
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    Optional<String> has = observed.of(PART).document();
    if (!LogGroupPart.isOwned(desired, observed)
        || has.isEmpty()
        || !isOwn(desired, has.get())
        || LogGroupPart.deletedAtCleanup(desired, observed)) {
      return; // nobody's to remove here, or it goes with the log group
    }
    if (LogGroupPart.isAdopted(desired, observed)) {
      release(desired, observed, out::write, out::keep);
      return;
    }
    out.keep(
        new Cleanup.Kept(
            false,
            EventReason.Kept,
            "data protection policy of "
                + desired.logGroupName()
                + " is kept with the log group: new events stay masked; delete it in AWS if it"
                + " is no longer wanted"));
  }

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    Optional<String> has = observed.of(PART).document();
    if (!LogGroupPart.exists(observed)) {
      next.setDataProtection(null);
    } else if (has.isEmpty()) {
      next.setDataProtection(
          desired.of(PART).isPresent() ? new DataProtectionStatus(false, false, null) : null);
    } else {
      next.setDataProtection(
          new DataProtectionStatus(
              true, isOwn(desired, has.get()), PolicyDocument.identifiersOf(has.get())));
    }
    if (LogGroupPart.recordsAdoption(desired, observed) && next.getAdoption() != null) {
      next.getAdoption().setDataProtectionPolicy(has.orElse(null));
    }
  }
}
