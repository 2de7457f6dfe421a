package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.SpecRules;
import java.util.Map;

/** Tag keys the operator sets on every log group and alarm it manages. */
public final class Tags {

  /** namespace/name of the ModelAudit that owns the resource. */
  public static final String OWNER = "modelaudit.io/owner";

  /**
   * metadata.uid of the ModelAudit that owns the resource: tells one incarnation of a
   * namespace/name from a later one, so a resource retained from a deleted ModelAudit is not taken
   * over silently.
   */
  public static final String OWNER_UID = "modelaudit.io/owner-uid";

  /** Name of the Kubernetes cluster whose operator manages the resource. */
  public static final String CLUSTER = "modelaudit.io/cluster";

  /**
   * How the resource came under the operator: {@value #CREATED} or {@value #ADOPTED}. What the
   * operator did not make, it never deletes.
   */
  public static final String ORIGIN = "modelaudit.io/origin";

  /** {@link #ORIGIN} of a resource the operator created. */
  public static final String CREATED = "created";

  /** {@link #ORIGIN} of a resource that existed before and was adopted (spec.adoptExisting). */
  public static final String ADOPTED = "adopted";

  /** spec.model.name. */
  public static final String MODEL = "modelaudit.io/model";

  /** spec.model.version. */
  public static final String MODEL_VERSION = "modelaudit.io/model-version";

  /** Prefix reserved for the operator's own tags. */
  public static final String RESERVED_PREFIX = SpecRules.OPERATOR_TAG_PREFIX;

  /** AWS's limit on the tags of one resource (log groups and alarms alike). */
  public static final int MAX_PER_RESOURCE = 50;

  private Tags() {}

  /** Whether AWS manages this key itself (such keys can be neither set nor removed). */
  public static boolean isAwsReserved(String key) {
    return key.regionMatches(true, 0, "aws:", 0, 4);
  }

  /** Whether the key is one of the operator's own. */
  public static boolean isOperators(String key) {
    return key.startsWith(RESERVED_PREFIX);
  }

  /** Whether the tags say the resource was adopted rather than created by the operator. */
  public static boolean isAdopted(Map<String, String> tags) {
    return ADOPTED.equals(tags.get(ORIGIN));
  }
}
