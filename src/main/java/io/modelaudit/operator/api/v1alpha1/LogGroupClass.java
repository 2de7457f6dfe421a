package io.modelaudit.operator.api.v1alpha1;

/** CloudWatch Logs log group class; fixed at creation. */
public enum LogGroupClass {
  STANDARD,
  INFREQUENT_ACCESS;
}
