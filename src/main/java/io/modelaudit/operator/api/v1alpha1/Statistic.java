package io.modelaudit.operator.api.v1alpha1;

/** CloudWatch alarm statistics. */
public enum Statistic {
  SampleCount,
  Average,
  Sum,
  Minimum,
  Maximum;
}
