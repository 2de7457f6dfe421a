package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.SpecRules;

/** Tag keys the operator sets on every log group and alarm it manages. */
public final class Tags {

  /** namespace/name of the ModelAudit that owns the resource. */
  public static final String OWNER = "modelaudit.io/owner";

  /** Name of the Kubernetes cluster whose operator manages the resource. */
  public static final String CLUSTER = "modelaudit.io/cluster";

  /** spec.model.name. */
  public static final String MODEL = "modelaudit.io/model";

  /** spec.model.version. */
  public static final String MODEL_VERSION = "modelaudit.io/model-version";

  /** Prefix reserved for the operator's own tags. */
  public static final String RESERVED_PREFIX = SpecRules.OPERATOR_TAG_PREFIX;

  private Tags() {}

  /** Whether AWS manages this key itself (such keys can be neither set nor removed). */
  public static boolean isAwsReserved(String key) {
    return key.regionMatches(true, 0, "aws:", 0, 4);
  }
}
