package io.modelaudit.operator.reliability;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;

/** Specs the reliability scenarios share: rich enough that a converge makes many AWS calls. */
final class Specs {

  private Specs() {}

  /** Two streams, two filters, two alarms: eight mutating calls to create. */
  static final String RICH =
      """
      model: {name: churn, version: "1.0"}
      logGroup:
        retentionInDays: 7
      logStreams: [inference, audit]
      metricFilters:
        - name: errors
          pattern: '{ $.level = "ERROR" }'
          metric: {namespace: AIModelAuditing, name: ErrorCount, value: "1", defaultValue: 0, unit: Count}
        - name: latency
          pattern: '{ $.latency = * }'
          metric: {namespace: AIModelAuditing, name: Latency, value: "$.latency", unit: Milliseconds}
      alarms:
        - name: too-many-errors
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
        - name: slow
          metricFilter: latency
          extendedStatistic: p99
          period: 300
          evaluationPeriods: 3
          comparisonOperator: GreaterThanThreshold
          threshold: 250
      notifications:
        snsTopicArn: arn:aws:sns:us-east-1:123456789012:model-alerts
      tags: {Environment: production, Purpose: AIModelAuditing}
      deletionPolicy: Delete
      """;

  /**
   * RICH after an edit that touches every kind of part: retention changed, a stream removed and one
   * added, a filter changed, one removed and one added, an alarm changed, one removed and one
   * added, a tag changed and one removed.
   */
  static final String RICH_EDITED =
      """
      model: {name: churn, version: "1.1"}
      logGroup:
        retentionInDays: 30
      logStreams: [inference, training]
      metricFilters:
        - name: errors
          pattern: '{ $.level = "ERROR" || $.level = "FATAL" }'
          metric: {namespace: AIModelAuditing, name: ErrorCount, value: "1", defaultValue: 0, unit: Count}
        - name: low-confidence
          pattern: '{ $.confidence < 0.5 }'
          metric: {namespace: AIModelAuditing, name: LowConfidence, value: "1"}
      alarms:
        - name: too-many-errors
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 2
          comparisonOperator: GreaterThanThreshold
          threshold: 10
        - name: unsure
          metricFilter: low-confidence
          statistic: Sum
          period: 300
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 20
      notifications:
        snsTopicArn: arn:aws:sns:us-east-1:123456789012:model-alerts
      tags: {Environment: staging}
      deletionPolicy: Delete
      """;

  /**
   * RICH as namespace/name, publishing metrics of its own (see {@link Fixtures#withOwnMetrics}).
   */
  static ModelAudit rich(String namespace, String name) {
    return Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, RICH));
  }

  /** RICH_EDITED as namespace/name, publishing metrics of its own. */
  static ModelAudit richEdited(String namespace, String name) {
    return Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, RICH_EDITED));
  }

  static ModelAudit withPolicy(String namespace, String name, String policy) {
    return Fixtures.withOwnMetrics(
        Fixtures.resource(
            namespace, name, RICH.replace("deletionPolicy: Delete", "deletionPolicy: " + policy)));
  }
}
