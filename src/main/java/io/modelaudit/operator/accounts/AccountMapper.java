package io.modelaudit.operator.accounts;

import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccountSpec;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.config.AccountMappingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pure: the account of a namespace from the ModelAuditAccounts and the namespace's labels. A
 * mapping by name wins over one by labels; two mappings of the same kind for one namespace are a
 * conflict the administrator must resolve (the operator never guesses an account).
 */
public final class AccountMapper {

  private static final Pattern ROLE_ARN = Pattern.compile(ModelAuditAccountSpec.ROLE_ARN_PATTERN);
  private static final Pattern EXTERNAL_ID =
      Pattern.compile(ModelAuditAccountSpec.EXTERNAL_ID_PATTERN);

  private AccountMapper() {}

  public static AccountResolution resolve(
      AccountMappingMode mode,
      String namespace,
      Map<String, String> namespaceLabels,
      Collection<ModelAuditAccount> mappings) {
    if (mode == AccountMappingMode.OFF) {
      return AccountResolution.OWN;
    }
    List<ModelAuditAccount> sorted =
        mappings.stream()
            .filter(m -> m.getSpec() != null)
            .sorted(Comparator.comparing(m -> m.getMetadata().getName()))
            .toList();
    List<ModelAuditAccount> byName =
        sorted.stream()
            .filter(m -> m.getSpec().getNamespaces() != null)
            .filter(m -> m.getSpec().getNamespaces().contains(namespace))
            .toList();
    List<ModelAuditAccount> matched = byName;
    String how = "by name";
    if (matched.isEmpty()) {
      matched =
          sorted.stream()
              .filter(m -> m.getSpec().getNamespaceSelector() != null)
              .filter(m -> LabelSelectors.problem(m.getSpec().getNamespaceSelector()) == null)
              .filter(
                  m ->
                      LabelSelectors.matches(
                          m.getSpec().getNamespaceSelector(), labels(namespaceLabels)))
              .toList();
      how = "by labels";
    }
    if (matched.size() > 1) {
      return AccountResolution.problem(
          "namespace "
              + namespace
              + " is mapped "
              + how
              + " by several ModelAuditAccounts ("
              + String.join(", ", matched.stream().map(m -> m.getMetadata().getName()).toList())
              + "); the cluster administrator must leave exactly one");
    }
    if (matched.isEmpty()) {
      if (mode == AccountMappingMode.OPTIONAL) {
        return AccountResolution.OWN;
      }
      return AccountResolution.problem(
          "namespace "
              + namespace
              + " is not mapped to an AWS account, and the operator requires one"
              + " (MODELAUDIT_ACCOUNT_MAPPING=required); the cluster administrator must add it to"
              + " a ModelAuditAccount (spec.namespaces, or a spec.namespaceSelector matching its"
              + " labels)");
    }
    ModelAuditAccount mapping = matched.get(0);
    String problem = problem(mapping.getSpec());
    if (problem != null) {
      return AccountResolution.problem(
          "namespace "
              + namespace
              + " is mapped by ModelAuditAccount "
              + mapping.getMetadata().getName()
              + ", which is invalid: "
              + problem
              + "; the cluster administrator must fix it");
    }
    ModelAuditAccountSpec spec = mapping.getSpec();
    return AccountResolution.mapped(
        AwsIdentity.role(spec.getRoleArn(), spec.getExternalId(), spec.getSessionTags()),
        mapping.getMetadata().getName());
  }

  /** What is wrong with a mapping the API server let through (it may not check the CRD). */
  static String problem(ModelAuditAccountSpec spec) {
    if (spec.getRoleArn() == null || !ROLE_ARN.matcher(spec.getRoleArn()).matches()) {
      return "spec.roleArn must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>),"
          + " got "
          + spec.getRoleArn();
    }
    String externalId = spec.getExternalId();
    if (externalId != null
        && (!EXTERNAL_ID.matcher(externalId).matches()
            || externalId.length() < ModelAuditAccountSpec.EXTERNAL_ID_MIN
            || externalId.length() > ModelAuditAccountSpec.EXTERNAL_ID_MAX)) {
      return "spec.externalId must be 2 to 1224 characters of letters, digits and _+=,.@:/-";
    }
    Map<String, String> tags = spec.getSessionTags();
    if (tags != null) {
      if (tags.size() > ModelAuditAccountSpec.MAX_SESSION_TAGS) {
        return "spec.sessionTags may hold at most 50 tags, got " + tags.size();
      }
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
          return "spec.sessionTags keys must be 1 to 128 characters, got '" + tag.getKey() + "'";
        }
        if (tag.getValue() == null || tag.getValue().length() > 256) {
          return "spec.sessionTags." + tag.getKey() + " must be at most 256 characters";
        }
      }
    }
    if (spec.getNamespaceSelector() != null) {
      String selector = LabelSelectors.problem(spec.getNamespaceSelector());
      if (selector != null) {
        return "spec.namespaceSelector: " + selector;
      }
    }
    return null;
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }
}
