package io.modelaudit.operator.api.v1alpha1;

/** How a CloudWatch alarm treats missing data points. */
public enum TreatMissingData {
  breaching,
  notBreaching,
  ignore,
  missing;
}
