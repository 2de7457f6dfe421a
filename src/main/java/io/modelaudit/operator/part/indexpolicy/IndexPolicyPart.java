package io.modelaudit.operator.part.indexpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.IndexPolicyStatus;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.JsonDocuments;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyChanges.DeleteIndexPolicy;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyChanges.PutIndexPolicy;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.status.EventReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The log group's field index policy (spec.logGroup.indexFields), so that an auditor's query over
 * one conversation or request scans only the events that hold it. Only STANDARD log groups take one
 * (validation refuses index fields on INFREQUENT_ACCESS).
 *
 * <p>The document has no room for a marker, so the policy is the operator's when status says it put
 * it. Like masking, it serves the data that stays: it goes with the log group, is kept with a
 * retained group, and an adopted group gets back the policy it had.
 */
public final class IndexPolicyPart implements Part<Optional<String>, IndexPolicyPart.Observed> {

  public static final IndexPolicyPart PART = new IndexPolicyPart();

  /**
   * The log group's own index policy.
   *
   * @param document the group's own policy; empty when it has none or the group does not exist
   * @param managed whether status says the operator put it
   */
  public record Observed(Optional<String> document, boolean managed) {}

  private IndexPolicyPart() {}

  @Override
  public String name() {
    return "field index policy";
  }

  @Override
  public Optional<String> desired(DesiredInput input) {
    LogGroupSpec group = input.spec().getLogGroup();
    if (group == null || group.getIndexFields() == null || group.getIndexFields().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(document(group.getIndexFields()));
  }

  /** The policy document that indexes these fields. */
  public static String document(List<String> fields) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    ArrayNode array = document.putArray("Fields");
    fields.forEach(array::add);
    return JsonDocuments.write(document);
  }

  /** The fields a policy document indexes; empty when it cannot be read. */
  public static List<String> fieldsOf(String document) {
    JsonNode root = JsonDocuments.parse(document);
    List<String> fields = new ArrayList<>();
    if (root != null) {
      root.path("Fields").forEach(f -> fields.add(f.asText()));
      root.path("FieldsV2").fieldNames().forEachRemaining(fields::add);
    }
    return fields;
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return desired.of(PART).map(d -> fieldsOf(d).size() + " index field(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    ModelAuditStatus status = read.status();
    boolean managed =
        status != null
            && status.getIndexPolicy() != null
            && Boolean.TRUE.equals(status.getIndexPolicy().getManaged());
    if (!LogGroupPart.exists(read.soFar())) {
      return new Observed(Optional.empty(), managed);
    }
    return new Observed(read.gateway().getIndexPolicy(read.desired().logGroupName()), managed);
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    Optional<String> want = desired.of(PART);
    Observed has = observed.of(PART);
    String group = desired.logGroupName();
    if (want.isPresent()) {
      if (has.document().isEmpty()) {
        out.add(new PutIndexPolicy(group, want.get(), "create"));
      } else if (!JsonDocuments.same(has.document().get(), want.get())) {
        out.add(
            new PutIndexPolicy(
                group, want.get(), has.managed() ? "update" : "replace the (not operator-made)"));
      }
    } else if (has.document().isPresent()
        && has.managed()
        && LogGroupPart.isOwned(desired, observed)) {
      release(desired, observed, out::add, k -> {});
    }
  }

  private static void release(
      DesiredState desired,
      Observation observed,
      Consumer<Change> write,
      Consumer<Cleanup.Kept> keep) {
    String group = desired.logGroupName();
    if (!LogGroupPart.isAdopted(desired, observed)) {
      write.accept(new DeleteIndexPolicy(group));
      return;
    }
    Optional<AdoptionStatus> record = LogGroupPart.adoptionRecord(desired, observed);
    if (record.isEmpty()) {
      keep.accept(
          new Cleanup.Kept(
              false,
              EventReason.Kept,
              "field index policy of adopted log group "
                  + group
                  + " is kept: the record of the policy it had before is lost"));
    } else if (record.get().getIndexPolicy() != null) {
      write.accept(
          new PutIndexPolicy(group, record.get().getIndexPolicy(), "put back the adopted group's"));
    } else {
      write.accept(new DeleteIndexPolicy(group));
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    Observed has = observed.of(PART);
    boolean ours = has.managed() || desired.of(PART).isPresent();
    if (!LogGroupPart.isOwned(desired, observed)
        || has.document().isEmpty()
        || !ours
        || LogGroupPart.deletedAtCleanup(desired, observed)) {
      return;
    }
    if (LogGroupPart.isAdopted(desired, observed)) {
      release(desired, observed, out::write, out::keep);
      return;
    }
    out.keep(
        new Cleanup.Kept(
            false,
            EventReason.Kept,
            "field index policy of "
                + desired.logGroupName()
                + " is kept with the log group, so queries over what it holds stay fast"));
  }

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    Observed has = observed.of(PART);
    boolean wanted = desired.of(PART).isPresent();
    if (has.document().isEmpty()) {
      next.setIndexPolicy(null);
    } else {
      // the operator's once it put it (wanted and in place); it stays so until removed
      boolean managed =
          (wanted && JsonDocuments.same(has.document().get(), desired.of(PART).get()))
              || has.managed();
      next.setIndexPolicy(new IndexPolicyStatus(fieldsOf(has.document().get()), managed));
    }
    if (LogGroupPart.recordsAdoption(desired, observed) && next.getAdoption() != null) {
      next.getAdoption().setIndexPolicy(has.document().orElse(null));
    }
  }
}
