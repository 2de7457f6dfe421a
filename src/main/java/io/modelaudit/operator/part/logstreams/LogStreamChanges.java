package io.modelaudit.operator.part.logstreams;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;

/** The writes the log streams part makes. */
public final class LogStreamChanges {

  private LogStreamChanges() {}

  /** Creates a log stream. */
  public record CreateLogStream(String logGroup, String stream) implements Change.Create {
    public String describe() {
      return "create log stream " + stream + " in " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.createLogStream(logGroup, stream);
    }
  }

  /** Deletes a log stream and its events. */
  public record DeleteLogStream(String logGroup, String stream) implements Change.Delete {
    public String describe() {
      return "delete log stream " + stream + " of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteLogStream(logGroup, stream);
    }
  }
}
