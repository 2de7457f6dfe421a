package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Where a ModelAudit's AWS resources were made: the region and the log group. The operator records
 * it in the ModelAudit's annotations before its first write to AWS, and status repeats it; so the
 * record survives a status that was lost or erased (a crash between a create and the status patch),
 * and an edit of spec.region or spec.logGroup.name can never orphan what was made.
 *
 * @param logGroupName null when only the region is known
 * @param account the AWS account of the role the resources were made with; null when they were made
 *     with the operator's own identity (or before accounts were recorded)
 */
public record Home(String region, String logGroupName, String account) {

  public Home(String region, String logGroupName) {
    this(region, logGroupName, null);
  }

  /** Annotation holding the region the resources were made in. */
  public static final String REGION_ANNOTATION = "modelaudit.io/region";

  /** Annotation holding the name of the log group the resources were made in. */
  public static final String LOG_GROUP_ANNOTATION = "modelaudit.io/log-group";

  /**
   * Annotation holding the AWS account of the mapped role the resources were made with; absent for
   * the operator's own identity.
   */
  public static final String ACCOUNT_ANNOTATION = "modelaudit.io/aws-account";

  /** The home status or the annotations record; empty when nothing was ever written to AWS. */
  public static Optional<Home> of(ModelAudit resource) {
    ModelAuditStatus status = resource.getStatus();
    Map<String, String> annotations =
        resource.getMetadata().getAnnotations() == null
            ? Map.of()
            : resource.getMetadata().getAnnotations();
    String region = annotations.get(REGION_ANNOTATION);
    String group = annotations.get(LOG_GROUP_ANNOTATION);
    if (status != null && status.getRegion() != null) {
      region = status.getRegion();
    }
    if (status != null && status.getLogGroup() != null && status.getLogGroup().getName() != null) {
      group = status.getLogGroup().getName();
    }
    String account = annotations.get(ACCOUNT_ANNOTATION);
    return region == null ? Optional.empty() : Optional.of(new Home(region, group, account));
  }

  /** Whether the ModelAudit's annotations already record this home. */
  public boolean isRecordedIn(ModelAudit resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null
        && region.equals(annotations.get(REGION_ANNOTATION))
        && logGroupName != null
        && logGroupName.equals(annotations.get(LOG_GROUP_ANNOTATION))
        && java.util.Objects.equals(account, annotations.get(ACCOUNT_ANNOTATION));
  }

  /**
   * The annotations that record this home; without the account for the operator's own identity (a
   * home is recorded only when it agrees with the one already recorded, so nothing needs removing).
   */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new java.util.HashMap<>();
    annotations.put(REGION_ANNOTATION, region);
    annotations.put(LOG_GROUP_ANNOTATION, logGroupName);
    if (account != null) {
      annotations.put(ACCOUNT_ANNOTATION, account);
    }
    return annotations;
  }
}
