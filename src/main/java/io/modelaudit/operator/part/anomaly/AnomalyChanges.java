package io.modelaudit.operator.part.anomaly;

import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;

/** The writes the anomaly detection part makes. */
public final class AnomalyChanges {

  private AnomalyChanges() {}

  /** Creates a model, or replaces its training settings. */
  public record PutAnomalyDetector(AnomalyDetectorConfig detector, boolean exists)
      implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create") + " anomaly detection model of " + detector.describe();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putAnomalyDetector(detector);
    }
  }

  /** Deletes a model the operator made. */
  public record DeleteAnomalyDetector(AnomalyDetectorConfig detector) implements Change.Delete {
    public String describe() {
      return "delete anomaly detection model of " + detector.describe();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteAnomalyDetector(detector);
    }
  }
}
