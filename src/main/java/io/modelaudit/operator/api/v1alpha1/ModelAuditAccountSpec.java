package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import lombok.Data;

/** Which namespaces use which IAM role. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class ModelAuditAccountSpec {

  /** An IAM role ARN: partition, 12-digit account, path and name. */
  public static final String ROLE_ARN_PATTERN =
      "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}$";

  /**
   * STS's rule for an external ID: these characters, 2 to 1224 of them (the length is a separate
   * rule: Kubernetes, like Helm, checks patterns with Go's regular expressions, which refuse a
   * repetition count above 1000).
   */
  public static final String EXTERNAL_ID_PATTERN = "^[A-Za-z0-9_+=,.@:/-]+$";

  public static final int EXTERNAL_ID_MIN = 2;
  public static final int EXTERNAL_ID_MAX = 1224;

  /** STS allows at most 50 session tags. */
  public static final int MAX_SESSION_TAGS = 50;

  @JsonPropertyDescription(
      "IAM role the operator assumes (sts:AssumeRole) for every ModelAudit of the matched"
          + " namespaces; its account is where their log groups and alarms live. Its trust policy"
          + " must let the operator's own role assume and tag it.")
  @Required
  @Pattern(ROLE_ARN_PATTERN)
  private String roleArn;

  @JsonPropertyDescription(
      "External ID sent with AssumeRole, when the role's trust policy requires one"
          + " (sts:ExternalId condition).")
  @Pattern(EXTERNAL_ID_PATTERN)
  @Size(min = EXTERNAL_ID_MIN, max = EXTERNAL_ID_MAX)
  private String externalId;

  @JsonPropertyDescription(
      "Session tags sent with AssumeRole (the trust policy must allow sts:TagSession); at most"
          + " 50, keys up to 128 and values up to 256 characters.")
  @Size(max = MAX_SESSION_TAGS)
  private Map<String, String> sessionTags;

  @JsonPropertyDescription(
      "Namespaces mapped by name. A namespace listed by name here uses this role even when a"
          + " label selector of another ModelAuditAccount matches it too.")
  private List<String> namespaces;

  @JsonPropertyDescription(
      "Namespaces mapped by their labels (matchLabels and matchExpressions, as in any Kubernetes"
          + " label selector; an empty selector matches every namespace). Only safe where tenants"
          + " cannot change their namespace's labels.")
  private LabelSelector namespaceSelector;
}
