package io.modelaudit.operator.api.v1alpha1;

/** How a subscription filter spreads events over a Kinesis stream's shards. */
public enum Distribution {
  ByLogStream,
  Random;
}
