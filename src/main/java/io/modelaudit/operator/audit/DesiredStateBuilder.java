package io.modelaudit.operator.audit;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.profiles.PresetExpansion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pure function from a (valid) ModelAudit spec to the AWS state it asks for: the identity all parts
 * share, then each part's desired shape in order, from the spec with its presets expanded ({@link
 * PresetExpansion}).
 */
public final class DesiredStateBuilder {

  private DesiredStateBuilder() {}

  /**
   * Builds the desired state of a ModelAudit in the operator's own account; its spec must have
   * passed validation.
   */
  public static DesiredState build(ModelAudit resource, OperatorConfig config) {
    return build(resource, config, AwsIdentity.OWN);
  }

  /**
   * Builds the desired state of a ModelAudit whose namespace the account mapping resolved to this
   * identity; its spec must have passed validation.
   */
  public static DesiredState build(
      ModelAudit resource, OperatorConfig config, AwsIdentity identity) {
    return build(
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        resource.getMetadata().getUid(),
        resource.getSpec(),
        config,
        identity);
  }

  /**
   * Builds the desired state of a spec for a ModelAudit whose uid is not known (tests and tools);
   * the spec must have passed validation.
   */
  public static DesiredState build(
      String namespace, String name, ModelAuditSpec spec, OperatorConfig config) {
    return build(namespace, name, null, spec, config, AwsIdentity.OWN);
  }

  private static DesiredState build(
      String namespace,
      String name,
      String uid,
      ModelAuditSpec spec,
      OperatorConfig config,
      AwsIdentity identity) {
    return build(
        namespace,
        name,
        uid,
        spec,
        config,
        identity,
        Optional.ofNullable(spec.getRegion()).orElse(config.defaultRegion()),
        logGroupName(namespace, name, spec));
  }

  /**
   * Builds the desired state of a spec for resources that live where they were made: the home's
   * region and log group win over the spec's, which may have changed since (cleanup follows the
   * resources, not the edit).
   */
  public static DesiredState buildAt(
      ModelAudit resource,
      ModelAuditSpec spec,
      OperatorConfig config,
      Home home,
      AwsIdentity identity) {
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    String uid = resource.getMetadata().getUid();
    DesiredState fromSpec = build(namespace, name, uid, spec, config, identity);
    String region = home.region();
    String group = home.logGroupName() != null ? home.logGroupName() : fromSpec.logGroupName();
    if (region.equals(fromSpec.region()) && group.equals(fromSpec.logGroupName())) {
      return fromSpec;
    }
    return build(namespace, name, uid, spec, config, identity, region, group);
  }

  private static DesiredState build(
      String namespace,
      String name,
      String uid,
      ModelAuditSpec spec,
      OperatorConfig config,
      AwsIdentity identity,
      String region,
      String logGroupName) {
    DesiredState state =
        DesiredState.identity(
            region,
            identity,
            logGroupName,
            tags(namespace, name, uid, spec, config),
            Names.ownerTagValue(namespace, name),
            uid,
            Names.alarmNamePrefix(config.alarmNamePrefix(), namespace, name),
            spec.getDeletionPolicy() == null
                ? DeletionPolicy.Retain
                : DeletionPolicy.valueOf(spec.getDeletionPolicy()),
            Boolean.TRUE.equals(spec.getAdoptExisting()));
    // the presets expand before any part reads the spec, so the parts see them as written
    ModelAuditSpec expanded =
        PresetExpansion.expand(
            spec, Names.presetMetricNamespace(config.alarmNamePrefix(), namespace, name));
    for (Part<?, ?> part : AuditParts.IN_ORDER) {
      state = withSlice(part, new DesiredInput(namespace, name, expanded, config, state));
    }
    return state;
  }

  private static <D> DesiredState withSlice(Part<D, ?> part, DesiredInput input) {
    return input.soFar().with(part, part.desired(input));
  }

  /** The effective log group name of a spec: its own or the default. */
  public static String logGroupName(String namespace, String name, ModelAuditSpec spec) {
    LogGroupSpec group = spec == null ? null : spec.getLogGroup();
    return group != null && group.getName() != null
        ? group.getName()
        : Names.defaultLogGroupName(namespace, name);
  }

  private static Map<String, String> tags(
      String namespace, String name, String uid, ModelAuditSpec spec, OperatorConfig config) {
    Map<String, String> tags = new TreeMap<>();
    if (spec.getTags() != null) {
      tags.putAll(spec.getTags());
    }
    if (spec.getModel() != null && spec.getModel().getName() != null) {
      tags.put(Tags.MODEL, spec.getModel().getName());
    }
    if (spec.getModel() != null && spec.getModel().getVersion() != null) {
      tags.put(Tags.MODEL_VERSION, spec.getModel().getVersion());
    }
    tags.put(Tags.OWNER, Names.ownerTagValue(namespace, name));
    if (uid != null) {
      tags.put(Tags.OWNER_UID, uid);
    }
    tags.put(Tags.CLUSTER, config.clusterName());
    return new LinkedHashMap<>(tags);
  }
}
