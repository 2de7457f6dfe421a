package io.modelaudit.operator.part.subscriptions;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import io.modelaudit.operator.part.Change;

/** The writes the archive part makes. */
public final class SubscriptionChanges {

  private SubscriptionChanges() {}

  /** Creates or replaces a subscription filter. */
  public record PutSubscriptionFilter(SubscriptionFilterConfig filter, boolean exists)
      implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create")
          + " subscription filter "
          + filter.filterName()
          + " of "
          + filter.logGroupName()
          + " to "
          + filter.destinationArn();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putSubscriptionFilter(filter);
    }
  }

  /** Deletes a subscription filter: its events are no longer copied. */
  public record DeleteSubscriptionFilter(String logGroup, String filterName)
      implements Change.Delete {
    public String describe() {
      return "delete subscription filter " + filterName + " of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteSubscriptionFilter(logGroup, filterName);
    }
  }
}
